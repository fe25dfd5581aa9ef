import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { signJws } from './jws';
import { SigningKeys } from './signing-keys';

export interface AccessTokenClaims {
  sub: string;
  sid: number;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

/**
 * Short-lived JWTs naming the user (`sub`, the user GUID) and the session
 * (`sid`), signed with the configured algorithm's current key (`kid` in the
 * header for EdDSA/RS256, so other services find it in the JWKS).
 */
@Injectable()
export class AccessTokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SigningKeys,
  ) {}

  async issue(userGuid: string, sessionId: number, now = new Date()): Promise<IssuedAccessToken> {
    const { kid, key } = await this.keys.signingKey();
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.config.jwt.accessTokenTtlSeconds;
    const claims: AccessTokenClaims & { sid: number } = {
      sid: sessionId,
      iat,
      exp,
      aud: this.config.jwt.audience,
      iss: this.config.jwt.issuer,
      sub: userGuid,
    };
    const header = { alg: this.keys.algorithm, typ: 'JWT' as const, ...(kid ? { kid } : {}) };
    return { token: signJws(header, claims, key), expiresAt: new Date(exp * 1000) };
  }
}
