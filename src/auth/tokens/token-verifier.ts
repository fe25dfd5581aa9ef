import { Inject, Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { AccessTokenClaims } from './access-token.service';
import { parseJws, verifyJwsSignature } from './jws';
import { SigningKeys } from './signing-keys';

interface Verified {
  key: KeyObject;
  kid: unknown;
  claims: AccessTokenClaims;
}

const MAX_MEMO = 10_000;

/** Header members that would make us trust keys or rules the token itself brings along. */
const REFUSED_HEADER_MEMBERS = ['crit', 'jku', 'jwk', 'x5u', 'x5c'];

const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/**
 * Checks an access token: the configured algorithm only (an HS256 token is
 * refused when EdDSA is configured and vice versa, `none` always), the kid
 * resolved among our own current and not-yet-expired previous keys, the
 * signature, issuer, audience, `exp` (required) and `nbf`. Says nothing about
 * the session: the caller checks it is still alive.
 *
 * A token string that verified is remembered with its key until its `exp`,
 * so the HMAC or signature check and the JSON parsing run once per token, not
 * once per request; the key is resolved again on every hit, so a key whose
 * overlap ends stops verifying its tokens at once. Failures are not remembered.
 */
@Injectable()
export class TokenVerifier {
  private readonly memo = new Map<string, Verified>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SigningKeys,
  ) {}

  /**
   * The claims of a token that verified before, is before its `exp` and whose
   * key is still current in the fresh key cache: no I/O, no crypto. Undefined
   * when any of that is not known at once; then `verify` decides.
   */
  remembered(token: string): AccessTokenClaims | undefined {
    const hit = this.memo.get(token);
    if (!hit || Date.now() / 1000 >= hit.claims.exp) return undefined;
    return this.keys.freshVerificationKey(hit.kid) === hit.key ? hit.claims : undefined;
  }

  async verify(token: string): Promise<AccessTokenClaims | null> {
    const now = Date.now() / 1000;
    const hit = this.memo.get(token);
    if (hit) {
      const key = await this.keys.verificationKey(hit.kid);
      if (key === hit.key && now < hit.claims.exp) return hit.claims;
      this.memo.delete(token);
    }
    const jws = parseJws(token);
    if (!jws || jws.header.alg !== this.keys.algorithm) return null;
    if (REFUSED_HEADER_MEMBERS.some((member) => member in jws.header)) return null;
    const key = await this.keys.verificationKey(jws.header.kid);
    if (!key || !verifyJwsSignature(this.keys.algorithm, key, jws)) return null;
    const claims = this.validClaims(jws.payload, now);
    if (!claims) return null;
    if (this.memo.size >= MAX_MEMO) this.memo.clear();
    this.memo.set(token, { key, kid: jws.header.kid, claims });
    return claims;
  }

  private validClaims(payload: unknown, now: number): AccessTokenClaims | null {
    if (typeof payload !== 'object' || payload === null) return null;
    const claims = payload as Record<string, unknown>;
    const { issuer, audience } = this.config.jwt;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.iss !== issuer || !audiences.includes(audience)) return null;
    if (!isInteger(claims.exp) || now >= claims.exp) return null;
    if (claims.nbf !== undefined && (!isInteger(claims.nbf) || now < claims.nbf)) return null;
    if (!isInteger(claims.sid) || typeof claims.sub !== 'string' || !isInteger(claims.iat)) {
      return null;
    }
    return Object.freeze({
      sub: claims.sub,
      sid: claims.sid,
      iat: claims.iat,
      exp: claims.exp,
      iss: issuer,
      aud: audience,
    });
  }
}
