import { MAX_PBKDF2_ITERATIONS } from './password-hasher';

/** The `hash_format` values an import file may name; empty means "no password". */
export const HASH_FORMATS = [
  'aspnet-identity-v2',
  'aspnet-identity-v3',
  'membership-sha1',
  'membership-sha256',
  'argon2id',
] as const;
export type HashFormat = (typeof HASH_FORMATS)[number];

/** What goes into `password_hash`/`password_salt`: the form PasswordHasher.verify recognises. */
export interface StorablePassword {
  hash: string;
  salt: string | null;
}

export type ImportedHash =
  | { ok: true; password: StorablePassword | null }
  | { ok: false; column: 'password_hash' | 'password_salt' | 'hash_format'; reason: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const ARGON2ID_PHC =
  /^\$argon2id\$v=19\$m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{16,}$/;
const IDENTITY_V3_PRFS = new Set([0, 1, 2]);
const MEMBERSHIP_DIGEST_BYTES: Record<string, number> = {
  'membership-sha1': 20,
  'membership-sha256': 32,
};

function base64(value: string): Buffer | null {
  return value.length > 0 && BASE64.test(value) ? Buffer.from(value, 'base64') : null;
}

const refuse = (column: 'password_hash' | 'password_salt' | 'hash_format', reason: string) =>
  ({ ok: false, column, reason }) as const;

/**
 * Checks an exported hash against the format the file names and returns it in
 * the form PasswordHasher verifies. The hasher tells formats apart by shape
 * (`$argon2id$`, 40/64 hex digits with a salt, base64 starting 0x00 or 0x01,
 * base64 digest with a salt), so each format is checked here to have exactly
 * that shape: a row that would never verify is refused now, not at the first
 * login. Membership digests are stored as lower-case hex, because a base64
 * digest whose first byte happens to be 0x01 would be taken for Identity v3.
 */
export function importedHash(format: string, hash: string, salt: string): ImportedHash {
  if (format === '') {
    if (hash !== '') return refuse('hash_format', 'password_hash is given without a hash_format');
    if (salt !== '') return refuse('hash_format', 'password_salt is given without a hash_format');
    return { ok: true, password: null };
  }
  if (!(HASH_FORMATS as readonly string[]).includes(format)) {
    return refuse(
      'hash_format',
      `unknown hash_format (expected one of ${HASH_FORMATS.join(', ')})`,
    );
  }
  if (hash === '') return refuse('password_hash', `${format} needs a password_hash`);
  const digestBytes = MEMBERSHIP_DIGEST_BYTES[format];
  if (digestBytes !== undefined) return membership(format, hash, salt, digestBytes);
  if (salt !== '') return refuse('password_salt', `${format} carries its salt in the hash`);
  if (format === 'argon2id') {
    return ARGON2ID_PHC.test(hash)
      ? { ok: true, password: { hash, salt: null } }
      : refuse(
          'password_hash',
          'not an argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash)',
        );
  }
  const bytes = base64(hash);
  if (!bytes) return refuse('password_hash', 'not base64');
  const problem =
    format === 'aspnet-identity-v2' ? identityV2Problem(bytes) : identityV3Problem(bytes);
  return problem ? refuse('password_hash', problem) : { ok: true, password: { hash, salt: null } };
}

function membership(format: string, hash: string, salt: string, digestBytes: number): ImportedHash {
  const digest = HEX.test(hash) ? Buffer.from(hash, 'hex') : base64(hash);
  if (!digest) return refuse('password_hash', 'neither base64 nor hex');
  if (digest.length !== digestBytes) {
    return refuse(
      'password_hash',
      `a ${format} digest is ${digestBytes} bytes, this is ${digest.length}`,
    );
  }
  if (salt === '') return refuse('password_salt', `${format} needs a password_salt`);
  if (!base64(salt)) return refuse('password_salt', 'not base64');
  return { ok: true, password: { hash: digest.toString('hex'), salt } };
}

/** 0x00 | salt(16) | PBKDF2-HMAC-SHA1 subkey(32). */
function identityV2Problem(bytes: Buffer): string | null {
  if (bytes.length !== 49 || bytes[0] !== 0x00) {
    return 'an aspnet-identity-v2 hash is 49 bytes starting with 0x00';
  }
  return null;
}

/** 0x01 | PRF | iterations | salt length (uint32 BE each) | salt | subkey, as PasswordHasher reads it. */
function identityV3Problem(bytes: Buffer): string | null {
  if (bytes.length < 13 || bytes[0] !== 0x01) {
    return 'an aspnet-identity-v3 hash starts with 0x01 and a 12-byte header';
  }
  const iterations = bytes.readUInt32BE(5);
  const saltLength = bytes.readUInt32BE(9);
  if (!IDENTITY_V3_PRFS.has(bytes.readUInt32BE(1))) return 'unknown PRF (0, 1 or 2)';
  if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    return `iteration count outside 1..${MAX_PBKDF2_ITERATIONS}`;
  }
  if (saltLength < 16 || 13 + saltLength + 16 > bytes.length) {
    return 'salt shorter than 16 bytes, or no 16-byte subkey after it';
  }
  return null;
}
