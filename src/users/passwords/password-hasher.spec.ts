import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import {
  ARGON2_PARAMS,
  argon2NeedsRehash,
  PASSWORD_MAX_LENGTH,
  PasswordHasher,
  validatePasswordPolicy,
} from '@/users/passwords/password-hasher';

// The module object itself (not an import-interop copy), so spies see the hasher's calls.
const argon2 = jest.requireActual<typeof import('@node-rs/argon2')>('@node-rs/argon2');

const ARGON2ID = 2 as import('@node-rs/argon2').Algorithm;
const PASSWORD = 'Correct horse 1!';

/** Reads `$argon2id$v=19$m=..,t=..,p=..$salt$hash` without the library, to check what we wrote. */
function decodePhc(phc: string) {
  const match =
    /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
      phc,
    );
  if (!match) throw new Error(`not a PHC string: ${phc}`);
  return {
    algorithm: match[1],
    version: Number(match[2]),
    m: Number(match[3]),
    t: Number(match[4]),
    p: Number(match[5]),
    salt: Buffer.from(match[6], 'base64'),
    hash: Buffer.from(match[7], 'base64'),
  };
}

function identityV2(password: string, salt = randomBytes(16)): string {
  const subkey = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 1000, 32, 'sha1');
  return Buffer.concat([Buffer.from([0x00]), salt, subkey]).toString('base64');
}

function identityV3(
  password: string,
  opts: {
    prf?: number;
    digest?: string;
    iterations?: number;
    salt?: Buffer;
    subkeyLength?: number;
  } = {},
): string {
  const {
    prf = 1,
    digest = 'sha256',
    iterations = 10000,
    salt = randomBytes(16),
    subkeyLength = 32,
  } = opts;
  const header = Buffer.alloc(13);
  header[0] = 0x01;
  header.writeUInt32BE(prf, 1);
  header.writeUInt32BE(iterations, 5);
  header.writeUInt32BE(salt.length, 9);
  const subkey = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, subkeyLength, digest);
  return Buffer.concat([header, salt, subkey]).toString('base64');
}

