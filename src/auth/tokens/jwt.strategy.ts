import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt } from 'passport-jwt';
import { Strategy } from 'passport-strategy';
import { SessionActivity } from '@/sessions/session-activity.service';
import { Principal } from '../principal';
import { TokenVerifier } from './token-verifier';

type Verify = (
  token: string,
  done: (error: Error | null, principal?: Principal | false) => void,
) => void;

const bearerOf = ExtractJwt.fromAuthHeaderAsBearerToken();

/** Passport's side of the bearer check: the token out of `Authorization`, verified by TokenVerifier. */
class BearerTokenStrategy extends Strategy {
  constructor(private readonly verifyToken: Verify) {
    super();
  }

  override authenticate(request: Request): void {
    const token = bearerOf(request);
    if (!token) return this.fail(401);
    this.verifyToken(token, (error, principal) => {
      if (error) this.error(error);
      else if (principal) this.success(principal);
      else this.fail(401);
    });
  }
}

/**
 * The bearer JWT, checked by TokenVerifier (algorithm pinned, kid resolved,
 * issuer, audience, `exp`), and then its session still alive: a revoked
 * session's token fails at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly activity: SessionActivity,
  ) {
    super();
  }

  async validate(token: string): Promise<Principal | false> {
    const claims = await this.verifier.verify(token);
    if (!claims) return false;
    const state = await this.activity.liveSession(claims.sid);
    if (!state || state.userGuid !== claims.sub) return false;
    return {
      userId: state.userId,
      userGuid: state.userGuid,
      sessionId: state.id,
      permissions: state.permissions,
    };
  }
}
