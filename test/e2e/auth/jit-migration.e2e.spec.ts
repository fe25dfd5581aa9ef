import request from 'supertest';
import { FakeLegacyAuth, LegacyMode } from '@test/support/fake-legacy-auth';
import { uniqueName } from '@test/support/factories';
import { PASSWORD_ROUTES, PasswordRoute, passwordLogin } from '@test/support/password-routes';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TEST_PASSWORD,
  TestApp,
} from '@test/support/test-app';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const THRESHOLD = 3;
// Generous: under a loaded CI a healthy legacy answer must not be mistaken for a timeout.
const TIMEOUT_MS = 1500;
const LEGACY_PASSWORD = 'legacy pass 1';
const WRONG = 'not the password';
const countOf = (items: string[]) =>
  items.reduce<Record<string, number>>(
    (counts, item) => ({ ...counts, [item]: (counts[item] ?? 0) + 1 }),
    {},
  );
const OK_STATUS: Record<PasswordRoute, number> = { basic: 200, body: 200, v2: 201 };

interface AuditRow {
  action: string;
  subjectUserId: number | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/**
 * Issue 14 item 3: with LEGACY_AUTH_URL set, a password login of a name
 * unknown here, or of a user without a password, is checked against the
 * legacy `POST Auth/Login` (a fake started here, answering seed 001's bytes);
 * an accepted password becomes an argon2id hash and the user never reaches
 * the legacy service again.
 */
describe(`just-in-time password migration (${backend})`, () => {
  const legacy = new FakeLegacyAuth();
  let testApp: TestApp;

  beforeAll(async () => {
    legacy.delayMs = TIMEOUT_MS * 3;
    await legacy.start();
    testApp = await createTestApp({
      LEGACY_AUTH_URL: legacy.url,
      LEGACY_AUTH_TIMEOUT_MS: String(TIMEOUT_MS),
      LOCKOUT_THRESHOLD: String(THRESHOLD),
    });
  });
  afterAll(async () => {
    await testApp.close();
    await legacy.stop();
  });
  afterEach(async () => {
    legacy.mode = 'normal';
    await legacy.start();
  });

  const query = <T>(sql: string, params: unknown[]): Promise<T[]> =>
    testApp.database.dataSource.query(sql, params);

  /** A name the legacy service knows with LEGACY_PASSWORD. */
  function legacyUser(prefix = 'legacy'): string {
    const username = uniqueName(prefix);
    legacy.users.set(username, LEGACY_PASSWORD);
    return username;
  }

  /** A user imported without a password (the import's empty `hash_format`). */
  async function passwordlessUser(username = legacyUser('imported')) {
    return testApp.users.create({ username, passwordHash: null, email: 'imported@example.test' });
  }

  async function stored(username: string) {
    const [row] = await query<{
      id: number;
      hash: string | null;
      failures: number;
      lockedUntil: Date | null;
      roles: number;
      isOperator: boolean;
    }>(
      `SELECT id, password_hash AS hash, failed_login_attempts AS failures, locked_until AS "lockedUntil",
              is_operator AS "isOperator",
              (SELECT count(*)::int FROM user_roles r WHERE r.user_id = users.id) AS roles
         FROM users WHERE username = $1`,
      [username],
    );
    return row;
  }

  async function auditOf(username: string): Promise<AuditRow[]> {
    return query<AuditRow>(
      `SELECT action, subject_user_id AS "subjectUserId", request_id AS "requestId", details
         FROM audit_events
        WHERE details->>'username' = $1
           OR subject_user_id = (SELECT id FROM users WHERE username = $1)
        ORDER BY id`,
      [username],
    );
  }

  const answerOf = (res: request.Response) => ({
    status: res.status,
    type: res.headers['content-type'],
    text: res.text,
  });

  const references = new Map<PasswordRoute, ReturnType<typeof answerOf>>();

  /** What a wrong password for a known user with a password answers, per route. */
  async function wrongPasswordAnswer(route: PasswordRoute) {
    if (!references.has(route)) {
      const user = await createUserWithPassword(testApp);
      references.set(route, answerOf(await passwordLogin(testApp, route, user.username, WRONG)));
    }
    return references.get(route)!;
  }

  describe.each(PASSWORD_ROUTES)('over %s', (route) => {
    it('an unknown name the legacy service accepts becomes a user that logs in with the legacy service stopped', async () => {
      const username = legacyUser();
      const first = await passwordLogin(testApp, route, username, LEGACY_PASSWORD);
      expect(first.status).toBe(OK_STATUS[route]);
      expect(legacy.received.at(-1)).toMatchObject({
        path: 'POST /Auth/Login',
        username,
        password: LEGACY_PASSWORD,
        accept: 'application/json',
      });
      const user = await stored(username);
      expect(user.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(user).toMatchObject({ roles: 0, isOperator: false, failures: 0 });

      await legacy.stop();
      const calls = legacy.calls;
      const again = await passwordLogin(testApp, route, username, LEGACY_PASSWORD);
      expect(again.status).toBe(OK_STATUS[route]);
      const wrong = await passwordLogin(testApp, route, username, WRONG);
      expect(answerOf(wrong)).toEqual(await wrongPasswordAnswer(route));
      expect(legacy.calls).toBe(calls);
    });

    it('a user without a password gets an argon2id hash of the accepted one', async () => {
      const user = await passwordlessUser();
      const res = await passwordLogin(testApp, route, user.username, LEGACY_PASSWORD);
      expect(res.status).toBe(OK_STATUS[route]);
      const after = await stored(user.username);
      expect(after.id).toBe(user.id);
      expect(after.hash).toMatch(/^\$argon2id\$/);
      const calls = legacy.calls;
      expect((await passwordLogin(testApp, route, user.username, LEGACY_PASSWORD)).status).toBe(
        OK_STATUS[route],
      );
      expect(legacy.calls).toBe(calls);
    });
  });

  it('audits each migration with the request id and the legacy UserID, never the password', async () => {
    const username = legacyUser();
    const requestId = `jit-${username}`;
    const res = await request(testApp.server)
      .post('/Auth/Login')
      .set('X-Request-Id', requestId)
      .set('Authorization', basicAuth(username, LEGACY_PASSWORD));
    expect(res.status).toBe(200);
    expect(legacy.received.at(-1)!.requestId).toBe(requestId);
    const user = await stored(username);
    const audit = await auditOf(username);
    expect(audit.map((row) => [row.action, row.requestId, row.subjectUserId])).toEqual([
      ['user.migrated', requestId, user.id],
      ['session.created', requestId, user.id],
      ['login.succeeded', requestId, user.id],
    ]);
    // seed 001's sample session names legacy user 2
    expect(audit[0].details).toEqual({ channel: 'legacy', created: true, legacyUserId: 2 });
    expect(audit[2].details).toMatchObject({ migrated: true });
    expect(JSON.stringify(audit)).not.toContain(LEGACY_PASSWORD);
  });

  it('a name the legacy service refuses: the usual answer, no user, a migration failure audited', async () => {
    const username = uniqueName('stranger');
    for (const route of PASSWORD_ROUTES) {
      const res = await passwordLogin(testApp, route, username, WRONG);
      expect(answerOf(res)).toEqual(await wrongPasswordAnswer(route));
    }
    expect(await stored(username)).toBeUndefined();
    const audit = await auditOf(username);
    expect(audit.map((row) => [row.action, row.details.reason])).toEqual(
      PASSWORD_ROUTES.flatMap(() => [
        ['login.migration_failed', 'legacy_refused'],
        ['login.failed', 'unknown_user'],
      ]),
    );
  });

  it('a wrong password for a user without one: the usual answer, counted, locking at the threshold', async () => {
    const user = await passwordlessUser();
    const reference = await wrongPasswordAnswer('basic');
    for (let i = 1; i <= THRESHOLD; i++) {
      const res = await passwordLogin(testApp, 'basic', user.username, WRONG);
      expect(answerOf(res)).toEqual(reference);
      expect((await stored(user.username)).failures).toBe(i);
    }
    const locked = await stored(user.username);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(locked.hash).toBeNull();

    // Locked: not even the right password reaches the legacy service.
    const calls = legacy.calls;
    const res = await passwordLogin(testApp, 'v2', user.username, LEGACY_PASSWORD);
    expect(answerOf(res)).toEqual(await wrongPasswordAnswer('v2'));
    expect(legacy.calls).toBe(calls);
    expect((await stored(user.username)).hash).toBeNull();
    const reasons = (await auditOf(user.username)).map(
      (row) => `${row.action}:${row.details.reason ?? ''}`,
    );
    expect(reasons.filter((r) => r === 'login.migration_failed:legacy_refused')).toHaveLength(
      THRESHOLD,
    );
    expect(reasons).toContain('login.locked_out:');
    expect(reasons.at(-1)).toBe('login.failed:locked');
  });

  const outages: Array<[string, LegacyMode | 'stopped', string]> = [
    ['stopped', 'stopped', 'connection'],
    ['slower than LEGACY_AUTH_TIMEOUT_MS', 'slow', 'timeout'],
    ['answering 500', 'error500', 'status_500'],
    ['answering garbage with 200', 'garbage', 'invalid_body'],
    ['answering a megabyte', 'huge', 'too_large'],
  ];

  describe.each(outages)('legacy service %s', (_label, mode, cause) => {
    async function outage() {
      if (mode === 'stopped') await legacy.stop();
      else legacy.mode = mode;
    }

    it('a user without a password: the usual answer, no count, no hash, audited', async () => {
      const user = await passwordlessUser();
      await outage();
      // More attempts than the lockout threshold, over every route.
      for (let i = 0; i <= THRESHOLD; i++) {
        const route = PASSWORD_ROUTES[i % PASSWORD_ROUTES.length];
        const started = performance.now();
        const res = await passwordLogin(testApp, route, user.username, LEGACY_PASSWORD);
        expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
        expect(answerOf(res)).toEqual(await wrongPasswordAnswer(route));
      }
      const after = await stored(user.username);
      expect(after).toMatchObject({ failures: 0, lockedUntil: null, hash: null });
      const failures = (await auditOf(user.username)).filter(
        (row) => row.action === 'login.migration_failed',
      );
      expect(failures).toHaveLength(THRESHOLD + 1);
      expect(failures[0].details).toMatchObject({ reason: 'legacy_unavailable', cause });
      expect(failures[0].requestId).toEqual(expect.any(String));

      // Back up: the same user migrates at once, never having been locked.
      legacy.mode = 'normal';
      await legacy.start();
      expect((await passwordLogin(testApp, 'basic', user.username, LEGACY_PASSWORD)).status).toBe(
        200,
      );
    });

    it('an unknown name: the usual answer, no user, audited', async () => {
      const username = legacyUser();
      await outage();
      const res = await passwordLogin(testApp, 'body', username, LEGACY_PASSWORD);
      expect(answerOf(res)).toEqual(await wrongPasswordAnswer('body'));
      expect(await stored(username)).toBeUndefined();
      const audit = await auditOf(username);
      expect(audit.map((row) => [row.action, row.details.reason, row.details.cause])).toEqual([
        ['login.migration_failed', 'legacy_unavailable', cause],
        ['login.failed', 'legacy_unavailable', undefined],
      ]);
    });
  });

  it('never follows a redirect: the password reaches only the configured URL', async () => {
    const elsewhere = new FakeLegacyAuth();
    await elsewhere.start();
    try {
      const username = legacyUser();
      elsewhere.users.set(username, LEGACY_PASSWORD);
      legacy.mode = 'redirect';
      legacy.redirectTo = elsewhere.url;
      const res = await passwordLogin(testApp, 'basic', username, LEGACY_PASSWORD);
      expect(res.status).toBe(401);
      expect(elsewhere.calls).toBe(0);
      expect(await stored(username)).toBeUndefined();
      const [failure] = await auditOf(username);
      expect(failure.details).toMatchObject({ reason: 'legacy_unavailable', cause: 'status_302' });
    } finally {
      await elsewhere.stop();
    }
  });

  it('a user with a password here never reaches the legacy service, whatever it would say', async () => {
    const user = await createUserWithPassword(testApp);
    legacy.users.set(user.username, LEGACY_PASSWORD);
    const calls = legacy.calls;
    expect((await passwordLogin(testApp, 'basic', user.username, TEST_PASSWORD)).status).toBe(200);
    for (const route of PASSWORD_ROUTES) {
      const res = await passwordLogin(testApp, route, user.username, LEGACY_PASSWORD);
      expect(res.status).toBe(401);
    }
    expect(legacy.calls).toBe(calls);
  });

  it.each(['blocked', 'disabled'] as const)(
    'a %s user without a password stays refused and gets no hash',
    async (state) => {
      const user = await passwordlessUser();
      await query(`UPDATE users SET ${state}_at = now() WHERE id = $1`, [user.id]);
      const res = await passwordLogin(testApp, 'basic', user.username, LEGACY_PASSWORD);
      expect(answerOf(res)).toEqual(await wrongPasswordAnswer('basic'));
      expect(await stored(user.username)).toMatchObject({ hash: null, failures: 0 });
      const reasons = (await auditOf(user.username)).map((row) => [row.action, row.details.reason]);
      expect(reasons).toEqual([
        ['login.migration_failed', state],
        ['login.failed', state],
      ]);
    },
  );

  it('a federated user (no password: its client vouches for it) never reaches the legacy service', async () => {
    const user = await passwordlessUser();
    await query(
      `INSERT INTO federated_identities (client, external_id, user_id) VALUES ('idp', gen_random_uuid(), $1)`,
      [user.id],
    );
    const calls = legacy.calls;
    const res = await passwordLogin(testApp, 'basic', user.username, LEGACY_PASSWORD);
    expect(res.status).toBe(401);
    expect(legacy.calls).toBe(calls);
    expect((await stored(user.username)).hash).toBeNull();
  });

  it('names no user could have, or with a colon (Basic would split it), are never sent', async () => {
    const victim = legacyUser('victim');
    const calls = legacy.calls;
    // `victim:legacy` + `pass 1` would reach the legacy service as victim with `legacy:pass 1`
    const names = [`${victim}:legacy`, 'with space', 'nul\u0000', 'x'.repeat(257)];
    for (const name of names) {
      const res = await passwordLogin(testApp, 'body', name, 'pass 1');
      expect(res.status).toBe(401);
    }
    const v2 = await passwordLogin(testApp, 'v2', victim, 'lone \uD800 surrogate');
    expect(v2.status).toBe(401);
    expect(legacy.calls).toBe(calls);
  });

  it('the legacy answer grants nothing: no roles, no other user touched', async () => {
    const admin = await createUserWithPassword(testApp, { roles: ['admin'], isOperator: true });
    const username = legacyUser();
    const res = await passwordLogin(testApp, 'basic', username, LEGACY_PASSWORD);
    expect(res.status).toBe(200);
    // seed 001's session is user 2 with features; none of that reaches the new user
    expect(res.body.userName).toBe(username);
    expect(res.body.userID).toBe((await stored(username)).id);
    expect(await stored(username)).toMatchObject({ roles: 0, isOperator: false });
    expect(await stored(admin.username)).toMatchObject({ roles: 1, failures: 0 });
  });

  it('20 parallel first logins of one unknown name create exactly one user', async () => {
    const username = legacyUser('race');
    const calls = legacy.calls;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        passwordLogin(testApp, PASSWORD_ROUTES[i % 3], username, LEGACY_PASSWORD),
      ),
    );
    const statuses = responses.map((res) => res.status);
    const [{ n }] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE username = $1`,
      [username],
    );
    expect(n).toBe(1);
    const succeeded = statuses.filter((status) => status === 200 || status === 201).length;
    expect(succeeded).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => [200, 201, 401].includes(status))).toBe(true);
    const audit = await auditOf(username);
    expect(audit.filter((row) => row.action === 'user.migrated')).toHaveLength(1);
    const refusals = audit
      .filter((row) => row.action === 'login.failed')
      .map((row) => String(row.details.reason));
    expect(refusals).toHaveLength(20 - succeeded);
    console.log(
      `${backend}: 20 parallel first logins of one name: ${legacy.calls - calls} legacy checks, ` +
        `1 user created, ${succeeded} logged in, refused: ${JSON.stringify(countOf(refusals))}`,
    );
  });

  it('a refused or unanswered legacy check costs at least what a wrong password does (measured)', async () => {
    const hashed = await createUserWithPassword(testApp);
    const SAMPLES = 7;
    async function median(login: () => Promise<request.Response>): Promise<number> {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const started = performance.now();
        expect((await login()).status).toBe(401);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[SAMPLES >> 1];
    }
    const local = await median(() => passwordLogin(testApp, 'basic', hashed.username, WRONG));
    const refused = await median(() =>
      passwordLogin(testApp, 'basic', uniqueName('stranger'), WRONG),
    );
    legacy.mode = 'error500';
    const unavailable = await median(() =>
      passwordLogin(testApp, 'basic', uniqueName('stranger'), WRONG),
    );
    console.log(
      `${backend}: median 401 time (n=${SAMPLES}): wrong password ${local.toFixed(1)} ms, ` +
        `legacy refusal ${refused.toFixed(1)} ms, legacy error ${unavailable.toFixed(1)} ms`,
    );
    expect(refused).toBeGreaterThan(local * 0.5);
    expect(unavailable).toBeGreaterThan(local * 0.5);
  });

  it('20 parallel first logins of one user without a password store one hash', async () => {
    const user = await passwordlessUser();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        passwordLogin(testApp, PASSWORD_ROUTES[i % 3], user.username, LEGACY_PASSWORD),
      ),
    );
    const statuses = responses.map((res) => res.status);
    expect(statuses.every((status) => [200, 201, 401].includes(status))).toBe(true);
    expect(statuses.some((status) => status !== 401)).toBe(true);
    const migrated = (await auditOf(user.username)).filter((row) => row.action === 'user.migrated');
    expect(migrated).toHaveLength(1);
    expect(await stored(user.username)).toMatchObject({ failures: 0 });
    expect((await passwordLogin(testApp, 'basic', user.username, LEGACY_PASSWORD)).status).toBe(
      200,
    );
  });
});

describe(`just-in-time migration is off by default (${backend})`, () => {
  const legacy = new FakeLegacyAuth();
  let testApp: TestApp;

  beforeAll(async () => {
    await legacy.start();
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp.close();
    await legacy.stop();
  });

  it('without LEGACY_AUTH_URL no login reaches a legacy service', async () => {
    const unknown = uniqueName('unknown');
    legacy.users.set(unknown, LEGACY_PASSWORD);
    const passwordless = await testApp.users.create({ username: uniqueName(), passwordHash: null });
    for (const route of PASSWORD_ROUTES) {
      expect((await passwordLogin(testApp, route, unknown, LEGACY_PASSWORD)).status).toBe(401);
      expect(
        (await passwordLogin(testApp, route, passwordless.username, LEGACY_PASSWORD)).status,
      ).toBe(401);
    }
    expect(legacy.calls).toBe(0);
    const [{ n }] = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action LIKE '%migrat%'`,
    );
    expect(n).toBe(0);
  });
});
