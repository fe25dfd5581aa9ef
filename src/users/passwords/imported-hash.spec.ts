import { createHash, pbkdf2Sync } from 'node:crypto';
import { PasswordHasher } from './password-hasher';
import { importedHash } from './imported-hash';

/**
 * Vectors built here with Node's crypto from the published formats, never
 * with the production hasher: Identity v2 is 0x00 | salt16 | PBKDF2-SHA1
 * (1000) subkey32; v3 is 0x01 | PRF | iterations | salt length | salt |
 * subkey; Membership is base64(SHA(salt bytes ++ UTF-16LE password)).
 */
const PASSWORD = 'Pa55word!';
const SALT16 = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');

function identityV2(password: string): string {
  const subkey = pbkdf2Sync(Buffer.from(password, 'utf8'), SALT16, 1000, 32, 'sha1');
  return Buffer.concat([Buffer.from([0]), SALT16, subkey]).toString('base64');
}

function identityV3(password: string, iterations = 10_000, prf = 1): string {
  const digest = ['sha1', 'sha256', 'sha512'][prf];
  const subkey = pbkdf2Sync(Buffer.from(password, 'utf8'), SALT16, iterations, 32, digest);
  const header = Buffer.alloc(13);
  header[0] = 0x01;
  header.writeUInt32BE(prf, 1);
  header.writeUInt32BE(iterations, 5);
  header.writeUInt32BE(SALT16.length, 9);
  return Buffer.concat([header, SALT16, subkey]).toString('base64');
}

/** A v3 hash with one uint32 of its header replaced (PRF at 1, iterations at 5). */
function withHeaderField(hash: string, offset: number, value: number): string {
  const bytes = Buffer.from(hash, 'base64');
  bytes.writeUInt32BE(value, offset);
  return bytes.toString('base64');
}

function membership(algorithm: 'sha1' | 'sha256', saltBase64: string, password: string): Buffer {
  return createHash(algorithm)
    .update(Buffer.from(saltBase64, 'base64'))
    .update(Buffer.from(password, 'utf16le'))
    .digest();
}

describe('importedHash', () => {
  const hasher = new PasswordHasher();

  async function verifies(format: string, hash: string, salt = '') {
    const result = importedHash(format, hash, salt);
    if (!result.ok || !result.password) throw new Error(JSON.stringify(result));
    return (await hasher.verify(result.password, PASSWORD)).ok;
  }

  it('no hash_format: no password, and no stray hash or salt', () => {
    expect(importedHash('', '', '')).toEqual({ ok: true, password: null });
    expect(importedHash('', 'abcd', '')).toMatchObject({ ok: false, column: 'hash_format' });
    expect(importedHash('', '', 'abcd')).toMatchObject({ ok: false, column: 'hash_format' });
  });

  it('refuses an unknown format and a format without a hash', () => {
    expect(importedHash('md5', 'abcd', '')).toMatchObject({ ok: false, column: 'hash_format' });
    expect(importedHash('argon2id', '', '')).toMatchObject({ ok: false, column: 'password_hash' });
  });

  it('Identity v2 and v3 are kept as given and verify', async () => {
    expect(importedHash('aspnet-identity-v2', identityV2(PASSWORD), '')).toEqual({
      ok: true,
      password: { hash: identityV2(PASSWORD), salt: null },
    });
    expect(await verifies('aspnet-identity-v2', identityV2(PASSWORD))).toBe(true);
    expect(await verifies('aspnet-identity-v3', identityV3(PASSWORD, 10_000, 1))).toBe(true);
    expect(await verifies('aspnet-identity-v3', identityV3(PASSWORD, 1000, 2))).toBe(true);
  });

  it('Membership digests are stored as hex, also the ones whose first byte is 0x01 (read as v3 in base64)', async () => {
    let salt = '';
    for (let i = 0; ; i++) {
      salt = Buffer.from(`salt-${i}-0123456`).toString('base64');
      if (membership('sha256', salt, PASSWORD)[0] === 0x01) break;
    }
    const digest = membership('sha256', salt, PASSWORD);
    const result = importedHash('membership-sha256', digest.toString('base64'), salt);
    expect(result).toEqual({ ok: true, password: { hash: digest.toString('hex'), salt } });
    expect(await verifies('membership-sha256', digest.toString('base64'), salt)).toBe(true);
    // What storing the base64 as given would have done: the hasher reads it as Identity v3.
    expect((await hasher.verify({ hash: digest.toString('base64'), salt }, PASSWORD)).ok).toBe(
      false,
    );
  });

  it('Membership SHA-1 and SHA-256, in base64 or hex, verify', async () => {
    const salt = Buffer.from('sixteen byte slt').toString('base64');
    const sha1 = membership('sha1', salt, PASSWORD);
    expect(await verifies('membership-sha1', sha1.toString('base64'), salt)).toBe(true);
    expect(await verifies('membership-sha1', sha1.toString('hex').toUpperCase(), salt)).toBe(true);
    expect(
      await verifies(
        'membership-sha256',
        membership('sha256', salt, PASSWORD).toString('hex'),
        salt,
      ),
    ).toBe(true);
  });

  it.each([
    ['aspnet-identity-v2', 'not base64!', '', 'password_hash'],
    ['aspnet-identity-v2', Buffer.alloc(48).toString('base64'), '', 'password_hash'],
    ['aspnet-identity-v2', identityV2(PASSWORD), 'c2FsdA==', 'password_salt'],
    ['aspnet-identity-v3', identityV2(PASSWORD), '', 'password_hash'],
    [
      'aspnet-identity-v3',
      withHeaderField(identityV3(PASSWORD), 5, 2_000_000),
      '',
      'password_hash',
    ],
    ['aspnet-identity-v3', withHeaderField(identityV3(PASSWORD), 1, 7), '', 'password_hash'],
    ['aspnet-identity-v3', withHeaderField(identityV3(PASSWORD), 9, 8), '', 'password_hash'],
    ['membership-sha1', Buffer.alloc(32).toString('base64'), 'c2FsdA==', 'password_hash'],
    ['membership-sha256', Buffer.alloc(32).toString('hex'), '', 'password_salt'],
    ['membership-sha256', Buffer.alloc(32).toString('hex'), 'salt!', 'password_salt'],
    [
      'argon2id',
      '$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      '',
      'password_hash',
    ],
  ])('%s refuses %j (salt %j) on %s', (format, hash, salt, column) => {
    expect(importedHash(format, hash, salt)).toMatchObject({ ok: false, column });
  });

  it('a wrong password does not verify (the vectors can fail)', async () => {
    const result = importedHash('aspnet-identity-v2', identityV2('another one'), '');
    if (!result.ok || !result.password) throw new Error('refused');
    expect((await hasher.verify(result.password, PASSWORD)).ok).toBe(false);
  });
});
