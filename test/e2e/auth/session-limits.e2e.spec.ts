import request from 'supertest';
import { adminGet, adminSend, LoggedIn, login, loggedInUser } from '@test/e2e/admin/admin-fixture';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TEST_PASSWORD,
  TestApp,
} from '@test/support/test-app';
import { UserEntity } from '@/users/entities/user.entity';

const LIMITS = '/api/admin/v1/roles/session-limits';

function legacyLogin(testApp: TestApp, user: UserEntity) {
  return request(testApp.server)
    .post('/Auth/Login')
    .set('Authorization', basicAuth(user.username, TEST_PASSWORD))
    .set('Accept', 'application/json');
}

async function activeSessions(testApp: TestApp, user: UserEntity): Promise<number[]> {
  const rows = (await testApp.database.dataSource.query(
    `SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY id`,
    [user.id],
  )) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

async function auditCount(testApp: TestApp, user: UserEntity, action: string, reason?: string) {
  const [{ count }] = (await testApp.database.dataSource.query(
    `SELECT count(*)::int AS count FROM audit_events
      WHERE subject_user_id = $1 AND action = $2 AND ($3::text IS NULL OR details->>'reason' = $3)`,
    [user.id, action, reason ?? null],
  )) as Array<{ count: number }>;
  return count;
}

describe('session limits: reject', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({
      SESSION_LIMIT_PER_USER: '3',
      SESSION_LIMIT_POLICY: 'reject',
      // 20 password checks in flight at once would otherwise hit the lockout's reservations
      LOCKOUT_THRESHOLD: '1000',
    });
  });
  afterAll(() => testApp.close());

  it('refuses the fourth login in the caller’s format and audits it; the three stay', async () => {
    const user = await createUserWithPassword(testApp);
    for (let n = 0; n < 3; n++) expect((await legacyLogin(testApp, user)).status).toBe(200);
    const refused = await legacyLogin(testApp, user);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      Message: 'The user already holds the maximum number of concurrent sessions (3).',
    });
    const v2 = await request(testApp.server)
      .post('/v2/sessions')
      .send({
        checks: { user: { loginName: user.username }, password: { password: TEST_PASSWORD } },
      });
    expect(v2.status).toBe(403);
    expect(v2.body).toMatchObject({ code: 7 });
    expect(await activeSessions(testApp, user)).toHaveLength(3);
    expect(await auditCount(testApp, user, 'session.limit_reached')).toBe(2);
  });

  it('20 parallel logins against a limit of 3 leave exactly 3 sessions', async () => {
    const user = await createUserWithPassword(testApp);
    const answers = await Promise.all(Array.from({ length: 20 }, () => legacyLogin(testApp, user)));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 403)).toHaveLength(17);
    expect(await activeSessions(testApp, user)).toHaveLength(3);
  });

  it('a logout frees a place', async () => {
    const user = await createUserWithPassword(testApp);
    const tokens: string[] = [];
    for (let n = 0; n < 3; n++) tokens.push((await legacyLogin(testApp, user)).body.userToken);
    expect((await legacyLogin(testApp, user)).status).toBe(403);
    const logout = await request(testApp.server)
      .post('/Auth/Logout')
      .set('Authorization', `Bearer ${tokens[0]}`)
      .set('Accept', 'application/json');
    expect(logout.status).toBe(200);
    expect((await legacyLogin(testApp, user)).status).toBe(200);
  });
});

describe('session limits: evict-oldest', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({
      SESSION_LIMIT_PER_USER: '3',
      SESSION_LIMIT_POLICY: 'evict-oldest',
      LOCKOUT_THRESHOLD: '1000',
    });
  });
  afterAll(() => testApp.close());

  it('ends the oldest sessions with reason limit: their tokens stop working at once', async () => {
    const user = await createUserWithPassword(testApp);
    const logins: LoggedIn[] = [];
    for (let n = 0; n < 5; n++) logins.push(await login(testApp, user));
    const active = await activeSessions(testApp, user);
    expect(active).toEqual(logins.slice(2).map((entry) => entry.sessionId));
    const [ended] = (await testApp.database.dataSource.query(
      `SELECT count(*)::int AS count FROM sessions WHERE user_id = $1 AND revoke_reason = 'limit'`,
      [user.id],
    )) as Array<{ count: number }>;
    expect(ended.count).toBe(2);
    for (const [index, entry] of logins.entries()) {
      const check = await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', entry.bearer)
        .set('Accept', 'application/json');
      expect(check.status).toBe(index < 2 ? 401 : 200);
    }
    expect(await auditCount(testApp, user, 'session.ended', 'limit')).toBe(2);
  });

  it('20 parallel logins against a limit of 3 all succeed and leave exactly 3 sessions', async () => {
    const user = await createUserWithPassword(testApp);
    const answers = await Promise.all(Array.from({ length: 20 }, () => legacyLogin(testApp, user)));
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
    expect(await activeSessions(testApp, user)).toHaveLength(3);
    expect(await auditCount(testApp, user, 'session.ended', 'limit')).toBe(17);
  });
});

