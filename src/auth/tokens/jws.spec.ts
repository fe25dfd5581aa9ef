import { createPublicKey, createSecretKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import jsonwebtoken from 'jsonwebtoken';
import { joseVerify } from '@test/support/jose';
import { JwtAlgorithm } from '@/platform/config';
import {
  jwkThumbprint,
  MAX_JWT_LENGTH,
  parseJws,
  publicJwkOf,
  signJws,
  verifyJwsSignature,
} from './jws';

const ed = generateKeyPairSync('ed25519');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const secret = createSecretKey(Buffer.from('s'.repeat(40)));

const KEYS: Record<JwtAlgorithm, { sign: KeyObject; verify: KeyObject }> = {
  HS256: { sign: secret, verify: secret },
  EdDSA: { sign: ed.privateKey, verify: ed.publicKey },
  RS256: { sign: rsa.privateKey, verify: rsa.publicKey },
};

const jwkOf = (alg: 'EdDSA' | 'RS256') => publicJwkOf(KEYS[alg].verify, alg, 'k1');

describe('signJws / verifyJwsSignature', () => {
  it.each(['EdDSA', 'RS256'] as const)(
    '%s: what we sign, jose verifies, and so do we',
    async (alg) => {
      const claims = { sub: 'u', exp: 2e9, iss: 'i', aud: 'a' };
      const token = signJws({ alg, typ: 'JWT', kid: 'k1' }, claims, KEYS[alg].sign);
      const jwks = { keys: [{ ...jwkOf(alg), kid: 'k1' }] };
      const verified = await joseVerify(token, jwks, {
        issuer: 'i',
        audience: 'a',
        algorithms: [alg],
      });
      expect(verified).toEqual({
        ok: true,
        payload: claims,
        header: { alg, typ: 'JWT', kid: 'k1' },
      });
      expect(verifyJwsSignature(alg, KEYS[alg].verify, parseJws(token)!)).toBe(true);
    },
  );

  it('HS256: what we sign, jsonwebtoken (which signed our tokens before) verifies', () => {
    const claims = { sub: 'u', sid: 7, iat: 1e9, exp: 2e9, aud: 'a', iss: 'i' };
    const token = signJws({ alg: 'HS256', typ: 'JWT' }, claims, secret);
    expect(jsonwebtoken.verify(token, 's'.repeat(40), { algorithms: ['HS256'] })).toEqual(claims);
    expect(verifyJwsSignature('HS256', secret, parseJws(token)!)).toBe(true);
  });

  it.each(Object.keys(KEYS) as JwtAlgorithm[])('%s: one flipped payload bit fails', (alg) => {
    const token = signJws({ alg, typ: 'JWT' }, { sub: 'u' }, KEYS[alg].sign);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${Buffer.from('{"sub":"v"}').toString('base64url')}.${s}`;
    expect(p).not.toBe(tampered.split('.')[1]);
    expect(verifyJwsSignature(alg, KEYS[alg].verify, parseJws(tampered)!)).toBe(false);
  });

  it('refuses a key of the wrong type for the configured algorithm', () => {
    const token = signJws({ alg: 'EdDSA', typ: 'JWT' }, { sub: 'u' }, ed.privateKey);
    expect(verifyJwsSignature('RS256', rsa.publicKey, parseJws(token)!)).toBe(false);
    expect(verifyJwsSignature('EdDSA', rsa.publicKey, parseJws(token)!)).toBe(false);
  });
});

describe('parseJws', () => {
  it.each([
    ['empty', ''],
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['padding', 'eyJhIjoxfQ==.eyJhIjoxfQ.c2ln'],
    ['a header that is not JSON', 'bm90IGpzb24.eyJhIjoxfQ.c2ln'],
    ['a header that is an array', `${Buffer.from('[1]').toString('base64url')}.eyJhIjoxfQ.c2ln`],
    ['NUL', 'eyJhIjoxfQ\0.eyJhIjoxfQ.c2ln'],
    ['too long', `eyJhIjoxfQ.${'A'.repeat(MAX_JWT_LENGTH)}.c2ln`],
  ])('refuses %s', (_name, token) => {
    expect(parseJws(token)).toBeNull();
  });
});

describe('publicJwkOf', () => {
  it('publishes the public members only, and a key jose verifies with', async () => {
    const okp = publicJwkOf(ed.privateKey, 'EdDSA', 'a');
    const rsaJwk = publicJwkOf(rsa.privateKey, 'RS256', 'b');
    expect(Object.keys(okp).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(Object.keys(rsaJwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(okp).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    const token = signJws({ alg: 'RS256', typ: 'JWT', kid: 'b' }, { a: 1 }, rsa.privateKey);
    const verified = await joseVerify(
      token,
      { keys: [rsaJwk] },
      { issuer: 'i', audience: 'a', algorithms: ['RS256'] },
    );
    // The signature and key are fine; jose then asks for the issuer the token lacks.
    expect(verified).toEqual({ ok: false, code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it('derives the RFC 7638 thumbprint (the RFC’s own example key)', () => {
    const key = createPublicKey({
      format: 'jwk',
      key: {
        kty: 'RSA',
        e: 'AQAB',
        n:
          '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP' +
          'ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qvz' +
          'qY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZ' +
          'u0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      },
    });
    expect(jwkThumbprint(key)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
});
