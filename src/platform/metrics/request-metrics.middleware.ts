import { Injectable, NestMiddleware } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { MetricsService } from './metrics.service';

type RoutedRequest = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/** Counts each request and its latency once the response is finished. */
@Injectable()
export class RequestMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      // The route pattern, not the raw URL, keeps label cardinality bounded.
      const route = request.route?.path
        ? `${request.baseUrl ?? ''}${request.route.path}`
        : 'unmatched';
      const status = String(response.statusCode);
      const method = request.method ?? 'GET';
      const mediaType = String(response.getHeader('content-type') ?? 'none').split(';')[0];
      this.metrics.requests.inc({ method, route, status, media_type: mediaType });
      this.metrics.latency.observe(
        { method, route, status },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  }
}
