import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { clientMetaOf } from '@/auth/client-ip/client-meta';
import { Public } from '@/platform/http/public.decorator';
import { OAuthClientGuard } from '@/auth/guards/oauth-client.guard';
import { TOKEN_TYPES, TokenIntrospection } from '@/auth/tokens/token-introspection';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { NoStore } from '@/platform/http/no-store';
import { ErrorFormat } from '@/wire';
import { IntrospectionResponse } from './introspection.contract';
import { readTokenRequest } from './token-request';

const TOKEN_FORM = {
  type: 'object',
  required: ['token'],
  properties: {
    token: {
      type: 'string',
      maxLength: 8192,
      description: 'An access token, refresh token or v2 sessionToken.',
    },
    token_type_hint: {
      type: 'string',
      enum: [...TOKEN_TYPES],
      description: 'Optional; every kind is searched anyway.',
    },
  },
};

const CLIENT_AUTH =
  'Client authentication: HTTP Basic with an API_CLIENT_KEYS client name and secret ' +
  '(RFC 6749 section 2.3.1), or the secret in `X-Api-Key`. A user’s bearer token is not a client.';

/**
 * RFC 7662 token introspection and RFC 7009 token revocation for the
 * trusted back ends holding an API key: any token this service issued.
 */
@ApiTags('OAuth')
@ApiBasicAuth('oauth-client')
@ApiSecurity('X-Api-Key')
@ErrorFormat('oauth')
@Public()
@UseGuards(OAuthClientGuard)
@Controller('oauth')
export class OAuthController {
  constructor(
    private readonly tokens: TokenIntrospection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('introspect')
  @HttpCode(200)
  @NoStore()
  @ApiOperation({
    summary: 'Token introspection (RFC 7662)',
    description:
      `${CLIENT_AUTH} An expired, revoked, rotated, malformed or unknown token answers exactly ` +
      '`{"active": false}`.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: TOKEN_FORM })
  @ApiResponse({ status: 200, type: IntrospectionResponse, description: 'The token’s state.' })
  @ApiResponse({
    status: 400,
    description:
      '`invalid_request`: not a form, not UTF-8, no token, a repeated parameter, a token over 8192 characters or with control characters.',
  })
  @ApiResponse({
    status: 401,
    description: '`invalid_client`, with `WWW-Authenticate: Basic`.',
  })
  async introspect(@Req() request: IncomingMessage): Promise<IntrospectionResponse> {
    const { token, hint } = await readTokenRequest(request, this.config.bodyTimeoutMs);
    const active = await this.tokens.inspect(token, hint);
    if (!active) return { active: false };
    return {
      active: true,
      sub: active.userGuid,
      username: active.username,
      token_type: active.type,
      exp: Math.floor(active.expiresAt.getTime() / 1000),
      iat: Math.floor(active.issuedAt.getTime() / 1000),
      sid: active.sessionId,
      iss: this.config.jwt.issuer,
      aud: this.config.jwt.audience,
    };
  }

  @Post('revoke')
  @HttpCode(200)
  @NoStore()
  @ApiOperation({
    summary: 'Token revocation (RFC 7009)',
    description:
      `${CLIENT_AUTH} Revoking any of a session’s tokens ends the session (and so its access ` +
      'and refresh tokens). 200 with an empty body whether or not the token was known or live.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: TOKEN_FORM })
  @ApiResponse({ status: 200, description: 'Revoked, or nothing to revoke.' })
  @ApiResponse({
    status: 400,
    description: '`invalid_request`, as for introspection.',
  })
  @ApiResponse({
    status: 401,
    description: '`invalid_client`, with `WWW-Authenticate: Basic`.',
  })
  async revoke(@Req() request: IncomingMessage): Promise<void> {
    const { token, hint } = await readTokenRequest(request, this.config.bodyTimeoutMs);
    await this.tokens.revoke(token, hint, clientMetaOf(request).ip);
  }
}
