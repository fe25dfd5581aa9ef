import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new refresh token / v2 `sessionToken`: 256 random bits, base64url (43 characters, no padding). */
export function newOpaqueToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * The value stored in the database (SHA-256, hex) in place of the token.
 * A fast unsalted hash is right here, unlike for passwords: the input is 256
 * random bits, so there is nothing to guess or precompute, and a slow KDF
 * would only cost time on every refresh. Hashing still means a leaked table
 * cannot be replayed as live tokens.
 */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check, so junk is turned away before it costs a database lookup. */
export function isOpaqueTokenShape(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_SHAPE.test(token);
}
