import { Injectable } from '@nestjs/common';
import { SessionActivity } from '@/sessions/session-activity.service';
import { SessionState } from '@/sessions/sessions.repository';
import { Principal } from '../principal';
import { AccessTokenClaims } from './access-token.service';
import { TokenVerifier } from './token-verifier';

/** `Authorization: <scheme> <value>`, read as passport-jwt's `fromAuthHeaderAsBearerToken` did. */
const AUTH_HEADER = /(\S+)\s+(\S+)/;

/** The bearer token of an `Authorization` header, or null when there is none. */
export function bearerTokenOf(authorization: string | undefined): string | null {
  const parts = typeof authorization === 'string' ? AUTH_HEADER.exec(authorization) : null;
  return parts && parts[1].toLowerCase() === 'bearer' ? parts[2] : null;
}

/**
 * The bearer check of every authenticated request: the JWT checked by
 * TokenVerifier (algorithm pinned, kid resolved among our keys, issuer,
 * audience, `exp` required), then its session checked alive on every request
 * (a revoked session's token fails at once). A token TokenVerifier remembers
 * with a still-current key, and a fresh session-cache hit, are answered
 * without a promise.
 */
@Injectable()
export class BearerVerifier {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly activity: SessionActivity,
  ) {}

  /** The caller's principal, or null for a missing, invalid or expired token or an ended session. */
  principalOf(authorization: string | undefined): Principal | null | Promise<Principal | null> {
    const token = bearerTokenOf(authorization);
    if (token === null) return null;
    const remembered = this.tokens.remembered(token);
    if (remembered) return this.principalFor(remembered);
    return this.tokens.verify(token).then((claims) => (claims ? this.principalFor(claims) : null));
  }

  private principalFor(claims: AccessTokenClaims): Principal | null | Promise<Principal | null> {
    const state = this.activity.liveSession(claims.sid, claims.sub);
    return state instanceof Promise ? state.then(principalFrom) : principalFrom(state);
  }
}

function principalFrom(state: SessionState | null): Principal | null {
  if (!state) return null;
  return {
    userId: state.userId,
    userGuid: state.userGuid,
    sessionId: state.id,
    permissions: state.permissions,
  };
}
