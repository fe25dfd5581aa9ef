import { Injectable } from '@nestjs/common';
import { SessionTokenKind } from '@/sessions/entities/session-token.entity';
import { SessionsService } from '@/sessions/sessions.service';
import { hashOpaqueToken, isOpaqueTokenShape } from './opaque-token';
import { TokenVerifier } from './token-verifier';

/** The three tokens this service hands out, named as RFC 7009's `token_type_hint` names them. */
export const TOKEN_TYPES = ['access_token', 'refresh_token', 'session_token'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** What is known about a live token. */
export interface ActiveToken {
  type: TokenType;
  sessionId: number;
  userGuid: string;
  username: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** `revoke_reason` of a session ended through RFC 7009 revocation. */
export const REVOKED_BY_CLIENT_REASON = 'oauth_revoke';

const OPAQUE_KIND: Record<Exclude<TokenType, 'access_token'>, SessionTokenKind> = {
  refresh_token: 'refresh',
  session_token: 'session',
};

/**
 * Introspection and revocation of any token we issued (RFC 7662, RFC 7009).
 * A token is live only while its session is: a rotated refresh token, an
 * expired or badly signed JWT, a revoked session, an unknown string — all
 * alike are simply not live, so the answer tells a guesser nothing more.
 */
@Injectable()
export class TokenIntrospection {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly sessions: SessionsService,
  ) {}

  async inspect(token: string, hint?: TokenType): Promise<ActiveToken | null> {
    const found = await this.find(token, hint);
    if (!found) return null;
    const active = await this.sessions.findActive(found.sessionId);
    if (!active || (found.userGuid !== undefined && active.user.guid !== found.userGuid)) {
      return null;
    }
    return {
      type: found.type,
      sessionId: active.session.id,
      userGuid: active.user.guid,
      username: active.user.username,
      issuedAt: found.issuedAt,
      // An opaque token lives as long as its session; a JWT also stops at its own exp.
      expiresAt: found.expiresAt ?? active.session.expiresAt,
    };
  }

  /** Ends the session of a live token (RFC 7009 revokes the whole grant); does nothing otherwise. */
  async revoke(token: string, hint: TokenType | undefined, ip: string | null): Promise<void> {
    const active = await this.inspect(token, hint);
    if (!active) return;
    await this.sessions.end(
      active.sessionId,
      { actorUserId: null, reason: REVOKED_BY_CLIENT_REASON },
      ip,
    );
  }

  private async find(
    token: string,
    hint: TokenType | undefined,
  ): Promise<{
    type: TokenType;
    sessionId: number;
    userGuid?: string;
    issuedAt: Date;
    expiresAt?: Date;
  } | null> {
    if (isOpaqueTokenShape(token)) {
      const order: Array<keyof typeof OPAQUE_KIND> =
        hint === 'session_token'
          ? ['session_token', 'refresh_token']
          : ['refresh_token', 'session_token'];
      for (const type of order) {
        const owner = await this.sessions.tokenOwner(hashOpaqueToken(token), OPAQUE_KIND[type]);
        // A rotated token was exchanged already: it is no longer a credential.
        if (owner) return owner.rotated ? null : { type, ...owner };
      }
      return null;
    }
    const claims = await this.verifier.verify(token);
    if (!claims) return null;
    return {
      type: 'access_token',
      sessionId: claims.sid,
      userGuid: claims.sub,
      issuedAt: new Date(claims.iat * 1000),
      expiresAt: new Date(claims.exp * 1000),
    };
  }
}
