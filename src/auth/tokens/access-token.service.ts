import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { APP_CONFIG, AppConfig } from '@/platform/config';

/** The one algorithm we sign with and the only one the verifier accepts. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

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

/** Short-lived JWTs naming the user (`sub`, the user GUID) and the session (`sid`). */
@Injectable()
export class AccessTokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  issue(userGuid: string, sessionId: number, now = new Date()): IssuedAccessToken {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.config.jwt.accessTokenTtlSeconds;
    const token = sign({ sid: sessionId, iat, exp }, this.config.jwt.secret, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      subject: userGuid,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }
}
