/**
 * The v2 session search as one parameterised query: active sessions only,
 * filters ANDed together (as ZITADEL combines `queries`), ordered by id
 * (= creation order), with the total count of all matches in the same round trip.
 */

/** ZITADEL's `TimestampQueryMethod`. */
export type TimestampMethod =
  'EQUALS' | 'GREATER' | 'GREATER_OR_EQUALS' | 'LESS' | 'LESS_OR_EQUALS';

export interface TimestampFilter {
  at: Date;
  method: TimestampMethod;
}

export interface SessionSearchFilter {
  offset: number;
  limit: number;
  asc: boolean;
  /** Each entry is one `idsQuery`: the session id must be in every list given. */
  idLists?: string[][];
  /** Each entry is one `userIdQuery`: the owner's GUID or integer id. */
  userIds?: string[];
  created?: TimestampFilter[];
  expires?: TimestampFilter[];
  /** Callers without `session.read` see only their own sessions. */
  visibleToUserId?: number;
}

/** One session of a result page, with what `factors.user` needs. */
export interface SessionSearchRow {
  id: number;
  userId: number;
  userGuid: string;
  userName: string;
  firstName: string | null;
  lastName: string | null;
  createdAt: Date;
  lastUpdatedAt: Date;
  expiresAt: Date;
  sequence: string;
  ip: string | null;
  userAgent: string | null;
  /** The last successful password check of this session (login or PATCH), from the audit trail. */
  passwordVerifiedAt: Date | null;
}

export interface SessionSearchResult {
  totalCount: number;
  rows: SessionSearchRow[];
}

const MAX_INT32 = 2_147_483_647;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A v2 id as the integer it names, or null when it cannot name any session. */
export function parseSessionId(id: string): number | null {
  if (!/^\d{1,10}$/.test(id)) return null;
  const value = Number(id);
  return value >= 1 && value <= MAX_INT32 ? value : null;
}

/**
 * Timestamps print with millisecond precision, so comparisons are made at
 * that precision: `EQUALS t` is `[t, t+1ms)`. Each form keeps the column bare,
 * so the created_at / expires_at indexes stay usable.
 */
function timestampCondition(
  column: string,
  filter: TimestampFilter,
  param: (value: unknown) => string,
): string {
  const at = filter.at;
  const next = new Date(at.getTime() + 1);
  switch (filter.method) {
    case 'EQUALS':
      return `(${column} >= ${param(at)} AND ${column} < ${param(next)})`;
    case 'GREATER':
      return `${column} >= ${param(next)}`;
    case 'GREATER_OR_EQUALS':
      return `${column} >= ${param(at)}`;
    case 'LESS':
      return `${column} < ${param(at)}`;
    case 'LESS_OR_EQUALS':
      return `${column} < ${param(next)}`;
  }
}

export function sessionSearchSql(filter: SessionSearchFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['s.revoked_at IS NULL', 's.expires_at > now()'];
  if (filter.visibleToUserId !== undefined)
    where.push(`s.user_id = ${param(filter.visibleToUserId)}`);
  for (const list of filter.idLists ?? []) {
    const ids = list.map(parseSessionId).filter((id): id is number => id !== null);
    where.push(ids.length > 0 ? `s.id = ANY(${param(ids)}::int[])` : 'false');
  }
  for (const userId of filter.userIds ?? []) {
    const numeric = parseSessionId(userId);
    if (numeric !== null) where.push(`s.user_id = ${param(numeric)}`);
    else if (GUID.test(userId)) {
      where.push(
        `s.user_id = (SELECT id FROM users WHERE guid = ${param(userId.toLowerCase())}::uuid)`,
      );
    } else where.push('false');
  }
  for (const created of filter.created ?? [])
    where.push(timestampCondition('s.created_at', created, param));
  for (const expires of filter.expires ?? [])
    where.push(timestampCondition('s.expires_at', expires, param));
  const direction = filter.asc ? 'ASC' : 'DESC';
  const sql = `
    WITH matched AS (SELECT s.id FROM sessions s WHERE ${where.join(' AND ')}),
         page AS (SELECT id FROM matched ORDER BY id ${direction} LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)})
    SELECT t.total, s.id, s.user_id, u.guid AS user_guid, u.username, u.first_name, u.last_name,
           s.created_at, s.last_updated_at, s.expires_at, s.sequence::text AS sequence, s.ip, s.user_agent,
           (SELECT max(e.occurred_at) FROM audit_events e
             WHERE e.subject_user_id = s.user_id AND e.session_id = s.id
               AND e.action = 'login.succeeded') AS password_verified_at
      FROM (SELECT count(*)::int AS total FROM matched) t
      LEFT JOIN page p ON true
      LEFT JOIN sessions s ON s.id = p.id
      LEFT JOIN users u ON u.id = s.user_id
     ORDER BY s.id ${direction}`;
  return { sql, params };
}

interface RawRow {
  total: number;
  id: number | null;
  user_id: number;
  user_guid: string;
  username: string;
  first_name: string | null;
  last_name: string | null;
  created_at: Date | string;
  last_updated_at: Date | string;
  expires_at: Date | string;
  sequence: string;
  ip: string | null;
  user_agent: string | null;
  password_verified_at: Date | string | null;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

export function toSearchResult(raw: unknown[]): SessionSearchResult {
  const rows = raw as RawRow[];
  return {
    totalCount: Number(rows[0]?.total ?? 0),
    rows: rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        id: Number(row.id),
        userId: row.user_id,
        userGuid: row.user_guid,
        userName: row.username,
        firstName: row.first_name,
        lastName: row.last_name,
        createdAt: asDate(row.created_at),
        lastUpdatedAt: asDate(row.last_updated_at),
        expiresAt: asDate(row.expires_at),
        sequence: String(row.sequence),
        ip: row.ip,
        userAgent: row.user_agent,
        passwordVerifiedAt:
          row.password_verified_at === null ? null : asDate(row.password_verified_at),
      })),
  };
}
