import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * True when `authorization` is `Bearer <token>`. Both sides are hashed first,
 * so the comparison takes the same time whatever the length or the first
 * differing byte of what was sent.
 */
export function presentsMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}
