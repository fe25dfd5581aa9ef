import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@/platform/http/public.decorator';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';

/** Mounted only when METRICS_TOKEN is set (see MetricsModule). */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Not a user route: the scraper's token replaces the session bearer. */
  @Get()
  @Public()
  @UseGuards(MetricsTokenGuard)
  @ApiBearerAuth()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Requests by route, status and negotiated media type with latency histograms, active sessions, ' +
      'logins and login failures, and database pool state. Served only to a scraper presenting ' +
      '`Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); absent when METRICS_TOKEN is not set. ' +
      'METRICS_PORT serves it on a separate listener instead (127.0.0.1 by default).',
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
