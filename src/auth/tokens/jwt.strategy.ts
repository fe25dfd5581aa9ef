import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { SessionActivity } from '@/sessions/session-activity.service';
import { Principal } from '../principal';
import { ACCESS_TOKEN_ALGORITHM, AccessTokenClaims } from './access-token.service';
import { memoizeJwtVerification } from './verified-token-memo';

memoizeJwtVerification();

/**
 * Verifies the bearer JWT with the algorithm pinned (no `none`, no RS/HS
 * confusion), issuer and audience checked, `exp` required, and then checks
 * that its session is still alive: a revoked session's token fails at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly activity: SessionActivity,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails)
      // to parse it as a PEM public key on every verification. passport-jwt hands it to
      // jsonwebtoken untouched; only its typings are narrower.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as Buffer,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<Principal | false> {
    if (
      typeof claims.exp !== 'number' ||
      typeof claims.sid !== 'number' ||
      typeof claims.sub !== 'string'
    ) {
      return false;
    }
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
