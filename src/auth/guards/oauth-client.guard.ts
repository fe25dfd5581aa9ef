import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { DomainError } from '@/platform/errors/domain-error';
import { parseBasicCredentials } from '../basic-credentials';
import { ApiClientKeys } from './api-client-keys';

const OAUTH_CLIENT = Symbol('oauthClient');
type WithOAuthClient = IncomingMessage & { [OAUTH_CLIENT]?: string };

/** RFC 6749 section 2.3.1: client id and secret are form-encoded before Basic encodes them. */
function formDecoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Client authentication for the RFC 7662/7009 endpoints: HTTP Basic with an
 * API_CLIENT_KEYS client's name and secret (RFC 6749 section 2.3.1), or the
 * secret alone in `X-Api-Key` as `POST api/Auth` takes it. Anything else,
 * a user's bearer token included, is `invalid_client`.
 */
@Injectable()
export class OAuthClientGuard implements CanActivate {
  constructor(private readonly clients: ApiClientKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WithOAuthClient>();
    const client = this.basicClient(request) ?? this.apiKeyClient(request);
    if (client === undefined) {
      throw new DomainError('Unauthenticated', 'InvalidClient', 'Client authentication failed.');
    }
    request[OAUTH_CLIENT] = client;
    return true;
  }

  private basicClient(request: IncomingMessage): string | undefined {
    const basic = parseBasicCredentials(request.headers.authorization);
    if (!basic) return undefined;
    const name = formDecoded(basic.username);
    const secret = formDecoded(basic.password);
    if (name === undefined || secret === undefined) return undefined;
    const client = this.clients.clientOf(secret);
    return client === name ? client : undefined;
  }

  private apiKeyClient(request: IncomingMessage): string | undefined {
    const presented = request.headers['x-api-key'];
    return typeof presented === 'string' ? this.clients.clientOf(presented) : undefined;
  }
}

/** The name of the client OAuthClientGuard let in. */
export const OAuthClientName = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const client = context.switchToHttp().getRequest<WithOAuthClient>()[OAUTH_CLIENT];
  if (client === undefined) throw new Error('OAuthClientGuard did not run for this request');
  return client;
});
