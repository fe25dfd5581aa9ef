import { DataSource } from 'typeorm';

/**
 * What "nothing in the database changed" means for the hostile-input suites:
 * row counts, the highest ids and sequences, and aggregates of the columns a
 * login, a failure, a revocation or a rotation would touch. Any write through
 * the session, token, user or audit paths moves at least one of these.
 */
export interface DbFingerprint {
  users: number;
  usersMaxId: number;
  usersUpdatedAt: string | null;
  usersFailedLogins: number;
  usersActiveSessions: number;
  usersLocked: number;
  usersBlockedOrDisabled: number;
  sessions: number;
  sessionsMaxId: number;
  sessionsMaxSequence: number;
  sessionsSequenceSum: number;
  sessionsRevoked: number;
  sessionsLastUpdatedAt: string | null;
  tokens: number;
  tokensRotated: number;
  auditEvents: number;
  auditMaxId: number;
  userRoles: number;
}

export async function dbFingerprint(dataSource: DataSource): Promise<DbFingerprint> {
  const [row] = await dataSource.query(`
    SELECT
      (SELECT count(*) FROM users)::int                                           AS "users",
      (SELECT coalesce(max(id), 0) FROM users)::int                               AS "usersMaxId",
      (SELECT max(updated_at)::text FROM users)                                   AS "usersUpdatedAt",
      (SELECT coalesce(sum(failed_login_attempts), 0) FROM users)::int            AS "usersFailedLogins",
      (SELECT coalesce(sum(active_session_count), 0) FROM users)::int             AS "usersActiveSessions",
      (SELECT count(*) FROM users WHERE locked_until IS NOT NULL)::int            AS "usersLocked",
      (SELECT count(*) FROM users
        WHERE blocked_at IS NOT NULL OR disabled_at IS NOT NULL)::int             AS "usersBlockedOrDisabled",
      (SELECT count(*) FROM sessions)::int                                        AS "sessions",
      (SELECT coalesce(max(id), 0) FROM sessions)::int                            AS "sessionsMaxId",
      (SELECT coalesce(max(sequence), 0) FROM sessions)::int                      AS "sessionsMaxSequence",
      (SELECT coalesce(sum(sequence), 0) FROM sessions)::int                      AS "sessionsSequenceSum",
      (SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL)::int           AS "sessionsRevoked",
      (SELECT max(last_updated_at)::text FROM sessions)                           AS "sessionsLastUpdatedAt",
      (SELECT count(*) FROM session_tokens)::int                                  AS "tokens",
      (SELECT count(*) FROM session_tokens WHERE rotated_at IS NOT NULL)::int     AS "tokensRotated",
      (SELECT count(*) FROM audit_events)::int                                    AS "auditEvents",
      (SELECT coalesce(max(id), 0) FROM audit_events)::int                        AS "auditMaxId",
      (SELECT count(*) FROM user_roles)::int                                      AS "userRoles"
  `);
  return row as DbFingerprint;
}

/**
 * The integrity invariants of the session model: every session has a token
 * row, and each user's trigger-kept counter equals their unrevoked sessions.
 * Returns the offending rows (empty when all hold).
 */
export async function sessionIntegrityViolations(dataSource: DataSource): Promise<{
  sessionsWithoutToken: number[];
  counterMismatches: Array<{ userId: number; counter: number; actual: number }>;
}> {
  const orphans: Array<{ id: number }> = await dataSource.query(`
    SELECT s.id FROM sessions s
     WHERE NOT EXISTS (SELECT 1 FROM session_tokens t WHERE t.session_id = s.id)
     ORDER BY s.id`);
  const mismatches: Array<{ user_id: number; counter: number; actual: number }> =
    await dataSource.query(`
      SELECT u.id AS user_id, u.active_session_count AS counter, coalesce(a.n, 0)::int AS actual
        FROM users u
        LEFT JOIN (SELECT user_id, count(*) AS n FROM sessions
                    WHERE revoked_at IS NULL GROUP BY user_id) a ON a.user_id = u.id
       WHERE u.active_session_count <> coalesce(a.n, 0)
       ORDER BY u.id`);
  return {
    sessionsWithoutToken: orphans.map((row) => row.id),
    counterMismatches: mismatches.map((row) => ({
      userId: row.user_id,
      counter: row.counter,
      actual: row.actual,
    })),
  };
}
