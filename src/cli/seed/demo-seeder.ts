import { QueryRunner } from 'typeorm';
import { COMPACT_ACTIVE_USER_TALLY_SQL } from '@/sessions/sessions.repository';
import {
  DEMO_ADMIN_USERNAME,
  DemoUserAgents,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
} from './demo-data';

export interface SeedPlan {
  users: number;
  sessions: number;
  passwordHash: string;
  userAgents: DemoUserAgents;
  batchSize: number;
  /** Called after each batch with the rows just written. */
  progress: (phase: 'users' | 'sessions', rows: number) => void;
}

export interface SeedOutcome {
  users: number;
  sessions: number;
  activeSessions: number;
}

// Accents and apostrophes out of usernames: "Müller" -> "muller", "O'Brien" -> "obrien".
// Lower-case ASCII, so each name is its own usernameKey (stored as username_key).
const ASCII_NAME = `translate(lower(f || '.' || l), 'áéíóúüöäëçñåøë''', 'aeiouuoaecnaoe')`;

/**
 * Set-based demo data: every batch is one `INSERT ... SELECT generate_series(...)`.
 * Runs on one connection (the temp table of seeded users lives there).
 */
export class DemoSeeder {
  constructor(private readonly db: QueryRunner) {}

  async seedUsers(plan: SeedPlan): Promise<number> {
    const [{ max }] = await this.db.query(`SELECT coalesce(max(id), 0)::int AS max FROM users`);
    for (let from = 1; from <= plan.users; from += plan.batchSize) {
      const to = Math.min(plan.users, from + plan.batchSize - 1);
      await this.db.query(
        `INSERT INTO users (guid, username, username_key, email, first_name, last_name, password_hash,
                            password_changed_at, is_operator, last_success_login, created_at, updated_at)
         SELECT gen_random_uuid(), n.username, n.username, n.username || '@' || ($5::text[])[1 + g % cardinality($5::text[])],
                n.f, n.l, $6, n.created, g % 10 = 0, n.created + random() * (now() - n.created), n.created, n.created
           FROM generate_series($1::int + $2::int, $1::int + $3::int) g
           CROSS JOIN LATERAL (SELECT ($4::text[])[1 + (g * 17) % cardinality($4::text[])] AS f,
                                      ($7::text[])[1 + (g * 31 / 7) % cardinality($7::text[])] AS l,
                                      now() - random() * interval '365 days' AS created) p
           CROSS JOIN LATERAL (SELECT ${ASCII_NAME} || g AS username, p.f, p.l, p.created) n
         ON CONFLICT DO NOTHING`,
        [max, from, to, FIRST_NAMES, EMAIL_DOMAINS, plan.passwordHash, LAST_NAMES],
      );
      plan.progress('users', to - from + 1);
    }
    await this.db.query(`DROP TABLE IF EXISTS demo_seed_users`);
    await this.db.query(
      `CREATE TEMP TABLE demo_seed_users AS
       SELECT (row_number() OVER (ORDER BY id))::int - 1 AS idx, id, username FROM users WHERE id > $1`,
      [max],
    );
    await this.db.query(`ALTER TABLE demo_seed_users ADD PRIMARY KEY (idx)`);
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM demo_seed_users`);
    await this.assignRoles();
    return count;
  }

  /** A few users hold roles; one in ten is an operator (set above). */
  private async assignRoles(): Promise<void> {
    await this.db.query(
      `INSERT INTO user_roles (user_id, role_id)
       SELECT u.id, r.id FROM demo_seed_users u
         JOIN roles r ON r.name = CASE WHEN u.idx % 1000 = 1 THEN 'admin'
                                       WHEN u.idx % 200 = 3 THEN 'session-manager'
                                       WHEN u.idx % 100 = 7 THEN 'session-auditor'
                                       WHEN u.idx % 150 = 11 THEN 'user-manager' END
       ON CONFLICT DO NOTHING`,
    );
  }

  /** The documented demo administrator (kept if it exists). */
  async ensureDemoAdmin(passwordHash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO users (guid, username, username_key, email, first_name, last_name, password_hash, is_operator)
       VALUES (gen_random_uuid(), $1, $3, 'demo-admin@example.com', 'Demo', 'Admin', $2, true)
       ON CONFLICT DO NOTHING`,
      // The name twice: one parameter for a varchar and a text column is
      // "inconsistent types deduced" to PostgreSQL (PGlite lets it pass).
      [DEMO_ADMIN_USERNAME, passwordHash, DEMO_ADMIN_USERNAME],
    );
    await this.db.query(
      `INSERT INTO user_roles (user_id, role_id)
       SELECT u.id, r.id FROM users u, roles r WHERE lower(u.username) = $1 AND r.name = 'admin'
       ON CONFLICT DO NOTHING`,
      [DEMO_ADMIN_USERNAME],
    );
  }

  /**
   * Sessions over the seeded users, skewed (user index = N * random()^2: the
   * first users hold thousands, most a handful). Even rows are active
   * (created in the last 6 h, ending 1 to 12 h from now, so the sweeper leaves
   * them alone for a while), odd rows ended in the last 30 days (expired,
   * logged out or revoked by an admin).
   *
   * The per-user counter trigger would run one UPDATE users per active row; for
   * the load it is disabled and the counters recomputed in one statement, all
   * in one transaction (ALTER TABLE locks sessions until commit, so no
   * concurrent change can slip past the counters; a failure rolls it all back,
   * trigger included).
   */
  async seedSessions(plan: SeedPlan, users: number): Promise<number> {
    if (plan.sessions === 0 || users === 0) return 0;
    const ua = plan.userAgents;
    await this.db.startTransaction();
    try {
      await this.db.query(`ALTER TABLE sessions DISABLE TRIGGER sessions_track_active_count`);
      for (let from = 1; from <= plan.sessions; from += plan.batchSize) {
        const to = Math.min(plan.sessions, from + plan.batchSize - 1);
        await this.db.query(SESSIONS_SQL, [
          from,
          to,
          users,
          ua.userAgent,
          ua.smartphone,
          ua.operatingSystem,
          ua.application,
        ]);
        plan.progress('sessions', to - from + 1);
      }
      await this.db.query(
        `UPDATE users u SET active_session_count = c.n
           FROM (SELECT s.user_id, count(*)::int AS n FROM sessions s
                   JOIN demo_seed_users d ON d.id = s.user_id
                  WHERE s.revoked_at IS NULL GROUP BY s.user_id) c
          WHERE u.id = c.user_id`,
      );
      await this.db.query(`ALTER TABLE sessions ENABLE TRIGGER sessions_track_active_count`);
      // The counter recompute appended one +1 per user to the active-user tally: fold them.
      await this.db.query(COMPACT_ACTIVE_USER_TALLY_SQL);
      await this.db.commitTransaction();
    } catch (error) {
      await this.db.rollbackTransaction();
      throw error;
    }
    const [{ active }] = await this.db.query(
      `SELECT coalesce(sum(active_session_count), 0)::int AS active FROM users u
         JOIN demo_seed_users d ON d.id = u.id`,
    );
    return active;
  }

  /** Fresh statistics (and visibility map) for the planner after a bulk load. */
  async analyze(): Promise<void> {
    await this.db.query(`VACUUM (ANALYZE) users, sessions, user_roles, active_user_tally`);
  }
}

