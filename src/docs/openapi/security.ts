import {
  SecurityRequirementObject,
  SecuritySchemeObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DocumentedRoute } from '@/docs/routes/documented-route';

/** Scheme names as the swagger decorators use them (`@ApiBearerAuth()` → `bearer`, `@ApiBasicAuth()` → `basic`). */
export const SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Access token (`UserToken`, `Token`, v2 `accessToken`): a JWT (HS256 by default, EdDSA or RS256 with JWT_ALGORITHM), 15 minutes by default. Every request ' +
      'checks that its session is still active, so a revoked session stops working at once. A refresh token ' +
      'or v2 sessionToken is not a bearer token.',
  },
  basic: {
    type: 'http',
    scheme: 'basic',
    description: '`POST /Auth/Login` only: `Authorization: Basic base64(user:password)`.',
  },
  'X-Api-Key': {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description:
      '`POST /api/Auth` and `/oauth/*`: one of `API_CLIENT_KEYS`, the secrets of trusted callers.',
  },
  'oauth-client': {
    type: 'http',
    scheme: 'basic',
    description:
      '`/oauth/introspect` and `/oauth/revoke`: `Basic base64(client name:secret)` of an ' +
      '`API_CLIENT_KEYS` entry (RFC 6749 section 2.3.1).',
  },
  'X-Refresh-Token': {
    type: 'apiKey',
    in: 'header',
    name: 'X-Refresh-Token',
    description:
      '`POST /Auth/Refresh` only: the refresh token (`Props["RefreshToken"]`, JSON `refreshToken`). ' +
      'Single use: it is rotated on every refresh, and presenting a rotated one ends the session.',
  },
};

/**
 * Who may call a route: a bearer token unless it is public; the schemes its
 * controller declares otherwise. A public route whose body is optional takes
 * the same credentials in the body instead, so its scheme is optional (`{}`).
 * A public route without a scheme says so with `[]` (no credentials).
 */
export function securityOf(
  route: DocumentedRoute,
  declared: SecurityRequirementObject[] | undefined,
): SecurityRequirementObject[] {
  const security = [...(declared ?? [])];
  if (!route.isPublic && !security.some((requirement) => 'bearer' in requirement))
    security.push({ bearer: [] });
  if (route.isPublic && route.body?.optional && security.length > 0) security.push({});
  return security;
}

/** Headers that are credentials are described by the security schemes, not as parameters. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'x-refresh-token']);
