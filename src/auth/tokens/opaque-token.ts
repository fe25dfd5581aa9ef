import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;

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

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether a presented string could be one of our opaque tokens (RFC 7662: a JWT is looked at otherwise). */
export function isOpaqueTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
