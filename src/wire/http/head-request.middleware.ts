import { Injectable, NestMiddleware, NotFoundException } from '@nestjs/common';
import { requestMethod, requestPath } from './http-adapter';
import { RouteTable } from './route-table';

/**
 * Express answers HEAD with a route's GET handler; Web API does not: a HEAD
 * on a route without an explicit HEAD action is 405 with `Allow`. Reported as
 * an unmatched route, which the exception filter turns into that 405.
 */
@Injectable()
export class HeadRequestMiddleware implements NestMiddleware {
  constructor(private readonly routes: RouteTable) {}

  use(request: unknown, _response: unknown, next: (error?: unknown) => void): void {
    if (requestMethod(request) !== 'HEAD') return next();
    const allowed = this.routes.allowedMethods(requestPath(request));
    // paths outside the controllers (static docs) and routes with a HEAD action go on as usual
    if (allowed.length === 0 || allowed.includes('HEAD')) return next();
    next(new NotFoundException());
  }
}
