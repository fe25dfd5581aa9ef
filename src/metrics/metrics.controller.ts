import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@/auth/guards/auth.decorators';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Public like /health: meant for the scraper on the internal network; it holds no personal data. */
  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Requests by route, status and negotiated media type with latency histograms, active sessions, ' +
      'logins and login failures, lockouts and database pool state. Unauthenticated, like /health: ' +
      'expose it only on the internal network.',
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
