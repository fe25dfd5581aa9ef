import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isStorableText } from '@/platform/text/storable-text';
import { END_REASON_OF, StoredEndReason } from '@/events/event-catalogue';
import { insertSessionEvents, isoSql } from '@/events/outbox-sql';
import { offsetOf, Page, PageRequest } from '@/platform/paging/page';
import { USERNAME_SEARCH_KEY, usernameSearchPattern } from '@/users/username-key';
import { SessionLimitReached } from './session-errors';
import { SessionTokenEntity, SessionTokenKind } from './entities/session-token.entity';
import { SessionChannel, SessionEntity, StoredProperty } from './entities/session.entity';
import {
  SessionSearchFilter,
  SessionSearchResult,
  sessionSearchSql,
  toSearchResult,
} from './session-search';

export interface NewSession {
  userId: number;
  channel: SessionChannel;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  ip?: string | null;
  userAgent?: string | null;
  smartphone?: string | null;
  operatingSystem?: string | null;
  application?: string | null;
  isSingleSignOn?: boolean;
  appData?: StoredProperty[];
  props?: StoredProperty[];
  sessionData?: StoredProperty[] | null;
  features?: string[];
}

export interface NewToken {
  hash: string;
  kind: SessionTokenKind;
}

/** Which session an opaque token belongs to, whether it was exchanged already, and when it was issued. */
export interface TokenOwner {
  sessionId: number;
  rotated: boolean;
  issuedAt: Date;
}

/** How many concurrent sessions a user may hold, and what a login over the limit does. */
export interface SessionLimitRule {
  perUser?: number;
  policy: 'reject' | 'evict-oldest';
}

/** `revoke_reason` of a session ended to make room for a newer one. */
export const SESSION_LIMIT_REASON = 'limit' satisfies StoredEndReason;

export interface EndedBy {
  actorUserId: number | null;
  reason: StoredEndReason;
}

/** The state the per-request token check needs, and nothing more. */
export interface SessionState {
  id: number;
  userId: number;
  userGuid: string;
  expiresAt: Date;
  lastUpdatedAt: Date;
  revokedAt: Date | null;
  /** False once the owner is blocked or disabled (closes the race with a login in flight). */
  userActive: boolean;
  /** The owner's permissions, read in the same round trip. */
  permissions: string[];
  /** What `GET /Auth/Session` answers besides liveness, so the cached state serves it without a query. */
  createdAt: Date;
  isSingleSignOn: boolean;
  appData: StoredProperty[];
  props: StoredProperty[];
  sessionData: StoredProperty[] | null;
  userName: string;
}

export type RotationResult =
  | { outcome: 'rotated'; session: SessionEntity }
  | { outcome: 'reused'; sessionId: number }
  | { outcome: 'unknown' }
  | { outcome: 'inactive'; sessionId: number }
  /** The session was live but its owner is blocked or disabled: it has just been ended. */
  | { outcome: 'ownerInactive'; session: { id: number; userId: number } };

export interface ActiveSessionSummary {
  userId: number;
  userGuid: string;
  userName: string;
  isOperator: boolean;
  sessionCount: number;
}

export type ActiveUsersSort = 'count' | 'name';

/** How many sessions were active at one instant. */
export interface ActiveSessionCount {
  at: Date;
  count: number;
}

/** Criteria of a bulk revoke; every given one must match (validated above). */
export interface SessionCriteria {
  userId?: number;
  userGuid?: string;
  /** An IP or CIDR in canonical form (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`). */
  network?: string;
  /** Case-insensitive substring of the user agent. */
  userAgentContains?: string;
  /** Created strictly before / after these instants. */
  createdBefore?: Date;
  createdAfter?: Date;
  channel?: SessionChannel;
}

/**
 * Whose sessions a bulk revoke may end: `permissions` null for a caller
 * holding `admin`; otherwise only sessions whose owners' permissions are all
 * among them (or the caller's own) are ended, the rest counted as skipped.
 */
export interface BulkRevokeScope {
  actorUserId: number;
  permissions: readonly string[] | null;
}

