import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@/auth/guards/auth.decorators';

const CONSTANT = Object.freeze({ status: 'ok', service: 'session-gateway' });

/**
 * The `npm run bench` yardstick: a bare Nest route answering a constant plain
 * object. It passes the same global guard, interceptor and request logging as
 * every other route (the wire interceptor lets non-contracts through to Nest's
 * own JSON), so the ratio to it measures only what a real route adds.
 * Mounted only when BENCH_YARDSTICK is set.
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
