import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { AuthErrors } from '../auth-errors';
import { ApiClientKeys } from './api-client-keys';

const API_CLIENT = Symbol('apiClient');
type WithApiClient = IncomingMessage & { [API_CLIENT]?: string };

/**
 * Trusted callers of `POST api/Auth` present one of API_CLIENT_KEYS in
 * `X-Api-Key`; the request then carries that client's name (`@ApiClientName()`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly clients: ApiClientKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WithApiClient>();
    const presented = request.headers['x-api-key'];
    const client = typeof presented === 'string' ? this.clients.clientOf(presented) : undefined;
    if (client === undefined) throw AuthErrors.invalidApiKey();
    request[API_CLIENT] = client;
    return true;
  }
}

/** The name of the API client ApiKeyGuard let in. */
export const ApiClientName = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const client = context.switchToHttp().getRequest<WithApiClient>()[API_CLIENT];
  if (client === undefined) throw new Error('ApiKeyGuard did not run for this request');
  return client;
});
