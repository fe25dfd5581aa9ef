import { createHmac, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { jwkThumbprint } from '@/auth/tokens/jws';
import { rotateSigningKey } from '@/auth/tokens/signing-keys';
import { SigningKeysRepository } from '@/auth/tokens/signing-keys.repository';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy } from '@test/support/http';
import { joseVerify } from '@test/support/jose';
import { createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';

const DENIED = { Message: 'Authorization has been denied for this request.' };
const BOOT_MS = 300_000;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

type Json = Record<string, unknown>;
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs by hand with node:crypto, so the forgeries owe nothing to the code under test. */
function forge(header: Json, claims: Json, key: KeyObject | Buffer, alg: string): string {
  const input = `${part(header)}.${part(claims)}`;
  let signature = '';
  if (alg === 'HS256') signature = createHmac('sha256', key).update(input).digest('base64url');
  if (alg === 'EdDSA')
    signature = sign(null, Buffer.from(input), key as KeyObject).toString('base64url');
  if (alg === 'RS256')
    signature = sign('sha256', Buffer.from(input), key as KeyObject).toString('base64url');
  return `${input}.${signature}`;
}

const headerOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Json;

async function jwksOf(testApp: TestApp): Promise<{ keys: Json[] }> {
  const response = await request(testApp.server).get('/.well-known/jwks.json').expect(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('public, max-age=300');
  for (const member of PRIVATE_MEMBERS) expect(response.text).not.toMatch(`"${member}"`);
  return response.body as { keys: Json[] };
}

function expectation(testApp: TestApp, algorithm: string) {
  return {
    issuer: testApp.config.jwt.issuer,
    audience: testApp.config.jwt.audience,
    algorithms: [algorithm],
  };
}

async function claimsOf(testApp: TestApp, user: UserEntity) {
  const login = await loginLegacy(testApp, user.username);
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sid: login.sessionId,
    iat: now,
    exp: now + 600,
    aud: testApp.config.jwt.audience,
    iss: testApp.config.jwt.issuer,
    sub: user.guid,
  };
  return { login, claims };
}

const session = (testApp: TestApp, token: string) =>
  request(testApp.server).get('/Auth/Session').set('Authorization', bearer(token));

async function expectRefused(testApp: TestApp, token: string): Promise<void> {
  const response = await session(testApp, token).set('Accept', 'application/json');
  expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: DENIED });
}

