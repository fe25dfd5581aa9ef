import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  hash as argon2Hash,
  parseOptions as argon2ParseOptions,
  verify as argon2Verify,
  type Algorithm,
  type Options as Argon2Options,
  type Version,
} from '@node-rs/argon2';
import { createHash, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { ConcurrencyLimit, HASHING_CONCURRENCY } from './concurrency-limit';
import { isStorableText } from '@/platform/text/storable-text';

/** A user's stored credential: the hash column and, for legacy imports, `PasswordSalt`. */
export interface StoredPassword {
  hash: string;
  salt?: string | null;
}

export interface PasswordVerifyResult {
  ok: boolean;
  /** True when the password matched but the stored hash should be replaced by a fresh `hash()`. */
  needsRehash: boolean;
}

// The package declares these as `const enum`s, which SWC (per-file transpiling)
// cannot inline and which do not exist at runtime, so spell the values out.
const ARGON2ID = 2 as Algorithm;
const ARGON2_VERSION_0X13 = 1 as Version;

/** SPEC 5 minimum (OWASP's argon2id baseline): m=19 MiB, t=2, p=1. */
export const ARGON2_PARAMS = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

const ARGON2_OPTIONS: Argon2Options = { ...ARGON2_PARAMS, algorithm: ARGON2ID };
const MIN_SALT_BYTES = 16;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * Returns a user-facing problem with the password, or null when it is acceptable.
 * Length counts Unicode code points, so an emoji is one character, and the
 * password is taken exactly as sent: spaces at either end are part of it.
 */
export function validatePasswordPolicy(password: string): string | null {
  if (typeof password !== 'string') return 'Password is required.';
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  }
  // An unpaired surrogate has no UTF-8 form: argon2 would hash U+FFFD instead of what was typed.
  if (!isStorableText(password)) {
    return 'Password must not contain U+0000 or an unpaired surrogate.';
  }
  return null;
}

const pbkdf2Async = promisify(pbkdf2);

const NO_MATCH: PasswordVerifyResult = Object.freeze({ ok: false, needsRehash: false });

// Identity v3 hashes carry their own iteration count; a corrupt or hostile row
// must not be able to pin a threadpool thread for minutes.
export const MAX_PBKDF2_ITERATIONS = 1_000_000;

const IDENTITY_V3_PRF: Record<number, string> = { 0: 'sha1', 1: 'sha256', 2: 'sha512' };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX_DIGEST = /^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/;

/** Strict decoding: Buffer.from(..., 'base64') silently skips junk, which would blur format detection. */
function decodeBase64(value: string): Buffer | null {
  if (value.length === 0 || !BASE64.test(value)) return null;
  return Buffer.from(value, 'base64');
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  // Lengths are fixed by the format, so comparing them first leaks nothing secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Hashes new passwords with argon2id and verifies stored ones in every format a
 * user can have been imported with. All hashing runs on the libuv threadpool
 * (the async argon2 binding and `crypto.pbkdf2`), never on the event loop.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash?: Promise<string>;
  /** argon2 jobs in flight at once (see ConcurrencyLimit); the rest queue here, not on the CPUs. */
  private readonly limit = new ConcurrencyLimit(HASHING_CONCURRENCY);

  /** Computes the dummy hash at boot so the first unknown-user login is not slower than the rest. */
  async onModuleInit(): Promise<void> {
    await this.getDummyHash();
  }

  /** argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) with a fresh random salt. */
  hash(password: string): Promise<string> {
    return this.limit.run(() => argon2Hash(password, ARGON2_OPTIONS));
  }

  /**
   * Checks a password against whatever format the stored hash is in; never throws.
   * Anything other than argon2 also runs one dummy argon2 verify, so that every
   * path (legacy hash, garbage hash, unknown user) costs at least what a real
   * argon2 check costs and response times do not tell them apart.
   */
  async verify(stored: StoredPassword, password: string): Promise<PasswordVerifyResult> {
    if (typeof password !== 'string' || typeof stored?.hash !== 'string') {
      return this.dummyVerify(typeof password === 'string' ? password : '');
    }
    const storedHash = stored.hash.trim();
    if (storedHash.startsWith('$argon2id$')) return this.verifyArgon2(storedHash, password);

    const [legacyOk] = await Promise.all([
      this.verifyLegacy(storedHash, stored.salt ?? null, password).catch(() => false),
      this.dummyVerify(password),
    ]);
    return legacyOk ? { ok: true, needsRehash: true } : NO_MATCH;
  }

  /** Same cost as a real argon2 verify; always a non-match. Use it when the user does not exist. */
  async dummyVerify(password: string): Promise<PasswordVerifyResult> {
    try {
      const dummy = await this.getDummyHash();
      await this.limit.run(() => argon2Verify(dummy, password));
    } catch {
      // The outcome is irrelevant; only the time spent matters.
    }
    return NO_MATCH;
  }

  private getDummyHash(): Promise<string> {
    // A random secret nobody knows, so the dummy can never match anything.
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    return this.dummyHash;
  }

  private async verifyArgon2(storedHash: string, password: string): Promise<PasswordVerifyResult> {
    let ok: boolean;
    try {
      ok = await this.limit.run(() => argon2Verify(storedHash, password));
    } catch {
      // Malformed PHC string: spend the time a real verify would have taken.
      return this.dummyVerify(password);
    }
    return ok ? { ok: true, needsRehash: argon2NeedsRehash(storedHash) } : NO_MATCH;
  }

  private async verifyLegacy(
    storedHash: string,
    salt: string | null,
    password: string,
  ): Promise<boolean> {
    if (HEX_DIGEST.test(storedHash)) {
      return salt ? verifySaltedDigest(Buffer.from(storedHash, 'hex'), salt, password) : false;
    }
    const bytes = decodeBase64(storedHash);
    if (!bytes) return false;
    if (bytes.length === 49 && bytes[0] === 0x00) return verifyIdentityV2(bytes, password);
    if (bytes[0] === 0x01) return verifyIdentityV3(bytes, password);
    if (salt && (bytes.length === 20 || bytes.length === 32)) {
      return verifySaltedDigest(bytes, salt, password);
    }
    return false;
  }
}

