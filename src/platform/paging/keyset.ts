/**
 * Keyset ("cursor") paging: the next page starts after the last row's sort
 * key, so page 2,000 costs what page 1 costs (an index range scan), where
 * `OFFSET` walks every row before it.
 *
 * A cursor is opaque to callers: base64url of `[scope, page, ...key]`. The
 * scope names the list and its order, so a cursor made for one order cannot
 * be replayed against another; the page number travels along so the page
 * envelope keeps saying which page this is. Nothing in it is secret: the key
 * is the last row the caller has just been shown.
 */
import { isStorableText } from '@/platform/text/storable-text';

export type KeyPart = 'int' | 'text';
export type KeyValue = number | string;

export interface KeysetPosition {
  /** The 1-based page the cursor leads to. */
  page: number;
  /** The sort key of the last row of the page before it. */
  key: KeyValue[];
}

/** Longer than any cursor we issue (two ints and a 256-character name, base64url). */
export const MAX_CURSOR_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(scope: string, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([scope, position.page, ...position.key]), 'utf8').toString(
    'base64url',
  );
}

/** The position a cursor holds, or null when it is not one we issued for `scope` and `shape`. */
export function decodeCursor(
  scope: string,
  text: string,
  shape: readonly KeyPart[],
): KeysetPosition | null {
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 2 || parsed[0] !== scope) {
    return null;
  }
  const page: unknown = parsed[1];
  if (!Number.isSafeInteger(page) || (page as number) < 2) return null;
  const key = parsed.slice(2) as unknown[];
  const fits = key.every((value, index) =>
    shape[index] === 'int'
      ? Number.isSafeInteger(value)
      : typeof value === 'string' && value.length <= 512 && isStorableText(value),
  );
  return fits ? { page: page as number, key: key as KeyValue[] } : null;
}
