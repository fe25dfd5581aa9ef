import { Controller, Get } from '@nestjs/common';
import { Public } from '@/platform/http/public.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';

const FAILURE =
  '503 otherwise, written as a Web API `HttpError` like every other error. Outside the wire layer: ' +
  'the 200 body is terminus JSON only.';

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
    summary: 'Database check (kept for existing probes)',
    description: `Public. 200 with terminus JSON while the database answers; ${FAILURE}`,
  })
  check() {
    return this.health.check([() => this.database.ping()]);
  }

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness: the process answers',
    description:
      'Public. 200 whenever the event loop answers; no database call, so a database outage never ' +
      'gets the process restarted.',
  })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: database reachable, migrations applied, not shutting down',
    description: `Public. 200 when all three hold; ${FAILURE}`,
  })
  ready() {
    return this.health.check([
      () => this.database.accepting(),
      () => this.database.ping(),
      () => this.database.migrations(),
    ]);
  }
}