describe('validatePasswordPolicy', () => {
  it('accepts 8 to 1024 characters', () => {
    expect(validatePasswordPolicy('12345678')).toBeNull();
    expect(validatePasswordPolicy('x'.repeat(PASSWORD_MAX_LENGTH))).toBeNull();
  });

  it('rejects shorter than 8 and longer than 1024 characters with a message', () => {
    expect(validatePasswordPolicy('')).toMatch(/at least 8/);
    expect(validatePasswordPolicy('1234567')).toMatch(/at least 8/);
    expect(validatePasswordPolicy('x'.repeat(1025))).toMatch(/at most 1024/);
  });

  it('counts spaces at either end (no trimming)', () => {
    expect(validatePasswordPolicy('  abcd  ')).toBeNull();
    expect(validatePasswordPolicy('  abc  ')).toMatch(/at least 8/);
    expect(validatePasswordPolicy('        ')).toBeNull();
  });

  it('counts code points, not UTF-16 units', () => {
    expect(validatePasswordPolicy('😀'.repeat(7))).toMatch(/at least 8/);
    expect(validatePasswordPolicy('😀'.repeat(8))).toBeNull();
    expect(validatePasswordPolicy('😀'.repeat(1024))).toBeNull();
    expect(validatePasswordPolicy('😀'.repeat(1025))).toMatch(/at most 1024/);
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  afterEach(() => jest.restoreAllMocks());

  describe('argon2id', () => {
    it('hashes to a PHC string with m=19456, t=2, p=1, a 16-byte salt and a 32-byte hash', async () => {
      const phc = await hasher.hash(PASSWORD);
      const decoded = decodePhc(phc);
      expect(decoded).toMatchObject({ algorithm: 'argon2id', version: 19, m: 19456, t: 2, p: 1 });
      expect(decoded.salt).toHaveLength(16);
      expect(decoded.hash).toHaveLength(32);
      expect(phc.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    });

    it('uses a fresh salt every time', async () => {
      const [a, b] = await Promise.all([hasher.hash(PASSWORD), hasher.hash(PASSWORD)]);
      expect(a).not.toBe(b);
      expect(decodePhc(a).salt.equals(decodePhc(b).salt)).toBe(false);
    });

    it('round-trips: right password ok without rehash, wrong one refused', async () => {
      const phc = await hasher.hash(PASSWORD);
      await expect(hasher.verify({ hash: phc }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: false,
      });
      await expect(hasher.verify({ hash: phc }, 'Correct horse 2!')).resolves.toEqual({
        ok: false,
        needsRehash: false,
      });
    });

    it('checks the password exactly as sent', async () => {
      const phc = await hasher.hash(PASSWORD);
      await expect(hasher.verify({ hash: phc }, ` ${PASSWORD}`)).resolves.toMatchObject({
        ok: false,
      });
      await expect(hasher.verify({ hash: phc }, `${PASSWORD} `)).resolves.toMatchObject({
        ok: false,
      });
      await expect(hasher.verify({ hash: phc }, PASSWORD.toLowerCase())).resolves.toMatchObject({
        ok: false,
      });
    });

    it('handles non-ASCII passwords', async () => {
      const password = 'Contraseña🔑 ü';
      const phc = await hasher.hash(password);
      await expect(hasher.verify({ hash: phc }, password)).resolves.toMatchObject({ ok: true });
      await expect(hasher.verify({ hash: phc }, password.normalize('NFD'))).resolves.toMatchObject({
        ok: false,
      });
    });

    it('ignores a salt column for argon2 hashes', async () => {
      const phc = await hasher.hash(PASSWORD);
      await expect(hasher.verify({ hash: phc, salt: 'whatever' }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: false,
      });
    });

    it('asks for a rehash when the stored params are weaker than current', async () => {
      const weak = await argon2.hash(PASSWORD, {
        memoryCost: 4096,
        timeCost: 1,
        parallelism: 1,
        algorithm: ARGON2ID,
      });
      expect(decodePhc(weak)).toMatchObject({ algorithm: 'argon2id', m: 4096, t: 1 });
      await expect(hasher.verify({ hash: weak }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: true,
      });
      // A wrong password never reports needsRehash: there is nothing to rehash with.
      await expect(hasher.verify({ hash: weak }, 'nope')).resolves.toEqual({
        ok: false,
        needsRehash: false,
      });
    });

    it('does not ask for a rehash when the stored params are stronger', async () => {
      const strong = await argon2.hash(PASSWORD, {
        memoryCost: 32768,
        timeCost: 3,
        parallelism: 2,
        algorithm: ARGON2ID,
      });
      await expect(hasher.verify({ hash: strong }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: false,
      });
    });

    it('argon2NeedsRehash compares each parameter', () => {
      const salt16 = Buffer.alloc(16, 1).toString('base64').replace(/=+$/, '');
      const salt8 = Buffer.alloc(8, 1).toString('base64').replace(/=+$/, '');
      const out32 = Buffer.alloc(32, 2).toString('base64').replace(/=+$/, '');
      const out16 = Buffer.alloc(16, 2).toString('base64').replace(/=+$/, '');
      const phc = (params: string, salt = salt16, out = out32, v = 19, alg = 'argon2id') =>
        `$${alg}$v=${v}$${params}$${salt}$${out}`;
      expect(argon2NeedsRehash(phc('m=19456,t=2,p=1'))).toBe(false);
      expect(argon2NeedsRehash(phc('m=65536,t=3,p=4'))).toBe(false);
      expect(argon2NeedsRehash(phc('m=19455,t=2,p=1'))).toBe(true);
      expect(argon2NeedsRehash(phc('m=19456,t=1,p=1'))).toBe(true);
      expect(argon2NeedsRehash(phc('m=19456,t=2,p=1', salt8))).toBe(true);
      expect(argon2NeedsRehash(phc('m=19456,t=2,p=1', salt16, out16))).toBe(true);
      expect(argon2NeedsRehash(phc('m=19456,t=2,p=1', salt16, out32, 16))).toBe(true);
      expect(argon2NeedsRehash(phc('m=19456,t=2,p=1', salt16, out32, 19, 'argon2i'))).toBe(true);
      expect(argon2NeedsRehash('$argon2id$garbage')).toBe(true);
      expect(ARGON2_PARAMS).toEqual({
        memoryCost: 19456,
        timeCost: 2,
        parallelism: 1,
        outputLen: 32,
      });
    });
  });

  describe('ASP.NET Identity v2', () => {
    it('accepts the right password and asks for a rehash', async () => {
      const stored = identityV2(PASSWORD);
      expect(Buffer.from(stored, 'base64')).toHaveLength(49);
      await expect(hasher.verify({ hash: stored }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: true,
      });
    });

    it('matches an independently computed vector (Python hashlib)', async () => {
      const stored = 'AAABAgMEBQYHCAkKCwwNDg8asGAJlnkpTelvY80LF9wVDtqm66P3HU9mxEwzBfGTFA==';
      expect(identityV2(PASSWORD, Buffer.from([...Array(16).keys()]))).toBe(stored);
      await expect(hasher.verify({ hash: stored }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: true,
      });
    });

    it('refuses a wrong password', async () => {
      const stored = identityV2(PASSWORD);
      await expect(hasher.verify({ hash: stored }, 'correct horse 1!')).resolves.toEqual({
        ok: false,
        needsRehash: false,
      });
      await expect(hasher.verify({ hash: stored }, '')).resolves.toMatchObject({ ok: false });
    });

    it('refuses a tampered or truncated hash', async () => {
      const bytes = Buffer.from(identityV2(PASSWORD), 'base64');
      const tampered = Buffer.from(bytes);
      tampered[48] ^= 0x01;
      await expect(
        hasher.verify({ hash: tampered.toString('base64') }, PASSWORD),
      ).resolves.toMatchObject({ ok: false });
      await expect(
        hasher.verify({ hash: bytes.subarray(0, 48).toString('base64') }, PASSWORD),
      ).resolves.toMatchObject({ ok: false });
    });

    it('tolerates padding whitespace from fixed-width columns', async () => {
      const stored = identityV2(PASSWORD);
      await expect(hasher.verify({ hash: `${stored}   ` }, PASSWORD)).resolves.toMatchObject({
        ok: true,
      });
    });
  });

  describe('ASP.NET Identity v3', () => {
    it.each([
      [0, 'sha1', 1000],
      [1, 'sha256', 10000],
      [2, 'sha512', 100000],
    ])(
      'accepts PRF %i (%s) with %i iterations and asks for a rehash',
      async (prf, digest, iterations) => {
        const stored = identityV3(PASSWORD, { prf, digest, iterations });
        await expect(hasher.verify({ hash: stored }, PASSWORD)).resolves.toEqual({
          ok: true,
          needsRehash: true,
        });
        await expect(hasher.verify({ hash: stored }, 'Correct horse 1?')).resolves.toEqual({
          ok: false,
          needsRehash: false,
        });
      },
    );

    it('matches an independently computed vector (Python hashlib)', async () => {
      const stored =
        'AQAAAAEAACcQAAAAEAABAgMEBQYHCAkKCwwNDg85yStAS987zBbprMlbHLn6f8hIZw16Dhe5bfeQA0Z3gQ==';
      expect(identityV3(PASSWORD, { salt: Buffer.from([...Array(16).keys()]) })).toBe(stored);
      await expect(hasher.verify({ hash: stored }, PASSWORD)).resolves.toMatchObject({ ok: true });
    });

    it('honours the salt and subkey lengths written in the hash', async () => {
      const stored = identityV3(PASSWORD, {
        salt: randomBytes(32),
        subkeyLength: 64,
        digest: 'sha256',
      });
      await expect(hasher.verify({ hash: stored }, PASSWORD)).resolves.toMatchObject({ ok: true });
    });

    it('refuses an unknown PRF, a PRF that does not match the subkey, and impossible headers', async () => {
      const good = Buffer.from(identityV3(PASSWORD, { prf: 1, digest: 'sha256' }), 'base64');
      const variant = (edit: (b: Buffer) => void) => {
        const copy = Buffer.from(good);
        edit(copy);
        return copy.toString('base64');
      };
      const cases = [
        variant((b) => b.writeUInt32BE(3, 1)), // unknown PRF
        variant((b) => b.writeUInt32BE(2, 1)), // PRF says SHA-512, subkey is SHA-256
        variant((b) => b.writeUInt32BE(0, 5)), // zero iterations
        variant((b) => b.writeUInt32BE(0xffffffff, 5)), // absurd iterations: refused, not computed
        variant((b) => b.writeUInt32BE(8, 9)), // salt shorter than 128 bits
        variant((b) => b.writeUInt32BE(1000, 9)), // salt longer than the buffer
        good.subarray(0, 13 + 16 + 8).toString('base64'), // subkey shorter than 128 bits
        good.subarray(0, 10).toString('base64'), // header cut short
      ];
      for (const hash of cases) {
        await expect(hasher.verify({ hash }, PASSWORD)).resolves.toEqual({
          ok: false,
          needsRehash: false,
        });
      }
    });
  });

  describe('legacy salted SHA-1 / SHA-256', () => {
    const membershipSalt = 'c2FsdHNhbHRzYWx0c2FsdA=='; // base64 of "saltsaltsaltsalt"

    it.each([
      ['SHA-1 base64', 'H9SoiJ0C5alssYOFM/d7kVtIQPI='],
      ['SHA-1 hex', '1fd4a8889d02e5a96cb1838533f77b915b4840f2'],
      ['SHA-256 base64', '3Ysb4kmgtY/rnspRJIaipMSGA0oG4oZOrHgMX3z3gBU='],
      ['SHA-256 hex', 'dd8b1be249a0b58feb9eca512486a2a4c486034a06e2864eac780c5f7cf78015'],
    ])('accepts ASP.NET Membership "Hashed" (%s)', async (_name, hash) => {
      await expect(hasher.verify({ hash, salt: membershipSalt }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: true,
      });
      await expect(
        hasher.verify({ hash, salt: membershipSalt }, 'wrong password'),
      ).resolves.toEqual({ ok: false, needsRehash: false });
    });

    it.each([
      ['SHA-1 base64', 'vKknaLUtEIwHkc8JhLoXkb7e3q0='],
      ['SHA-1 hex', 'bca92768b52d108c0791cf0984ba1791bededead'],
      ['SHA-256 base64', 'Gr7rgqtNE5SH60yBwWHzRXE1OLkaZ90VkXmhzSVASjk='],
      ['SHA-256 hex', '1abeeb82ab4d139487eb4c81c161f345713538b91a67dd159179a1cd25404a39'],
    ])('accepts HASH(UTF-8 salt ++ UTF-8 password) (%s)', async (_name, hash) => {
      await expect(hasher.verify({ hash, salt: 'pepper-salt' }, PASSWORD)).resolves.toEqual({
        ok: true,
        needsRehash: true,
      });
      await expect(hasher.verify({ hash, salt: 'pepper-salt' }, `${PASSWORD} `)).resolves.toEqual({
        ok: false,
        needsRehash: false,
      });
    });

    it('matches the FIPS 180 "abc" digests (salt "a" ++ password "bc")', async () => {
      const sha1 = 'a9993e364706816aba3e25717850c26c9cd0d89d';
      const sha256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
      for (const hash of [sha1, sha256, sha1.toUpperCase()]) {
        await expect(hasher.verify({ hash, salt: 'a' }, 'bc')).resolves.toMatchObject({ ok: true });
      }
      const sha1Base64 = Buffer.from(sha1, 'hex').toString('base64');
      await expect(hasher.verify({ hash: sha1Base64, salt: 'a' }, 'bc')).resolves.toMatchObject({
        ok: true,
      });
    });

    it('handles non-ASCII passwords in the Membership variant (UTF-16LE)', async () => {
      const password = 'Pässwörd✓';
      const saltBytes = randomBytes(16);
      const hash = createHash('sha256')
        .update(Buffer.concat([saltBytes, Buffer.from(password, 'utf16le')]))
        .digest('base64');
      await expect(
        hasher.verify({ hash, salt: saltBytes.toString('base64') }, password),
      ).resolves.toMatchObject({ ok: true, needsRehash: true });
    });

    it('refuses without a salt, or with the wrong salt', async () => {
      const hash = 'H9SoiJ0C5alssYOFM/d7kVtIQPI=';
      for (const salt of [undefined, null, '', 'c2FsdHNhbHRzYWx0c2FsdQ==', 'saltsaltsaltsalt']) {
        await expect(hasher.verify({ hash, salt }, PASSWORD)).resolves.toEqual({
          ok: false,
          needsRehash: false,
        });
      }
    });

    it('refuses digests of other lengths', async () => {
      const md5 = createHash('md5').update('a').update('bc').digest('hex');
      const sha512 = createHash('sha512').update('a').update('bc').digest('base64');
      await expect(hasher.verify({ hash: md5, salt: 'a' }, 'bc')).resolves.toMatchObject({
        ok: false,
      });
      await expect(hasher.verify({ hash: sha512, salt: 'a' }, 'bc')).resolves.toMatchObject({
        ok: false,
      });
    });
  });

  describe('garbage', () => {
    it.each([
      ['empty', ''],
      ['whitespace', '   '],
      ['free text', 'not a hash at all'],
      ['malformed argon2id', '$argon2id$garbage'],
      ['argon2id without a hash part', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$'],
      ['bcrypt', '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
      [
        'argon2i (only argon2id is accepted)',
        '$argon2i$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A',
      ],
      ['a lone 0x00 byte', 'AA=='],
      ['a lone 0x01 byte', 'AQ=='],
      ['invalid base64 of v2 length', Buffer.alloc(49).toString('base64').slice(0, -1)],
      ['non-base64 symbols', '%%%%'],
      ['control characters', '\u0000\u0001\u0002'],
      ['100k characters', 'a'.repeat(100_000)],
    ])('refuses %s without throwing', async (_name, hash) => {
      await expect(hasher.verify({ hash, salt: 'c2FsdA==' }, PASSWORD)).resolves.toEqual({
        ok: false,
        needsRehash: false,
      });
    });

    it('refuses non-string inputs without throwing', async () => {
      const bad = [
        [{ hash: null }, PASSWORD],
        [{ hash: 42 }, PASSWORD],
        [null, PASSWORD],
        [{ hash: identityV2(PASSWORD) }, null],
      ] as unknown as [{ hash: string }, string][];
      for (const [stored, password] of bad) {
        await expect(hasher.verify(stored, password)).resolves.toEqual({
          ok: false,
          needsRehash: false,
        });
      }
    });
  });

  describe('timing equalisation', () => {
    it('dummyVerify runs one real argon2 verify against a hash made once with current params', async () => {
      const fresh = new PasswordHasher();
      const hashSpy = jest.spyOn(argon2, 'hash');
      const verifySpy = jest.spyOn(argon2, 'verify');

      await expect(fresh.dummyVerify('anything')).resolves.toEqual({
        ok: false,
        needsRehash: false,
      });
      await expect(fresh.dummyVerify('anything else')).resolves.toEqual({
        ok: false,
        needsRehash: false,
      });

      expect(hashSpy).toHaveBeenCalledTimes(1);
      expect(verifySpy).toHaveBeenCalledTimes(2);
      const [dummyHash, password] = verifySpy.mock.calls[1];
      expect(password).toBe('anything else');
      expect(String(dummyHash).startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
      expect(verifySpy.mock.calls[0][0]).toBe(dummyHash);
    });

    it('onModuleInit computes the dummy hash ahead of the first request', async () => {
      const fresh = new PasswordHasher();
      const hashSpy = jest.spyOn(argon2, 'hash');
      await fresh.onModuleInit();
      expect(hashSpy).toHaveBeenCalledTimes(1);
      await fresh.dummyVerify('x');
      expect(hashSpy).toHaveBeenCalledTimes(1);
    });

    it('pads legacy and garbage checks with one argon2 verify, and argon2 hashes get exactly one', async () => {
      const phc = await hasher.hash(PASSWORD);
      const verifySpy = jest.spyOn(argon2, 'verify');

      await hasher.verify({ hash: identityV2(PASSWORD) }, PASSWORD);
      expect(verifySpy).toHaveBeenCalledTimes(1);
      await hasher.verify({ hash: 'garbage' }, PASSWORD);
      expect(verifySpy).toHaveBeenCalledTimes(2);
      await hasher.verify({ hash: phc }, PASSWORD);
      expect(verifySpy).toHaveBeenCalledTimes(3);
      expect(verifySpy.mock.calls[2][0]).toBe(phc);
    });
  });
});
