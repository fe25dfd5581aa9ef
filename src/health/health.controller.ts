import { Controller, Get } from '@nestjs/common';
import { Public } from '@/auth/guards/auth.decorators';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';

@ApiTags('operations')
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
  @ApiOperation({
    summary: 'Liveness and database check',
    description:
      'Public. 200 with terminus JSON while the database answers; 503 otherwise, written as a Web API ' +
      '`HttpError` like every other error. Outside the wire layer: the 200 body is JSON only.',
  })
  check() {
    return this.health.check([() => this.database.ping()]);
  }
}
