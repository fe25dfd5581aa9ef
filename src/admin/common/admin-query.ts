import { DomainError } from '@/platform/errors/domain-error';
import { decodeCursor, KeyPart } from '@/platform/paging/keyset';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageRequest } from '@/platform/paging/page';

/** A parsed query string as Express hands it over (values may repeat or nest). */
export type RawQuery = Record<string, unknown>;

/** Keeps `(page - 1) * pageSize` far inside PostgreSQL's bigint and JS's safe integers. */
export const MAX_PAGE = 1_000_000_000;
export const MAX_SEARCH_LENGTH = 256;

const DIGITS = /^[0-9]{1,10}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(code: string, message: string): DomainError {
  return new DomainError('InvalidArgument', code, message);
}

/**
 * One query parameter, its name matched case-insensitively (ASP.NET binding
 * was). Absent → undefined; repeated or nested → the `code` 400.
 */
export function queryValue(query: RawQuery, name: string, code: string): string | undefined {
  const wanted = name.toLowerCase();
  const keys = Object.keys(query).filter((key) => key.toLowerCase() === wanted);
  if (keys.length === 0) return undefined;
  const value = query[keys[0]];
  if (keys.length > 1 || typeof value !== 'string') {
    throw invalid(code, `"${name}" must be given once, as a single value`);
  }
  return value;
}

/**
 * `page` (1-based, default 1) and `pageSize` (default 20, 1..200). Anything
 * else, including a pageSize above 200, is a 400 `InvalidPaging`: never clamped.
 */
export function parsePaging(query: RawQuery): PageRequest {
  const number = (name: string, fallback: number, max: number): number => {
    const text = queryValue(query, name, 'InvalidPaging');
    if (text === undefined) return fallback;
    const value = DIGITS.test(text) ? Number(text) : NaN;
    if (!(value >= 1 && value <= max)) {
      throw invalid('InvalidPaging', `"${name}" must be a whole number from 1 to ${max}`);
    }
    return value;
  };
  return {
    page: number('page', 1, MAX_PAGE),
    pageSize: number('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/**
 * `parsePaging` plus `cursor`: the opaque position a keyset-paged list hands
 * out in its `Link: <…>; rel="next"` header. A cursor replaces `page`
 * (both given: 400 `InvalidPaging`); one this list did not issue, for this
 * order, is a 400 `InvalidCursor`.
 */
export function parseKeysetPaging(
  query: RawQuery,
  scope: string,
  shape: readonly KeyPart[],
): PageRequest {
  const paging = parsePaging(query);
  const text = queryValue(query, 'cursor', 'InvalidCursor');
  if (text === undefined) return paging;
  if (queryValue(query, 'page', 'InvalidPaging') !== undefined) {
    throw invalid('InvalidPaging', 'give "page" or "cursor", not both');
  }
  const position = decodeCursor(scope, text, shape);
  if (!position || position.page > MAX_PAGE) {
    throw invalid(
      'InvalidCursor',
      '"cursor" must be copied from the Link header this list answered, with the same sort',
    );
  }
  return { page: position.page, pageSize: paging.pageSize, after: position.key };
}

/** A trimmed username search, or undefined when absent or blank. */
export function parseSearch(query: RawQuery): string | undefined {
  const text = queryValue(query, 'search', 'InvalidSearch')?.trim();
  if (!text) return undefined;
  if (text.length > MAX_SEARCH_LENGTH) {
    throw invalid('InvalidSearch', `"search" must be at most ${MAX_SEARCH_LENGTH} characters`);
  }
  return text;
}

/** A GUID in `D` form (any case), lower-cased; anything else is a 400 `InvalidGuid`. */
export function parseGuid(text: string | undefined | null): string {
  if (typeof text !== 'string' || !GUID.test(text.trim())) {
    throw invalid('InvalidGuid', 'expected a GUID like 83bde819-ec08-4cee-b635-884145630d0b');
  }
  return text.trim().toLowerCase();
}
