import { ListSessionsRequest } from './contracts';
import { SessionSearchFilter, TimestampFilter, TimestampMethod } from '@/sessions/session-search';
import { V2Errors } from './v2-errors';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const METHODS: readonly TimestampMethod[] = [
  'EQUALS',
  'GREATER',
  'GREATER_OR_EQUALS',
  'LESS',
  'LESS_OR_EQUALS',
];

/** `TIMESTAMP_QUERY_METHOD_GREATER`, `GREATER` or `1` (protobuf JSON accepts names and numbers). */
export function parseTimestampMethod(value: string | null): TimestampMethod {
  if (value === null || value === '') return 'EQUALS';
  const name = value
    .trim()
    .toUpperCase()
    .replace(/^TIMESTAMP_QUERY_METHOD_/, '');
  const byNumber = /^\d$/.test(name) ? METHODS[Number(name)] : undefined;
  const method = byNumber ?? METHODS.find((candidate) => candidate === name);
  if (!method) throw V2Errors.invalidTimestampMethod(value);
  return method;
}

function timestamp(at: Date | null, method: string | null, field: string): TimestampFilter {
  if (!at) throw V2Errors.missing(field);
  return { at, method: parseTimestampMethod(method) };
}

/** Turns a v2 list request into the repository filter; every mistake is a 400 (gRPC 3). */
export function toSearchFilter(
  body: ListSessionsRequest | null,
): Omit<SessionSearchFilter, 'visibleToUserId'> {
  const offset = body?.query?.offset ?? 0;
  const limit = body?.query?.limit || DEFAULT_LIMIT;
  if (offset < 0 || offset > Number.MAX_SAFE_INTEGER) {
    throw V2Errors.invalidPaging('query.offset must be between 0 and 9007199254740991');
  }
  if (limit < 0 || limit > MAX_LIMIT)
    throw V2Errors.invalidPaging(`query.limit must be between 0 and ${MAX_LIMIT}`);
  const idLists: string[][] = [];
  const userIds: string[] = [];
  const created: TimestampFilter[] = [];
  const expires: TimestampFilter[] = [];
  for (const query of body?.queries ?? []) {
    if (query.idsQuery) idLists.push(query.idsQuery.ids ?? []);
    if (query.userIdQuery) {
      if (!query.userIdQuery.id) throw V2Errors.missing('userIdQuery.id');
      userIds.push(query.userIdQuery.id);
    }
    const byCreation = query.creationDateQuery;
    if (byCreation) {
      created.push(
        timestamp(byCreation.creationDate, byCreation.method, 'creationDateQuery.creationDate'),
      );
    }
    const byExpiry = query.expirationDateQuery;
    if (byExpiry) {
      expires.push(
        timestamp(byExpiry.expirationDate, byExpiry.method, 'expirationDateQuery.expirationDate'),
      );
    }
  }
  return { offset, limit, asc: body?.query?.asc ?? false, idLists, userIds, created, expires };
}
