import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { AuthErrors } from '../auth-errors';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

const API_CLIENT = Symbol('apiClient');
type WithApiClient = IncomingMessage & { [API_CLIENT]?: string };

/**
 * Trusted callers of `POST api/Auth` present one of API_CLIENT_KEYS in
 * `X-Api-Key`; the request then carries that client's name (`@ApiClientName()`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Array<{ name: string; digest: Buffer }>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Compare digests: equal lengths for timingSafeEqual, and no early exit on length.
    this.keys = config.apiClients.map((client) => ({
      name: client.name,
      digest: digest(client.secret),
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WithApiClient>();
    const presented = request.headers['x-api-key'];
    if (typeof presented === 'string' && presented.length > 0) {
      const candidate = digest(presented);
      let client: string | undefined;
      // Every key is compared, so the time taken says nothing about which one matched.
      for (const key of this.keys) if (timingSafeEqual(key.digest, candidate)) client = key.name;
      if (client !== undefined) {
        request[API_CLIENT] = client;
        return true;
      }
    }
    throw AuthErrors.invalidApiKey();
  }
}

/** The name of the API client ApiKeyGuard let in. */
export const ApiClientName = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const client = context.switchToHttp().getRequest<WithApiClient>()[API_CLIENT];
  if (client === undefined) throw new Error('ApiKeyGuard did not run for this request');
  return client;
});
