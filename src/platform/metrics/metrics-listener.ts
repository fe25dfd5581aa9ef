import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { presentsMetricsToken } from './metrics-access';
import { MetricsService } from './metrics.service';

/**
 * The separate metrics listener (`METRICS_PORT` on `METRICS_HOST`, 127.0.0.1
 * by default): a bare http server answering `GET /metrics` and nothing else,
 * so the scrape stays off the public port. `METRICS_TOKEN`, when set, is
 * required here too.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.metrics;
    if (port === undefined) return;
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where it listens (undefined without METRICS_PORT). */
  address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    const token = this.config.metrics.token;
    if (path !== '/metrics') return plain(response, 404, 'Not found.');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return plain(response, 405, 'Method not allowed.');
    }
    if (token && !presentsMetricsToken(request.headers.authorization, token)) {
      return plain(response, 401, 'A bearer token is required.');
    }
    try {
      const text = await this.metrics.registry.metrics();
      response.writeHead(200, { 'Content-Type': this.metrics.registry.contentType });
      response.end(request.method === 'HEAD' ? undefined : text);
    } catch {
      plain(response, 500, 'The metrics could not be collected.');
    }
  }
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
