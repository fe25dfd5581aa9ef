import {
  INestApplication,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Server, ServerResponse } from 'node:http';
import type { Logger as PinoRoot } from 'pino';
import { AuthModule } from '@/auth/auth.module';
import { attachClientMeta, ClientMetaResolver } from '@/auth/client-ip/client-meta';
import { AccessGuard } from '@/auth/guards/access.guard';
import { ACCESS_LOGGER } from '@/platform/logging/logging.module';
import { MetricsService } from '@/platform/metrics/metrics.service';
import { enterRequestContext } from '@/platform/request-context/request-context';
import { requestIdFor } from '@/platform/request-context/request-id';
import { WIRE_SETTINGS, WireSettings } from '@/wire';
import { boundRequestBodies } from '@/wire/http/body-bounds';
import { HeadRequestMiddleware } from '@/wire/http/head-request.middleware';
import { nodeRequest, nodeResponse, onEveryRequest, routePattern } from '@/wire/http/http-adapter';
import { WireExceptionFilter } from '@/wire/http/wire-exception.filter';
import { WireResponseInterceptor } from '@/wire/http/wire-response.interceptor';

/**
 * The request pipeline, registered here and nowhere else. A request meets, in order:
 *
 * 1. Node's http server: body bounds (`Expect: 100-continue` refused for an
 *    over-long declared body; a lingering close after an answer sent before
 *    its body ended), see `installRequestPipeline`;
 * 2. the request entry, one hook before routing (`installRequestPipeline`):
 *    the request id (the caller's sane `X-Request-Id` or a fresh one, echoed
 *    and bound to the request context so audit events carry it), the client
 *    meta (IP behind trusted proxies, User-Agent), and once the response has
 *    finished one metrics observation and one access-log line;
 * 3. HEAD on a route without a HEAD action: 405 (`HeadRequestMiddleware`);
 * 4. the global guard `AccessGuard`: `@Public()` or a live bearer JWT
 *    (`BearerVerifier`: algorithm pinned, verification memo, session liveness
 *    on every request) and the route's permissions;
 * 5. the handler, its `@WireBody` decoded from the raw bytes;
 * 6. `WireResponseInterceptor`: a contract result written in the negotiated format;
 * 7. `WireExceptionFilter`: every error in the caller's format.
 */
@Module({
  imports: [AuthModule],
  providers: [{ provide: APP_GUARD, useExisting: AccessGuard }],
})
export class PipelineModule {}

/**
 * Steps 3, 6 and 7: the wire layer's part, which needs no authentication
 * (the wire e2e tests run their fixture controllers behind exactly this).
 */
@Module({
  providers: [
    { provide: APP_INTERCEPTOR, useExisting: WireResponseInterceptor },
    { provide: APP_FILTER, useExisting: WireExceptionFilter },
  ],
})
export class WirePipelineModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(HeadRequestMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.HEAD });
  }
}

/** Steps 1 and 2; called once by createApp, before the app is initialised. */
export function installRequestPipeline(app: INestApplication): void {
  installBodyBounds(app);
  installRequestEntry(app);
}

/** Step 1. */
export function installBodyBounds(app: INestApplication): void {
  boundRequestBodies(app.getHttpServer() as Server, app.get<WireSettings>(WIRE_SETTINGS));
}

type Level = 'info' | 'warn' | 'error';

/** Step 2. */
function installRequestEntry(app: INestApplication): void {
  const metrics = app.get(MetricsService);
  const clients = app.get(ClientMetaResolver);
  const log = app.get<PinoRoot>(ACCESS_LOGGER);

  onEveryRequest(app, (request, response) => {
    const started = performance.now();
    const req = nodeRequest(request);
    const res = nodeResponse(response);
    const id = requestIdFor(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', id);
    enterRequestContext(id);
    attachClientMeta(req, clients);
    res.once('close', () => {
      const ms = performance.now() - started;
      const method = req.method ?? 'GET';
      if (res.writableFinished)
        metrics.recordRequest(
          method,
          routePattern(request) ?? 'unmatched',
          res.statusCode,
          mediaTypeOf(res),
          ms / 1000,
        );
      const level: Level =
        res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      if (!log.isLevelEnabled(level)) return;
      // The query string may carry IP= and search terms; only the path is logged.
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      log[level](
        {
          req: { id, method, path: query === -1 ? url : url.slice(0, query) },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(ms),
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
  });
}

function mediaTypeOf(res: ServerResponse): string {
  const type = res.getHeader('content-type');
  if (type === undefined) return 'none';
  const text = String(type);
  const semicolon = text.indexOf(';');
  return semicolon === -1 ? text : text.slice(0, semicolon);
}