describe('session limits per role (admin API)', () => {
  let testApp: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    testApp = await createTestApp({ SESSION_LIMIT_PER_USER: '2' });
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  });
  afterAll(() => testApp.close());

  it('lists the global limit, the policy and the role limits', async () => {
    const res = await adminGet(testApp, admin, LIMITS);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ GlobalLimit: 2, Policy: 'reject', Roles: [] });
  });

  it("a role's limit replaces the global one for its holders, the largest role limit wins", async () => {
    const set = await adminSend(
      testApp,
      admin,
      'put',
      '/api/admin/v1/roles/session-auditor/session-limit',
      {
        MaxSessions: 4,
      },
    );
    expect(set.status).toBe(200);
    expect(set.body.Roles).toEqual([{ Role: 'session-auditor', MaxSessions: 4 }]);
    await adminSend(testApp, admin, 'put', '/api/admin/v1/roles/user-manager/session-limit', {
      MaxSessions: 1,
    });
    const auditor = await createUserWithPassword(testApp, {
      roles: ['session-auditor', 'user-manager'],
    });
    for (let n = 0; n < 4; n++) expect((await legacyLogin(testApp, auditor)).status).toBe(200);
    expect((await legacyLogin(testApp, auditor)).status).toBe(403);
    const manager = await createUserWithPassword(testApp, { roles: ['user-manager'] });
    expect((await legacyLogin(testApp, manager)).status).toBe(200);
    expect((await legacyLogin(testApp, manager)).status).toBe(403);
    const plain = await createUserWithPassword(testApp);
    for (let n = 0; n < 2; n++) expect((await legacyLogin(testApp, plain)).status).toBe(200);
    expect((await legacyLogin(testApp, plain)).status).toBe(403);
    const removed = await adminSend(
      testApp,
      admin,
      'put',
      '/api/admin/v1/roles/user-manager/session-limit',
      {
        MaxSessions: null,
      },
    );
    expect(removed.body.Roles).toEqual([{ Role: 'session-auditor', MaxSessions: 4 }]);
    expect((await legacyLogin(testApp, manager)).status).toBe(200);
    const [{ count }] = (await testApp.database.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_events WHERE action = 'role.session_limit_changed' AND actor_user_id = $1`,
      [admin.user.id],
    )) as Array<{ count: number }>;
    expect(count).toBe(3);
  });

  it.each([
    ['a session-manager', ['session-manager']],
    ['a user-manager', ['user-manager']],
    ['a user without roles', []],
  ])('%s cannot change a limit (not even to raise its own)', async (_label, roles) => {
    const caller = await loggedInUser(testApp, { roles });
    for (const role of ['admin', ...roles]) {
      const res = await adminSend(
        testApp,
        caller,
        'put',
        `/api/admin/v1/roles/${role}/session-limit`,
        {
          MaxSessions: 100,
        },
      );
      expect(res.status).toBe(403);
    }
    const [{ count }] = (await testApp.database.dataSource.query(
      `SELECT count(*)::int AS count FROM role_session_limits l JOIN roles r ON r.id = l.role_id WHERE r.name = 'admin'`,
    )) as Array<{ count: number }>;
    expect(count).toBe(0);
  });

  it('a user without session.read cannot read the limits', async () => {
    const caller = await loggedInUser(testApp, { roles: ['user-manager'] });
    expect((await adminGet(testApp, caller, LIMITS)).status).toBe(403);
  });

  it.each([
    ['zero', { MaxSessions: 0 }, 400, 'err_InvalidSessionLimit'],
    ['negative', { MaxSessions: -1 }, 400, undefined],
    ['too large', { MaxSessions: 100_001 }, 400, 'err_InvalidSessionLimit'],
    ['a string', { MaxSessions: 'many' }, 400, undefined],
  ])('refuses %s with a 400 and changes nothing', async (_label, body, status, message) => {
    const res = await adminSend(
      testApp,
      admin,
      'put',
      '/api/admin/v1/roles/session-manager/session-limit',
      body,
    );
    expect(res.status).toBe(status);
    if (message) expect(res.body).toEqual({ Message: message });
    const limits = await adminGet(testApp, admin, LIMITS);
    expect(limits.body.Roles.map((row: { Role: string }) => row.Role)).not.toContain(
      'session-manager',
    );
  });

  it.each(['no-such-role', 'admin%00', '%F0%9F%92%A9', 'x'.repeat(5000)])(
    'an unknown or hostile role name (%#) is a 4xx, never a 500',
    async (role) => {
      const res = await adminSend(
        testApp,
        admin,
        'put',
        `/api/admin/v1/roles/${role}/session-limit`,
        {
          MaxSessions: 3,
        },
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    },
  );
});