export interface BulkRevokeOutcome {
  /** Sessions ended (or, in a dry run, that would be). */
  endedIds: number[];
  ended: number;
  /** Matching sessions the caller may not end. */
  skipped: number;
}

const ACTIVE = 's.revoked_at IS NULL AND s.expires_at > now()';

/** `revoke_reason` of a session ended because its owner was blocked or disabled. */
export const OWNER_INACTIVE_REASON = 'user_inactive' satisfies StoredEndReason;

/** The columns the session events read from ended/created rows. */
const EVENT_COLUMNS = 's.id, s.user_id, s.channel';

/** Appends `session.ended` for the rows of CTE `ended`, its reason in parameter `reasonParam`. */
const endedEvents = (reasonParam: string) =>
  insertSessionEvents('session.ended', 'ended', { reason: `${reasonParam}::text` });

/** Users with active sessions, exact, from the trigger-kept tally (a few rows, not ~100k index entries). */
const ACTIVE_USER_TALLY_SQL = `SELECT coalesce(sum(delta), 0)::int AS count FROM active_user_tally`;

/** One statement, so the sum is the same before and after at every snapshot. */
export const COMPACT_ACTIVE_USER_TALLY_SQL = `
  WITH folded AS (DELETE FROM active_user_tally RETURNING delta)
  INSERT INTO active_user_tally (delta) SELECT coalesce(sum(delta), 0)::int FROM folded`;