const SESSIONS_SQL = `
INSERT INTO sessions (guid, user_id, channel, created_at, last_updated_at, expires_at, absolute_expires_at,
                      ip, user_agent, smartphone, operating_system, application, is_single_sign_on,
                      revoked_at, revoke_reason, app_data, props)
SELECT gen_random_uuid(), u.id, CASE WHEN r.r5 < 0.6 THEN 'legacy' WHEN r.r5 < 0.8 THEN 'api' ELSE 'v2' END,
       t.created, t.last_updated, t.expires, t.created + interval '12 hours',
       CASE WHEN r.r5 < 0.5 THEN '10.' || (r.g % 250) || '.' || floor(r.r4 * 250) || '.' || (1 + floor(r.r3 * 250))
            ELSE '198.51.100.' || (1 + r.g % 254) END,
       NULLIF(($4::text[])[r.ua], ''), ($5::text[])[r.ua], ($6::text[])[r.ua], ($7::text[])[r.ua],
       r.r5 > 0.95,
       CASE WHEN r.active THEN NULL WHEN r.r3 < 0.55 THEN t.expires
            ELSE t.last_updated + r.r4 * (t.expires - t.last_updated) END,
       CASE WHEN r.active THEN NULL WHEN r.r3 < 0.55 THEN 'expired' WHEN r.r3 < 0.9 THEN 'logout'
            ELSE 'admin_revoke' END,
       jsonb_build_array(jsonb_build_object('name', 'UserName', 'value', u.username)),
       jsonb_build_array(jsonb_build_object('name', 'UserName', 'value', u.username))
  FROM (SELECT g, g % 2 = 0 AS active, floor($3::int * power(random(), 2))::int AS idx,
               1 + floor(random() * cardinality($4::text[]))::int AS ua,
               random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
          FROM generate_series($1::int, $2::int) g) r
  JOIN demo_seed_users u ON u.idx = r.idx
  CROSS JOIN LATERAL (SELECT CASE WHEN r.active THEN now() - r.r1 * interval '6 hours'
                                  ELSE now() - interval '3 hours' - r.r1 * interval '30 days' END AS created) c
  CROSS JOIN LATERAL (SELECT c.created,
                             CASE WHEN r.active THEN c.created + r.r2 * (now() - c.created)
                                  ELSE c.created + r.r2 * interval '2 hours' END AS last_updated) l
  CROSS JOIN LATERAL (SELECT l.created, l.last_updated,
                             CASE WHEN r.active THEN now() + interval '1 hour' + r.r3 * (l.created + interval '11 hours' - now())
                                  ELSE l.last_updated + interval '30 minutes' END AS expires) t`;
