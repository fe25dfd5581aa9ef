import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { ConfigError } from './env-parsers';

const generated = () => 'generated-secret-generated-secret-0000';
const SECRET = 's'.repeat(40);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, generated);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('JWT_ALGORITHM and its keys', () => {
  let dir: string;
  const file = (name: string, key: KeyObject, type: 'pkcs8' | 'spki') => {
    const path = join(dir, name);
    writeFileSync(path, key.export({ format: 'pem', type }));
    return path;
  };
  let ed: string;
  let edPublic: string;
  let rsa: string;
  let rsaSmall: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-signing-'));
    const edPair = generateKeyPairSync('ed25519');
    ed = file('ed.pem', edPair.privateKey, 'pkcs8');
    edPublic = file('ed.pub.pem', edPair.publicKey, 'spki');
    rsa = file('rsa.pem', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 'pkcs8');
    rsaSmall = file(
      'rsa1024.pem',
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey,
      'pkcs8',
    );
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to HS256, keys nowhere, a 30 s key cache', () => {
    expect(loadConfig({}, generated).jwt.signing).toEqual({
      algorithm: 'HS256',
      privateKeyPem: undefined,
      previousPublicKeyPems: [],
      keyEncryptionSecret: undefined,
      keyCacheTtlSeconds: 30,
    });
  });

  it('takes EdDSA with database keys, encrypted with JWT_KEY_ENCRYPTION_SECRET or else JWT_SECRET', () => {
    const dedicated = 'k'.repeat(32);
    expect(
      loadConfig(
        { JWT_ALGORITHM: 'EdDSA', JWT_SECRET: SECRET, JWT_KEY_ENCRYPTION_SECRET: dedicated },
        generated,
      ).jwt.signing.keyEncryptionSecret,
    ).toBe(dedicated);
    expect(
      loadConfig({ JWT_ALGORITHM: 'EdDSA', JWT_SECRET: SECRET }, generated).jwt.signing
        .keyEncryptionSecret,
    ).toBe(SECRET);
  });

  it('refuses database keys encrypted with a secret generated for one process', () => {
    expect(problemsOf({ JWT_ALGORITHM: 'RS256' })).toEqual([
      expect.stringContaining('JWT_ALGORITHM=RS256 with keys kept in the database needs'),
    ]);
  });

  it('reads key files, the previous public keys too', () => {
    const signing = loadConfig(
      { JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY_FILE: ed, JWT_PUBLIC_KEY_FILES: edPublic },
      generated,
    ).jwt.signing;
    expect(signing.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(signing.previousPublicKeyPems).toEqual([expect.stringContaining('BEGIN PUBLIC KEY')]);
  });

  it.each([
    ['an unknown algorithm', { JWT_ALGORITHM: 'HS512' }, 'JWT_ALGORITHM must be one of'],
    ['none', { JWT_ALGORITHM: 'none' }, 'JWT_ALGORITHM must be one of'],
    [
      'an RSA key for EdDSA',
      { JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY_FILE: 'rsa' },
      'needs ed25519',
    ],
    [
      'an Ed25519 key for RS256',
      { JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY_FILE: 'ed' },
      'needs rsa',
    ],
    ['a 1024-bit RSA key', { JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY_FILE: 'small' }, '1024-bit'],
    [
      'a file that is no key',
      { JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY_FILE: 'junk' },
      'is not a PEM key',
    ],
    [
      'a missing file',
      { JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY_FILE: 'missing' },
      'cannot be read',
    ],
    ['a key file with HS256', { JWT_PRIVATE_KEY_FILE: 'ed' }, 'only used with JWT_ALGORITHM'],
    [
      'previous keys without a current key file',
      { JWT_ALGORITHM: 'EdDSA', JWT_SECRET: SECRET, JWT_PUBLIC_KEY_FILES: 'edPublic' },
      'JWT_PUBLIC_KEY_FILES needs JWT_PRIVATE_KEY_FILE',
    ],
    [
      'a short JWT_KEY_ENCRYPTION_SECRET',
      { JWT_ALGORITHM: 'EdDSA', JWT_KEY_ENCRYPTION_SECRET: 'short' },
      'JWT_KEY_ENCRYPTION_SECRET must be at least 32 characters',
    ],
  ])('refuses %s, naming the variable', (_name, env, problem) => {
    const paths: Record<string, string> = {
      rsa,
      ed,
      small: rsaSmall,
      junk: join(dir, 'junk.pem'),
      missing: join(dir, 'missing.pem'),
      edPublic,
    };
    const resolved = Object.fromEntries(
      Object.entries(env as Record<string, string>).map(([name, value]) => [
        name,
        name.endsWith('_FILE') || name.endsWith('_FILES') ? paths[value] : value,
      ]),
    );
    expect(problemsOf(resolved)).toEqual(
      expect.arrayContaining([expect.stringContaining(problem)]),
    );
  });
});
