import { createHash, createHmac, KeyObject, sign, timingSafeEqual, verify } from 'node:crypto';
import { JwtAlgorithm } from '@/platform/config';

/** Longer bearer strings are refused unread: ours are well under 1 KiB, RS256 ones under 2. */
export const MAX_JWT_LENGTH = 8192;

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface JwsHeader {
  alg: JwtAlgorithm;
  typ: 'JWT';
  kid?: string;
}

/** A compact JWS split into its parts; nothing checked yet but the shape. */
export interface ParsedJws {
  header: Record<string, unknown>;
  payload: unknown;
  signingInput: string;
  signature: Buffer;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * One signer for the three algorithms, on node:crypto: jsonwebtoken knows no
 * EdDSA, and jose is a test-only dependency (the independent check of our
 * tokens). HS256 tokens keep the header and claims jsonwebtoken gave them.
 */
export function signJws(header: JwsHeader, payload: object, key: KeyObject): string {
  const signingInput = `${encode(header)}.${encode(payload)}`;
  return `${signingInput}.${signature(header.alg, key, signingInput).toString('base64url')}`;
}

function signature(algorithm: JwtAlgorithm, key: KeyObject, input: string): Buffer {
  const data = Buffer.from(input, 'ascii');
  switch (algorithm) {
    case 'HS256':
      return createHmac('sha256', key).update(data).digest();
    case 'EdDSA':
      return sign(null, data, key);
    case 'RS256':
      return sign('sha256', data, key);
  }
}

/** The parts of a compact JWS, or null when it is not one (size, shape, JSON). */
export function parseJws(token: string): ParsedJws | null {
  if (token.length > MAX_JWT_LENGTH || !COMPACT.test(token)) return null;
  const [headerPart, payloadPart, signaturePart] = token.split('.');
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return null;
  return {
    header: header as Record<string, unknown>,
    payload,
    signingInput: `${headerPart}.${payloadPart}`,
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

/**
 * Whether `signature` is `algorithm`'s signature of the input under `key`.
 * The algorithm is the caller's (the configured one), never the token's header.
 */
export function verifyJwsSignature(
  algorithm: JwtAlgorithm,
  key: KeyObject,
  jws: ParsedJws,
): boolean {
  const data = Buffer.from(jws.signingInput, 'ascii');
  switch (algorithm) {
    case 'HS256': {
      const expected = createHmac('sha256', key).update(data).digest();
      return expected.length === jws.signature.length && timingSafeEqual(expected, jws.signature);
    }
    case 'EdDSA':
      return key.asymmetricKeyType === 'ed25519' && verify(null, data, key, jws.signature);
    case 'RS256':
      return key.asymmetricKeyType === 'rsa' && verify('sha256', data, key, jws.signature);
  }
}

/** An RFC 7517 public key as JWKS publishes it. */
export interface PublicJwk {
  kty: 'OKP' | 'RSA';
  crv?: 'Ed25519';
  x?: string;
  n?: string;
  e?: string;
  kid: string;
  alg: 'EdDSA' | 'RS256';
  use: 'sig';
}

/**
 * The public JWK of an Ed25519 or RSA key, built from named members only, so
 * nothing private (`d`, `p`, `q`, `dp`, `dq`, `qi`) can be copied along.
 */
export function publicJwkOf(key: KeyObject, alg: 'EdDSA' | 'RS256', kid: string): PublicJwk {
  const jwk = key.export({ format: 'jwk' });
  if (alg === 'EdDSA') return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg, use: 'sig' };
  return { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg, use: 'sig' };
}

/** RFC 7638 thumbprint (SHA-256, base64url): a kid every instance derives alike from the key itself. */
export function jwkThumbprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const members =
    jwk.kty === 'OKP'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
      : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members), 'utf8').digest('base64url');
}
