import { createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { ClientMeta } from '@/sessions/sessions.service';
import { nodeRequest } from '@/wire/http/http-adapter';
import { TrustedProxies } from './client-ip';

/** Who is calling: the client IP (behind trusted proxies only) and its User-Agent. */
@Injectable()
export class ClientMetaResolver {
  private readonly proxies: TrustedProxies;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.proxies = new TrustedProxies(config.trustedProxies);
  }

  resolve(request: IncomingMessage): ClientMeta {
    const userAgent = request.headers['user-agent'];
    return {
      ip: this.proxies.clientIp(
        request.socket.remoteAddress ?? '',
        request.headers['x-forwarded-for'],
      ),
      userAgent: typeof userAgent === 'string' && userAgent.length > 0 ? userAgent : null,
    };
  }
}

const META = Symbol('clientMeta');
type WithMeta = IncomingMessage & { [META]?: ClientMeta };

/**
 * Resolves the caller once per request, before guards (the throttler keys on
 * the IP); the request pipeline (src/pipeline.ts) calls it on Node's request.
 */
export function attachClientMeta(request: IncomingMessage, resolver: ClientMetaResolver): void {
  (request as WithMeta)[META] = resolver.resolve(request);
}

/** The caller of a request (the framework's request object or Node's own). */
export function clientMetaOf(request: unknown): ClientMeta {
  const meta = (nodeRequest(request) as WithMeta)[META];
  if (!meta) throw new Error('attachClientMeta did not run for this request');
  return meta;
}

export const Client = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ClientMeta =>
    clientMetaOf(context.switchToHttp().getRequest<unknown>()),
);