describe('EdDSA with keys generated into the database', () => {
  let testApp: TestApp;
  let user: UserEntity;
  const keyEncryptionSecret = randomBytes(32).toString('hex');

  beforeAll(async () => {
    testApp = await createTestApp({
      JWT_ALGORITHM: 'EdDSA',
      JWT_KEY_ENCRYPTION_SECRET: keyEncryptionSecret,
      JWT_KEY_CACHE_TTL_SECONDS: '1',
    });
    user = await createUserWithPassword(testApp);
  }, BOOT_MS);
  afterAll(() => testApp?.close());

  it('publishes one Ed25519 public key, and jose verifies our tokens with it', async () => {
    const { keys } = await jwksOf(testApp);
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    const { login } = await claimsOf(testApp, user);
    expect(headerOf(login.accessToken)).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: keys[0].kid });
    const verified = await joseVerify(login.accessToken, { keys }, expectation(testApp, 'EdDSA'));
    expect(verified).toMatchObject({
      ok: true,
      payload: { sub: user.guid, sid: login.sessionId },
    });
    await session(testApp, login.accessToken).expect(200);
  });

  it('stores the private key encrypted, never in clear', async () => {
    const rows: Array<{ private_key: string; public_jwk: Json }> =
      await testApp.database.dataSource.query(`SELECT private_key, public_jwk FROM signing_keys`);
    expect(rows).toHaveLength(1);
    expect(rows[0].private_key).toMatch(/^v1\./);
    expect(rows[0].private_key).not.toContain('PRIVATE KEY');
    for (const member of PRIVATE_MEMBERS) expect(rows[0].public_jwk).not.toHaveProperty(member);
  });

  it('pins the algorithm and our own keys: each forgery is a 401 in the legacy format', async () => {
    const { claims } = await claimsOf(testApp, user);
    const { keys } = await jwksOf(testApp);
    const kid = keys[0].kid as string;
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const secret = Buffer.from(testApp.config.jwt.secret, 'utf8');
    const forgeries: Record<string, string> = {
      'HS256 with the real JWT_SECRET': forge(
        { alg: 'HS256', typ: 'JWT' },
        claims,
        secret,
        'HS256',
      ),
      'HS256 keyed with the published public key': forge(
        { alg: 'HS256', typ: 'JWT', kid },
        claims,
        Buffer.from(JSON.stringify(keys[0])),
        'HS256',
      ),
      'alg none': `${part({ alg: 'none', typ: 'JWT', kid })}.${part(claims)}.`,
      'a kid pointing nowhere': forge(
        { alg: 'EdDSA', typ: 'JWT', kid: 'nowhere' },
        claims,
        stranger,
        'EdDSA',
      ),
      'no kid': forge({ alg: 'EdDSA', typ: 'JWT' }, claims, stranger, 'EdDSA'),
      'our kid, another key': forge({ alg: 'EdDSA', typ: 'JWT', kid }, claims, stranger, 'EdDSA'),
      'RS256 under our kid': forge({ alg: 'RS256', typ: 'JWT', kid }, claims, rsa, 'RS256'),
      'an embedded jwk': forge(
        { alg: 'EdDSA', typ: 'JWT', kid, jwk: { kty: 'OKP', crv: 'Ed25519' } },
        claims,
        stranger,
        'EdDSA',
      ),
    };
    for (const [name, token] of Object.entries(forgeries)) {
      const response = await session(testApp, token).set('Accept', 'application/json');
      expect({ name, status: response.status, body: response.body }).toEqual({
        name,
        status: 401,
        body: DENIED,
      });
    }
  });

  it('rotates: old tokens stay valid in the overlap, new ones carry the new kid, both are published; after the overlap the old key is gone', async () => {
    const before = await claimsOf(testApp, user);
    const oldKid = headerOf(before.login.accessToken).kid as string;

    const rotated = await rotateSigningKey(
      new SigningKeysRepository(testApp.database.dataSource),
      testApp.config,
    );
    expect(rotated.retired).toEqual([oldKid]);
    expect(rotated.overlapSeconds).toBe(testApp.config.jwt.accessTokenTtlSeconds + 1);
    const [row]: Array<{ overlap: number; private_key: string | null }> =
      await testApp.database.dataSource.query(
        `SELECT extract(epoch FROM expires_at - retired_at)::int AS overlap, private_key
           FROM signing_keys WHERE kid = $1`,
        [oldKid],
      );
    expect(row).toEqual({ overlap: rotated.overlapSeconds, private_key: null });

    // This instance's key cache lives 1 s (JWT_KEY_CACHE_TTL_SECONDS).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await claimsOf(testApp, user);
    expect(headerOf(after.login.accessToken).kid).toBe(rotated.kid);
    expect(rotated.kid).not.toBe(oldKid);

    const { keys } = await jwksOf(testApp);
    expect(keys.map((key) => key.kid)).toEqual([rotated.kid, oldKid]);
    for (const token of [before.login.accessToken, after.login.accessToken]) {
      await session(testApp, token).expect(200);
      expect(await joseVerify(token, { keys }, expectation(testApp, 'EdDSA'))).toMatchObject({
        ok: true,
      });
    }

    // The overlap ends (made to end now rather than in ACCESS_TOKEN_TTL_SECONDS).
    await testApp.database.dataSource.query(
      `UPDATE signing_keys SET expires_at = now() WHERE kid = $1`,
      [oldKid],
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await jwksOf(testApp);
    expect(later.keys.map((key) => key.kid)).toEqual([rotated.kid]);
    await expectRefused(testApp, before.login.accessToken);
    await session(testApp, after.login.accessToken).expect(200);
    expect(
      await joseVerify(before.login.accessToken, later, expectation(testApp, 'EdDSA')),
    ).toEqual({ ok: false, code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });
});

describe('RS256 with key files (a current private key, a previous public key)', () => {
  let testApp: TestApp;
  let user: UserEntity;
  let dir: string;
  const current = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const previous = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-keys-'));
    const pem = (key: KeyObject, type: 'pkcs8' | 'spki') =>
      key.export({ format: 'pem', type }).toString();
    writeFileSync(join(dir, 'current.pem'), pem(current.privateKey, 'pkcs8'), { mode: 0o600 });
    writeFileSync(join(dir, 'previous.pub.pem'), pem(previous.publicKey, 'spki'));
    testApp = await createTestApp({
      JWT_ALGORITHM: 'RS256',
      JWT_PRIVATE_KEY_FILE: join(dir, 'current.pem'),
      JWT_PUBLIC_KEY_FILES: join(dir, 'previous.pub.pem'),
    });
    user = await createUserWithPassword(testApp);
  }, BOOT_MS);
  afterAll(async () => {
    await testApp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes both public keys (kid = RFC 7638 thumbprint), current first; jose verifies our tokens', async () => {
    const { keys } = await jwksOf(testApp);
    expect(keys.map((key) => key.kid)).toEqual([
      jwkThumbprint(current.publicKey),
      jwkThumbprint(previous.publicKey),
    ]);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    }
    const { login } = await claimsOf(testApp, user);
    expect(headerOf(login.accessToken)).toEqual({ alg: 'RS256', typ: 'JWT', kid: keys[0].kid });
    expect(
      await joseVerify(login.accessToken, { keys }, expectation(testApp, 'RS256')),
    ).toMatchObject({ ok: true, payload: { sub: user.guid } });
  });

  it('accepts a token of the previous key, refuses other keys and algorithms', async () => {
    const { claims } = await claimsOf(testApp, user);
    const previousKid = jwkThumbprint(previous.publicKey);
    const currentKid = jwkThumbprint(current.publicKey);
    const signedBefore = forge(
      { alg: 'RS256', typ: 'JWT', kid: previousKid },
      claims,
      previous.privateKey,
      'RS256',
    );
    await session(testApp, signedBefore).expect(200);

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const ed = generateKeyPairSync('ed25519').privateKey;
    const secret = Buffer.from(testApp.config.jwt.secret, 'utf8');
    await expectRefused(
      testApp,
      forge({ alg: 'RS256', typ: 'JWT', kid: currentKid }, claims, stranger, 'RS256'),
    );
    await expectRefused(
      testApp,
      forge({ alg: 'RS256', typ: 'JWT', kid: previousKid }, claims, current.privateKey, 'RS256'),
    );
    await expectRefused(testApp, forge({ alg: 'HS256', typ: 'JWT' }, claims, secret, 'HS256'));
    await expectRefused(
      testApp,
      forge({ alg: 'EdDSA', typ: 'JWT', kid: currentKid }, claims, ed, 'EdDSA'),
    );
    await expectRefused(testApp, `${part({ alg: 'none', kid: currentKid })}.${part(claims)}.`);
  });
});
