import { Strategy } from 'passport-jwt';

type Done = (error: Error | null, payload?: unknown) => void;
type Verifier = ((token: string, key: unknown, options: object, done: Done) => void) & {
  memoized?: true;
};

interface Verified {
  key: unknown;
  exp: number;
  payload: unknown;
}

const MAX_TOKENS = 10_000;

/**
 * passport-jwt runs jsonwebtoken on every request: decode, two JSON parses and
 * an HMAC for the same bearer string a client sends again and again. This
 * wraps its verifier (`Strategy.JwtVerifier`, the hook passport-jwt exposes)
 * so that a token string that verified once, with the same key and options,
 * is taken as verified again until its `exp` (checked on every hit, as
 * jsonwebtoken does: expired when now >= exp). Failures are never remembered,
 * and the session liveness check still runs on every request, so revocation
 * is unaffected. Tokens carrying `nbf` are not memoized.
 */
export function memoizeJwtVerification(): void {
  const holder = Strategy as unknown as { JwtVerifier: Verifier };
  if (holder.JwtVerifier.memoized) return;
  const verify = holder.JwtVerifier;
  const byOptions = new WeakMap<object, Map<string, Verified>>();
  const memo: Verifier = (token, key, options, done) => {
    let verified = byOptions.get(options);
    const hit = verified?.get(token);
    if (hit && hit.key === key && Date.now() / 1000 < hit.exp) return done(null, hit.payload);
    verify(token, key, options, (error, payload) => {
      const claims = payload as { exp?: unknown; nbf?: unknown } | undefined;
      if (!error && claims && typeof claims.exp === 'number' && claims.nbf === undefined) {
        if (!verified) byOptions.set(options, (verified = new Map()));
        if (verified.size >= MAX_TOKENS) verified.clear();
        verified.set(token, { key, exp: claims.exp, payload: Object.freeze(claims) });
      }
      done(error, payload);
    });
  };
  memo.memoized = true;
  holder.JwtVerifier = memo;
}
