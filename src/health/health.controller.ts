import { Controller, Get } from '@nestjs/common';
import { Public } from '@/auth/guards/auth.decorators';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  /** 200 while the database answers, 503 otherwise (terminus throws ServiceUnavailable). */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.ping()]);
  }
}