/** True when an argon2 hash was made with weaker settings than `hash()` uses today. */
export function argon2NeedsRehash(storedHash: string): boolean {
  try {
    const params = argon2ParseOptions(storedHash);
    return (
      params.algorithm !== ARGON2ID ||
      params.version !== ARGON2_VERSION_0X13 ||
      params.memoryCost < ARGON2_PARAMS.memoryCost ||
      params.timeCost < ARGON2_PARAMS.timeCost ||
      params.outputLen < ARGON2_PARAMS.outputLen ||
      params.saltLen < MIN_SALT_BYTES
    );
  } catch {
    return true;
  }
}

/** ASP.NET Identity v2: 0x00 | salt(16) | PBKDF2-HMAC-SHA1(1000 iterations) subkey(32). */
async function verifyIdentityV2(bytes: Buffer, password: string): Promise<boolean> {
  const salt = bytes.subarray(1, 17);
  const expected = bytes.subarray(17, 49);
  const actual = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, 1000, 32, 'sha1');
  return safeEqual(actual, expected);
}

/**
 * ASP.NET Identity v3: 0x01 | PRF uint32 BE | iterations uint32 BE | salt length
 * uint32 BE | salt | subkey. Identity itself rejects salts and subkeys shorter
 * than 128 bits, so such rows are treated as corrupt.
 */
async function verifyIdentityV3(bytes: Buffer, password: string): Promise<boolean> {
  if (bytes.length < 13) return false;
  const digest = IDENTITY_V3_PRF[bytes.readUInt32BE(1)];
  const iterations = bytes.readUInt32BE(5);
  const saltLength = bytes.readUInt32BE(9);
  if (!digest || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return false;
  if (saltLength < 16 || 13 + saltLength > bytes.length) return false;
  const salt = bytes.subarray(13, 13 + saltLength);
  const expected = bytes.subarray(13 + saltLength);
  if (expected.length < 16) return false;
  const actual = await pbkdf2Async(
    Buffer.from(password, 'utf8'),
    salt,
    iterations,
    expected.length,
    digest,
  );
  return safeEqual(actual, expected);
}

/**
 * Salted SHA-1 / SHA-256 with a separate `PasswordSalt`. The digest length (20
 * or 32 bytes, stored as base64 or hex) picks the algorithm. Accepted variants:
 *  1. ASP.NET Membership "Hashed": HASH(base64-decoded salt bytes ++ UTF-16LE password);
 *  2. HASH(UTF-8 salt ++ UTF-8 password), as hand-rolled schemes did.
 * Both are computed every time so the work done does not depend on which one matches.
 */
function verifySaltedDigest(expected: Buffer, salt: string, password: string): boolean {
  const algorithm = expected.length === 20 ? 'sha1' : expected.length === 32 ? 'sha256' : null;
  if (!algorithm) return false;

  const saltBytes = decodeBase64(salt.trim());
  const membership = saltBytes
    ? createHash(algorithm).update(saltBytes).update(Buffer.from(password, 'utf16le')).digest()
    : null;
  const plain = createHash(algorithm)
    .update(Buffer.from(salt, 'utf8'))
    .update(Buffer.from(password, 'utf8'))
    .digest();

  const membershipOk = membership ? safeEqual(membership, expected) : false;
  const plainOk = safeEqual(plain, expected);
  return membershipOk || plainOk;
}
