import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, KeyObject } from 'node:crypto';
import { JwtPayload, verify, VerifyOptions } from 'jsonwebtoken';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { SessionActivity } from '@/sessions/session-activity.service';
import { SessionState } from '@/sessions/sessions.repository';
import { Principal } from '../principal';
import { ACCESS_TOKEN_ALGORITHM } from './access-token.service';

interface Verified {
  exp: number;
  sid: number;
  sub: string;
}

const MAX_REMEMBERED_TOKENS = 10_000;

/** `Authorization: <scheme> <value>`, read as passport-jwt's `fromAuthHeaderAsBearerToken` did. */
const AUTH_HEADER = /(\S+)\s+(\S+)/;

/** The bearer token of an `Authorization` header, or null when there is none. */
export function bearerTokenOf(authorization: string | undefined): string | null {
  const parts = typeof authorization === 'string' ? AUTH_HEADER.exec(authorization) : null;
  return parts && parts[1].toLowerCase() === 'bearer' ? parts[2] : null;
}

/**
 * The bearer check of every authenticated request: the JWT verified with the
 * algorithm pinned (no `none`, no RS/HS confusion), issuer and audience
 * checked and `exp` required, then its session checked alive (a revoked
 * session's token fails at once).
 *
 * A token string that verified once is taken as verified again until its
 * `exp` (checked on every hit, as jsonwebtoken does: expired when now >= exp),
 * sparing the decode, two JSON parses and an HMAC for the string a client
 * sends again and again. Failures are never remembered, tokens carrying `nbf`
 * are not remembered, and the liveness check runs on every request, so
 * revocation is unaffected. A fresh session-cache hit is answered without a
 * promise.
 */
@Injectable()
export class BearerVerifier {
  private readonly key: KeyObject;
  private readonly options: VerifyOptions & { complete?: false };
  private readonly verified = new Map<string, Verified>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly activity: SessionActivity,
  ) {
    // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails)
    // to parse it as a PEM public key on every verification.
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
    this.options = {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    };
  }

  /** The caller's principal, or null for a missing, invalid or expired token or an ended session. */
  principalOf(authorization: string | undefined): Principal | null | Promise<Principal | null> {
    const token = bearerTokenOf(authorization);
    const claims = token === null ? null : this.claimsOf(token);
    if (!claims) return null;
    const state = this.activity.liveSession(claims.sid, claims.sub);
    return state instanceof Promise ? state.then(principalFrom) : principalFrom(state);
  }

  private claimsOf(token: string): Verified | null {
    const hit = this.verified.get(token);
    if (hit) {
      if (Date.now() / 1000 < hit.exp) return hit;
      this.verified.delete(token);
    }
    let payload: JwtPayload | string;
    try {
      payload = verify(token, this.key, this.options);
    } catch {
      return null;
    }
    if (
      typeof payload !== 'object' ||
      typeof payload.exp !== 'number' ||
      typeof payload.sid !== 'number' ||
      typeof payload.sub !== 'string'
    )
      return null;
    const claims: Verified = { exp: payload.exp, sid: payload.sid, sub: payload.sub };
    if (payload.nbf === undefined) {
      if (this.verified.size >= MAX_REMEMBERED_TOKENS) this.verified.clear();
      this.verified.set(token, claims);
    }
    return claims;
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
