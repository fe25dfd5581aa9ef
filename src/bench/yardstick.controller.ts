import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@/platform/http/public.decorator';

const CONSTANT = Object.freeze({ status: 'ok', service: 'session-gateway' });

/**
 * A constant route inside the service: it passes the same global guard,
 * interceptor, middlewares and request logging as every other route, so
 * `npm run bench` shows, beside the real yardstick (a bare Nest app in its
 * own process, bench/bare-app.ts), what the request pipeline alone costs.
 * Not a yardstick itself. Mounted only when BENCH_YARDSTICK is set.
 */
@ApiExcludeController()
@Controller('bench')
export class YardstickController {
  @Get('yardstick')
  @Public()
  yardstick(): object {
    return CONSTANT;
  }
}
