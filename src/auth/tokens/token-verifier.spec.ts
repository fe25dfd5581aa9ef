import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { AppConfig, JwtAlgorithm } from '@/platform/config';
import { signJws } from './jws';
import { SigningKeys } from './signing-keys';
import { TokenVerifier } from './token-verifier';

/** A key set whose keys the test can take away, as a rotation's overlap ending does. */
class FakeKeys {
  readonly keys = new Map<string, KeyObject>();
  lookups = 0;
  constructor(readonly algorithm: JwtAlgorithm) {}
  async verificationKey(kid: unknown): Promise<KeyObject | null> {
    this.lookups++;
    return typeof kid === 'string' ? (this.keys.get(kid) ?? null) : null;
  }
}

const config = { jwt: { issuer: 'iss', audience: 'aud' } } as AppConfig;
const ed = generateKeyPairSync('ed25519');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: object = {}) => ({
  sid: 5,
  iat: now(),
  exp: now() + 600,
  aud: 'aud',
  iss: 'iss',
  sub: 'user-guid',
  ...extra,
});

describe('TokenVerifier', () => {
  let keys: FakeKeys;
  let verifier: TokenVerifier;
  beforeEach(() => {
    keys = new FakeKeys('EdDSA');
    keys.keys.set('k1', ed.publicKey);
    verifier = new TokenVerifier(config, keys as unknown as SigningKeys);
  });

  const token = (extra: object = {}, header: object = {}) =>
    signJws({ alg: 'EdDSA', typ: 'JWT', kid: 'k1', ...header }, claims(extra), ed.privateKey);

  it('answers the claims of a good token', async () => {
    await expect(verifier.verify(token())).resolves.toMatchObject({ sid: 5, sub: 'user-guid' });
  });

  it('remembers a verified token, yet resolves its key on every hit: a key taken away stops it', async () => {
    const good = token();
    await verifier.verify(good);
    await verifier.verify(good);
    expect(keys.lookups).toBe(2);
    keys.keys.delete('k1');
    await expect(verifier.verify(good)).resolves.toBeNull();
  });

  it.each([
    ['another issuer', { iss: 'x' }],
    ['another audience', { aud: 'x' }],
    ['no exp', { exp: undefined }],
    ['a past exp', { exp: now() - 1 }],
    ['a fractional exp', { exp: now() + 0.5 }],
    ['a future nbf', { nbf: now() + 60 }],
    ['a string sid', { sid: '5' }],
    ['no sub', { sub: undefined }],
    ['no iat', { iat: undefined }],
  ])('refuses %s', async (_name, extra) => {
    await expect(verifier.verify(token(extra))).resolves.toBeNull();
  });

  it.each([
    ['an unknown kid', { kid: 'k2' }],
    ['a crit header', { crit: ['exp'] }],
    ['a jku header', { jku: 'https://evil.example/jwks' }],
  ])('refuses %s', async (_name, header) => {
    await expect(verifier.verify(token({}, header))).resolves.toBeNull();
  });

  it.each(['RS256', 'HS256', 'none', 'EdDSA '])(
    'refuses a header naming %s over a genuine EdDSA signature',
    async (alg) => {
      const [, payload, signature] = token().split('.');
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT', kid: 'k1' })).toString(
        'base64url',
      );
      await expect(verifier.verify(`${header}.${payload}.${signature}`)).resolves.toBeNull();
    },
  );

  it('accepts an audience list that holds ours', async () => {
    await expect(verifier.verify(token({ aud: ['other', 'aud'] }))).resolves.not.toBeNull();
  });
});
