import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@/platform/http/public.decorator';

const CONSTANT = Object.freeze({ status: 'ok', service: 'session-gateway' });

/**
 * A constant route inside the service: it passes the whole request pipeline
 * (src/pipeline.ts: request entry with metrics and access log, global guard,
 * interceptor, filter), so `npm run bench` shows what the pipeline alone
 * costs beside the yardstick (a bare Nest app in its own process,
 * bench/bare-app.ts). Not a yardstick. Mounted only when PIPELINE_PROBE is set.
 */
@ApiExcludeController()
@Controller()
export class PipelineProbeController {
  @Get('pipeline-probe')
  @Public()
  probe(): object {
    return CONSTANT;
  }
}
