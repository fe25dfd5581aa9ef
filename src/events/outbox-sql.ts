import { SessionEventType, UserEventType } from './event-catalogue';

/**
 * SQL that appends events to the outbox, for repositories to put in the same
 * statement (a data-modifying CTE) or transaction as the change. `rows` is a
 * table expression or CTE name; `extra` adds `data` members (name → SQL
 * expression over `r`/`u`, parameters cast to their type).
 */

/** One `type` event per session row in `rows` (columns id, user_id, channel). */
export function insertSessionEvents(
  type: SessionEventType,
  rows: string,
  extra: Record<string, string> = {},
): string {
  return `INSERT INTO outbox_events (type, data)
    SELECT '${type}', jsonb_build_object('sessionId', r.id, 'userId', r.user_id, 'userGuid', u.guid,
             'channel', r.channel${members(extra)})
      FROM ${rows} r JOIN users u ON u.id = r.user_id ORDER BY r.id`;
}

/** One `type` event per user row in `rows` (columns id, guid). */
export function insertUserEvents(
  type: UserEventType,
  rows: string,
  extra: Record<string, string> = {},
): string {
  return `INSERT INTO outbox_events (type, data)
    SELECT '${type}', jsonb_build_object('userId', r.id, 'userGuid', r.guid${members(extra)})
      FROM ${rows} r ORDER BY r.id`;
}

function members(extra: Record<string, string>): string {
  return Object.entries(extra)
    .map(([name, sql]) => `, '${name}', ${sql}`)
    .join('');
}

/** A timestamptz expression as JSON's ISO 8601 in UTC with milliseconds (what Date#toJSON writes). */
export function isoSql(expression: string): string {
  return `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