/** The session aggregate: the session row and its opaque tokens. */
@Injectable()
export class SessionsRepository {
  private readonly sessions: Repository<SessionEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.sessions = dataSource.getRepository(SessionEntity);
  }

  /** Inserts the session and its tokens in one transaction. */
  async create(input: NewSession, tokens: NewToken[]): Promise<SessionEntity> {
    return this.dataSource.transaction((tx) => this.insertSession(tx, input, tokens));
  }

  private async insertSession(
    tx: EntityManager,
    input: NewSession,
    tokens: NewToken[],
  ): Promise<SessionEntity> {
    const sessions = tx.getRepository(SessionEntity);
    const session = await sessions.save(
      sessions.create({
        guid: randomUUID(),
        appData: [],
        props: [],
        sessionData: null,
        features: [],
        isSingleSignOn: false,
        ...input,
      }),
    );
    await this.insertTokens(tx, session.id, tokens);
    await tx.query(
      insertSessionEvents(
        'session.created',
        '(SELECT id, user_id, channel FROM sessions WHERE id = $1)',
      ),
      [session.id],
    );
    return sessions.findOneByOrFail({ id: session.id });
  }

  /**
   * Inserts the session like `create`, within the owner's session limit: the
   * largest limit of the owner's roles, else `limit.perUser`. The owner's row
   * is locked first, so parallel logins of one user take turns and the count
   * each sees is exact (20 parallel logins against a limit of 3 leave 3).
   * Over the limit, `reject` creates nothing and throws `SessionLimitReached`;
   * `evict-oldest` ends the oldest active sessions (reason `limit`) in the
   * same transaction and returns their ids.
   */
  async createWithinLimit(
    input: NewSession,
    tokens: NewToken[],
    limit: SessionLimitRule,
  ): Promise<{ session: SessionEntity; evicted: number[] }> {
    return this.dataSource.transaction(async (tx) => {
      const [{ role_limit: roleLimit }] = (await tx.query(
        `SELECT max(l.max_sessions)::int AS role_limit
           FROM user_roles ur JOIN role_session_limits l ON l.role_id = ur.role_id
          WHERE ur.user_id = $1`,
        [input.userId],
      )) as Array<{ role_limit: number | null }>;
      const max = roleLimit ?? limit.perUser;
      let evicted: number[] = [];
      if (max !== undefined) {
        await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [input.userId]);
        const [{ count }] = (await tx.query(
          `SELECT count(*)::int AS count FROM sessions s WHERE s.user_id = $1 AND ${ACTIVE}`,
          [input.userId],
        )) as Array<{ count: number }>;
        if (count >= max) {
          if (limit.policy === 'reject') throw new SessionLimitReached(max);
          const rows = (await tx.query(
            `WITH ended AS (
               UPDATE sessions s SET revoked_at = now(), revoked_by = NULL, revoke_reason = $3
                WHERE s.id IN (SELECT a.id FROM sessions a
                                WHERE a.user_id = $1 AND a.revoked_at IS NULL AND a.expires_at > now()
                                ORDER BY a.id ASC LIMIT $2)
                RETURNING ${EVENT_COLUMNS}),
             events AS (${endedEvents('$4')})
             SELECT id FROM ended ORDER BY id`,
            [input.userId, count - max + 1, SESSION_LIMIT_REASON, END_REASON_OF.limit],
          )) as Array<{ id: number }>;
          evicted = rows.map((row) => row.id);
        }
      }
      const session = await this.insertSession(tx, input, tokens);
      return { session, evicted };
    });
  }

  /** The per-role session limits, by role name. */
  async roleSessionLimits(): Promise<Array<{ role: string; maxSessions: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT r.name AS role, l.max_sessions AS max_sessions
         FROM role_session_limits l JOIN roles r ON r.id = l.role_id ORDER BY r.name`,
    )) as Array<{ role: string; max_sessions: number }>;
    return rows.map((row) => ({ role: row.role, maxSessions: row.max_sessions }));
  }

  /** Sets (or with null removes) a role's session limit; false when no such role. */
  async setRoleSessionLimit(role: string, maxSessions: number | null): Promise<boolean> {
    if (!isStorableText(role)) return false;
    const [found] = (await this.dataSource.query(`SELECT id FROM roles WHERE name = $1`, [
      role,
    ])) as Array<{ id: number }>;
    if (!found) return false;
    if (maxSessions === null) {
      await this.dataSource.query(`DELETE FROM role_session_limits WHERE role_id = $1`, [found.id]);
    } else {
      await this.dataSource.query(
        `INSERT INTO role_session_limits (role_id, max_sessions) VALUES ($1, $2)
         ON CONFLICT (role_id) DO UPDATE SET max_sessions = EXCLUDED.max_sessions, updated_at = now()`,
        [found.id, maxSessions],
      );
    }
    return true;
  }

  findById(id: number): Promise<SessionEntity | null> {
    return this.sessions.findOneBy({ id });
  }

  findActiveById(id: number): Promise<SessionEntity | null> {
    return this.sessions.createQueryBuilder('s').where(`s.id = :id AND ${ACTIVE}`, { id }).getOne();
  }

  /** One round trip: the session's liveness and its owner's permissions. */
  async findState(id: number): Promise<SessionState | null> {
    const rows: Array<{
      id: number;
      user_id: number;
      user_guid: string;
      expires_at: Date;
      last_updated_at: Date;
      revoked_at: Date | null;
      user_active: boolean;
      permissions: string[];
      created_at: Date;
      is_single_sign_on: boolean;
      app_data: StoredProperty[];
      props: StoredProperty[];
      session_data: StoredProperty[] | null;
      username: string;
    }> = await this.dataSource.query(
      `SELECT s.id, s.user_id, u.guid AS user_guid, s.expires_at, s.last_updated_at, s.revoked_at,
              (u.blocked_at IS NULL AND u.disabled_at IS NULL) AS user_active,
              s.created_at, s.is_single_sign_on, s.app_data, s.props, s.session_data, u.username,
              COALESCE((SELECT array_agg(DISTINCT rp.permission ORDER BY rp.permission)
                          FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id
                         WHERE ur.user_id = s.user_id), '{}') AS permissions
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      userGuid: row.user_guid,
      expiresAt: row.expires_at,
      lastUpdatedAt: row.last_updated_at,
      revokedAt: row.revoked_at,
      userActive: row.user_active,
      permissions: row.permissions,
      createdAt: row.created_at,
      isSingleSignOn: row.is_single_sign_on,
      appData: row.app_data,
      props: row.props,
      sessionData: row.session_data,
      userName: row.username,
    };
  }

  /**
   * A user's active sessions, newest first: after `page.after` (keyset, an
   * index range scan however deep) or by OFFSET.
   */
  async findActiveByUser(userId: number, page: PageRequest): Promise<Page<SessionEntity>> {
    const keyset = page.after !== undefined;
    const [rows, totalCount] = await Promise.all([
      // The page's ids come from an index-only scan (the covering index carries
      // expires_at); one row more than the page tells whether another follows.
      this.sessions
        .createQueryBuilder('s')
        .where(
          `s.id IN (SELECT a.id FROM sessions a
                     WHERE a.user_id = :userId AND a.revoked_at IS NULL AND a.expires_at > now()
                       ${keyset ? 'AND a.id < :afterId' : ''}
                     ORDER BY a.id DESC OFFSET :offset LIMIT :limit)`,
          {
            userId,
            afterId: page.after?.[0],
            offset: keyset ? 0 : offsetOf(page),
            limit: page.pageSize + 1,
          },
        )
        .orderBy('s.id', 'DESC')
        .getMany(),
      this.countActiveByUser(userId),
    ]);
    const items = rows.slice(0, page.pageSize);
    const nextKey = rows.length > page.pageSize ? [items[items.length - 1].id] : undefined;
    return { items, totalCount, ...page, nextKey };
  }

  async countActiveByUser(userId: number): Promise<number> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM sessions s WHERE s.user_id = $1 AND ${ACTIVE}`,
      [userId],
    );
    return count;
  }

  /** Ends one session if it is still active (and announces it); null when nothing active matched. */
  async revoke(id: number, by: EndedBy): Promise<SessionEntity | null> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH ended AS (
         UPDATE sessions s SET revoked_at = now(), revoked_by = $2, revoke_reason = $3
          WHERE s.id = $1 AND ${ACTIVE}
          RETURNING ${EVENT_COLUMNS}),
       events AS (${endedEvents('$4')})
       SELECT id FROM ended`,
      [id, by.actorUserId, by.reason, END_REASON_OF[by.reason]],
    );
    return rows.length > 0 ? this.findById(id) : null;
  }

  /** Ends (and announces) every active session of a user; returns the ids ended. */
  async revokeAllForUser(userId: number, by: EndedBy): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `WITH ended AS (
         UPDATE sessions s SET revoked_at = now(), revoked_by = $2, revoke_reason = $3
          WHERE s.user_id = $1 AND ${ACTIVE}
          RETURNING ${EVENT_COLUMNS}),
       events AS (${endedEvents('$4')})
       SELECT id FROM ended ORDER BY id`,
      [userId, by.actorUserId, by.reason, END_REASON_OF[by.reason]],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Exchanges a refresh/session token for a new one and slides the idle
   * expiry. The token is claimed with one conditional UPDATE, so of many
   * parallel uses exactly one wins; a token that was already rotated is
   * reuse, and ends the whole session. A live session whose owner is blocked
   * or disabled is not extended but ended (`user_inactive`).
   */
  async rotateToken(
    presentedHash: string,
    kind: SessionTokenKind,
    next: NewToken,
    idleSeconds: number,
  ): Promise<RotationResult> {
    return this.dataSource.transaction(async (tx) => {
      const [claimed] = await tx.query(
        `UPDATE session_tokens SET rotated_at = now()
          WHERE token_hash = $1 AND kind = $2 AND rotated_at IS NULL
          RETURNING session_id`,
        [presentedHash, kind],
      );
      if (claimed.length === 0) {
        const known: Array<{ session_id: number }> = await tx.query(
          `SELECT session_id FROM session_tokens WHERE token_hash = $1 AND kind = $2`,
          [presentedHash, kind],
        );
        if (known.length === 0) return { outcome: 'unknown' };
        const sessionId = known[0].session_id;
        await tx.query(
          `WITH ended AS (
             UPDATE sessions s SET revoked_at = now(), revoke_reason = $2
              WHERE s.id = $1 AND s.revoked_at IS NULL
              RETURNING ${EVENT_COLUMNS})
           ${endedEvents('$3')}`,
          [sessionId, 'token_reused' satisfies StoredEndReason, END_REASON_OF.token_reused],
        );
        return { outcome: 'reused', sessionId };
      }
      const sessionId: number = claimed[0].session_id;
      const [extended] = await tx.query(
        `UPDATE sessions s SET last_updated_at = now(),
            expires_at = LEAST(s.absolute_expires_at, now() + make_interval(secs => $2))
          FROM users u
          WHERE s.id = $1 AND ${ACTIVE} AND u.id = s.user_id
            AND u.blocked_at IS NULL AND u.disabled_at IS NULL
          RETURNING s.id`,
        [sessionId, idleSeconds],
      );
      if (extended.length === 0) {
        // Still live, so its owner is what refused it: end it, as the token check does.
        const ended: Array<{ id: number; user_id: number }> = await tx.query(
          `WITH ended AS (
             UPDATE sessions s SET revoked_at = now(), revoke_reason = $2
              WHERE s.id = $1 AND ${ACTIVE} RETURNING ${EVENT_COLUMNS}),
           events AS (${endedEvents('$3')})
           SELECT id, user_id FROM ended`,
          [sessionId, OWNER_INACTIVE_REASON, END_REASON_OF[OWNER_INACTIVE_REASON]],
        );
        return ended.length > 0
          ? { outcome: 'ownerInactive', session: { id: ended[0].id, userId: ended[0].user_id } }
          : { outcome: 'inactive', sessionId };
      }
      await this.insertTokens(tx, sessionId, [next]);
      await tx.query(
        insertSessionEvents(
          'session.refreshed',
          '(SELECT id, user_id, channel, expires_at FROM sessions WHERE id = $1)',
          { expiresAt: isoSql('r.expires_at') },
        ),
        [sessionId],
      );
      const session = await tx.getRepository(SessionEntity).findOneByOrFail({ id: sessionId });
      return { outcome: 'rotated', session };
    });
  }

  /**
   * Ends every active session matching `criteria` that `scope` may end, in one
   * statement that also appends their `session.ended` events, then runs
   * `withinTransaction` (the audit record) in the same transaction. A dry run
   * only counts (and runs nothing else). Sessions created concurrently are not
   * matched (the statement's snapshot).
   */
  async revokeWhere(
    criteria: SessionCriteria,
    scope: BulkRevokeScope,
    dryRun: boolean,
    withinTransaction: (tx: EntityManager, outcome: BulkRevokeOutcome) => Promise<void>,
  ): Promise<BulkRevokeOutcome> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = [ACTIVE];
    if (criteria.userId !== undefined) conditions.push(`s.user_id = ${param(criteria.userId)}`);
    if (criteria.userGuid !== undefined)
      conditions.push(
        `s.user_id = (SELECT id FROM users WHERE guid = ${param(criteria.userGuid)}::uuid)`,
      );
    if (criteria.network !== undefined)
      conditions.push(`try_inet(s.ip) <<= ${param(criteria.network)}::inet`);
    if (criteria.userAgentContains !== undefined)
      conditions.push(
        `strpos(lower(s.user_agent), lower(${param(criteria.userAgentContains)}::text)) > 0`,
      );
    if (criteria.createdBefore)
      conditions.push(`s.created_at < ${param(criteria.createdBefore)}::timestamptz`);
    if (criteria.createdAfter)
      conditions.push(`s.created_at > ${param(criteria.createdAfter)}::timestamptz`);
    if (criteria.channel) conditions.push(`s.channel = ${param(criteria.channel)}`);
    const allowed =
      scope.permissions === null
        ? 'true'
        : `(s.user_id = ${param(scope.actorUserId)} OR NOT EXISTS (
             SELECT 1 FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id
              WHERE ur.user_id = s.user_id
                AND NOT rp.permission = ANY(${param(scope.permissions)}::varchar[])))`;
    const matched = `SELECT s.id, ${allowed} AS allowed FROM sessions s WHERE ${conditions.join(' AND ')}`;
    return this.dataSource.transaction(async (tx) => {
      if (dryRun) {
        const [row]: Array<{ ended: number; skipped: number }> = await tx.query(
          `WITH matched AS (${matched})
           SELECT count(*) FILTER (WHERE allowed)::int AS ended,
                  count(*) FILTER (WHERE NOT allowed)::int AS skipped FROM matched`,
          params,
        );
        return { endedIds: [], ended: row.ended, skipped: row.skipped };
      }
      const actor = param(scope.actorUserId);
      const stored = param('bulk_revoke' satisfies StoredEndReason);
      const reason = param(END_REASON_OF.bulk_revoke);
      const [row]: Array<{ ids: number[]; skipped: number }> = await tx.query(
        `WITH matched AS (${matched}),
         ended AS (
           UPDATE sessions s SET revoked_at = now(), revoked_by = ${actor}, revoke_reason = ${stored}
             FROM matched m
            WHERE s.id = m.id AND m.allowed AND s.revoked_at IS NULL
            RETURNING ${EVENT_COLUMNS}),
         events AS (${endedEvents(reason)})
         SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM ended), '{}') AS ids,
                (SELECT count(*)::int FROM matched WHERE NOT allowed) AS skipped`,
        params,
      );
      const outcome = { endedIds: row.ids, ended: row.ids.length, skipped: row.skipped };
      await withinTransaction(tx, outcome);
      return outcome;
    });
  }

  /** Slides the idle expiry after activity (never past the absolute lifetime). */
  async touch(id: number, idleSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions s SET last_updated_at = now(),
          expires_at = LEAST(s.absolute_expires_at, now() + make_interval(secs => $2))
        WHERE s.id = $1 AND ${ACTIVE}`,
      [id, idleSeconds],
    );
  }

  async replaceProps(
    id: number,
    props: StoredProperty[],
    appData: StoredProperty[],
  ): Promise<void> {
    await this.sessions.update({ id }, { props, appData });
  }

  /**
   * Marks sessions past their expiry as ended, in bounded batches, so the
   * per-user active counters (kept by trigger) stay exact.
   */
  async endExpired(batchSize: number): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await this.dataSource.query(
      `WITH ended AS (
         UPDATE sessions s SET revoked_at = s.expires_at, revoke_reason = $2
          WHERE s.id IN (
            SELECT id FROM sessions WHERE revoked_at IS NULL AND expires_at <= now()
            ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING ${EVENT_COLUMNS}),
       events AS (${endedEvents('$3')})
       SELECT count(*)::int AS count FROM ended`,
      [batchSize, 'expired' satisfies StoredEndReason, END_REASON_OF.expired],
    );
    return count;
  }

  /**
   * Users holding active sessions, with their counts, from the counter the
   * session triggers keep: an index range scan, not a GROUP BY over sessions.
   */
  async listUsersWithActiveSessions(
    search: string | undefined,
    sort: ActiveUsersSort,
    page: PageRequest,
  ): Promise<Page<ActiveSessionSummary>> {
    const params: unknown[] = [];
    let where = 'u.active_session_count > 0';
    if (search) {
      const pattern = usernameSearchPattern(search);
      if (pattern === null) return { items: [], totalCount: 0, ...page };
      params.push(pattern);
      where += ` AND ${USERNAME_SEARCH_KEY} LIKE $${params.length}`;
    }
    // Both orders are (expression, id) ascending, each matching one partial
    // index, so a keyset page is a row comparison the index range-scans.
    const sortKey = sort === 'name' ? 'lower(u.username)' : '(-u.active_session_count)';
    let keysetWhere = where;
    if (page.after) {
      params.push(...page.after);
      keysetWhere += ` AND (${sortKey}, u.id) > ($${params.length - 1}, $${params.length})`;
    }
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query(
        `SELECT u.id, u.guid, u.username, u.is_operator, u.active_session_count,
                ${sortKey} AS sort_key
           FROM users u
          WHERE ${keysetWhere} ORDER BY ${sortKey}, u.id
          LIMIT ${page.pageSize + 1} OFFSET ${page.after ? 0 : offsetOf(page)}`,
        params,
      ),
      search
        ? this.dataSource.query(
            `SELECT count(*)::int AS count FROM users u WHERE ${where}`,
            params.slice(0, 1),
          )
        : this.dataSource.query(ACTIVE_USER_TALLY_SQL),
    ]);
    const pageRows = (rows as Array<Record<string, never>>).slice(0, page.pageSize);
    const last = pageRows[pageRows.length - 1];
    return {
      items: pageRows.map((row) => ({
        userId: row.id,
        userGuid: row.guid,
        userName: row.username,
        isOperator: row.is_operator,
        sessionCount: row.active_session_count,
      })),
      totalCount: count,
      ...page,
      nextKey: rows.length > page.pageSize ? [last.sort_key, last.id] : undefined,
    };
  }

  /**
   * Sessions active at `points` instants evenly spaced over the last
   * `windowMinutes`, the last one being now; one statement, so every point
   * reads the same snapshot. A session counts at instant t when it had started
   * and neither been ended nor passed its idle expiry: an ended session's
   * `revoked_at` is when it ended (the sweep writes its expiry there), and a
   * live one's `expires_at` only moves while it is alive, so past points are
   * exact. Only sessions alive at some point of the window are read.
   */
  async activeSessionCounts(windowMinutes: number, points: number): Promise<ActiveSessionCount[]> {
    const rows: Array<{ at: Date; count: number }> = await this.dataSource.query(
      `WITH instants AS (
         SELECT now() - make_interval(secs => $1::int * 60.0 * ($2::int - 1 - i) / ($2::int - 1)) AS at
           FROM generate_series(0, $2::int - 1) AS i),
       alive AS (
         SELECT s.created_at, least(s.expires_at, coalesce(s.revoked_at, 'infinity')) AS ended_at
           FROM sessions s
          WHERE s.created_at <= now()
            AND least(s.expires_at, coalesce(s.revoked_at, 'infinity')) > now() - make_interval(mins => $1::int))
       SELECT i.at, count(a.created_at)::int AS count
         FROM instants i LEFT JOIN alive a ON a.created_at <= i.at AND a.ended_at > i.at
        GROUP BY i.at ORDER BY i.at`,
      [windowMinutes, points],
    );
    return rows.map((row) => ({ at: new Date(row.at), count: row.count }));
  }

  /** Folds the active-user tally's appended +1/-1 rows into one (see the ActiveUserTally migration). */
  async compactActiveUserTally(): Promise<void> {
    await this.dataSource.query(COMPACT_ACTIVE_USER_TALLY_SQL);
  }

  /** v2 search: one parameterised query, page and total count together (see session-search.ts). */
  async searchSessions(filter: SessionSearchFilter): Promise<SessionSearchResult> {
    const { sql, params } = sessionSearchSql(filter);
    return toSearchResult(await this.dataSource.query(sql, params));
  }

  /** Which session an opaque token belongs to, and whether it was already rotated; consumes nothing. */
  async findTokenOwner(hash: string, kind: SessionTokenKind): Promise<TokenOwner | null> {
    const rows: Array<{ session_id: number; rotated: boolean; created_at: Date }> =
      await this.dataSource.query(
        `SELECT session_id, rotated_at IS NOT NULL AS rotated, created_at
           FROM session_tokens WHERE token_hash = $1 AND kind = $2`,
        [hash, kind],
      );
    const row = rows[0];
    return row
      ? { sessionId: row.session_id, rotated: row.rotated, issuedAt: row.created_at }
      : null;
  }

  /**
   * v2 `lifetime` on an active session: the absolute expiry becomes now + lifetime
   * (never past created_at + the configured maximum), the idle expiry follows it.
   */
  async setLifetime(
    id: number,
    lifetimeSeconds: number,
    maxSeconds: number,
    idleSeconds: number,
  ): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE sessions s SET last_updated_at = now(),
          absolute_expires_at = LEAST(s.created_at + make_interval(secs => $3), now() + make_interval(secs => $2)),
          expires_at = LEAST(s.created_at + make_interval(secs => $3), now() + make_interval(secs => $2),
                             now() + make_interval(secs => $4))
        WHERE s.id = $1 AND ${ACTIVE}
        RETURNING s.id`,
      [id, lifetimeSeconds, maxSeconds, idleSeconds],
    );
    return rows.length > 0;
  }

  private async insertTokens(
    tx: EntityManager,
    sessionId: number,
    tokens: NewToken[],
  ): Promise<void> {
    if (tokens.length === 0) return;
    await tx
      .getRepository(SessionTokenEntity)
      .insert(tokens.map((token) => ({ tokenHash: token.hash, kind: token.kind, sessionId })));
  }
}
