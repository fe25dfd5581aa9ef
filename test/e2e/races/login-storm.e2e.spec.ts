import request from 'supertest';
import { sessionIntegrityViolations } from '@test/support/db-fingerprint';
import { bearer, LegacyLogin, loginLegacy } from '@test/support/http';
import { basicAuth, createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';
import { accessWorks, loginRequest, refreshWorks, tokensOf } from './race-helpers';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`login storms (${backend})`, () => {
  let testApp: TestApp;
  let admin: LegacyLogin;

  beforeAll(async () => {
    testApp = await createTestApp({ LOCKOUT_THRESHOLD: '1000' });
    const adminUser = await createUserWithPassword(testApp, { roles: ['admin'] });
    admin = await loginLegacy(testApp, adminUser.username);
  });
  afterAll(() => testApp.close());

  it('50 parallel wrong passwords: failed_login_attempts = 50, no lost update', async () => {
    const target = await createUserWithPassword(testApp);
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(testApp.server)
          .post('/Auth/Login')
          .set('Authorization', basicAuth(target.username, 'wrong password!')),
      ),
    );
    const elapsed = performance.now() - started;
    expect(responses.map((res) => res.status)).toEqual(Array(50).fill(401));
    const [row] = await testApp.database.dataSource.query(
      `SELECT failed_login_attempts AS failures, locked_until FROM users WHERE id = $1`,
      [target.id],
    );
    expect(row.failures).toBe(50);
    expect(row.locked_until).toBeNull();
    const [{ audited }] = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS audited FROM audit_events WHERE subject_user_id = $1 AND action LIKE 'login.%'`,
      [target.id],
    );
    expect(audited).toBe(50);
    console.log(
      `${backend}: 50 parallel failed logins in ${elapsed.toFixed(0)} ms, counter = ${row.failures}`,
    );
  });

  it('100 parallel logins, then revoke-all: none survives', async () => {
    const target = await createUserWithPassword(testApp);
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => loginRequest(testApp, target.username)),
    );
    const loginMs = performance.now() - started;
    expect(responses.map((res) => res.status)).toEqual(Array(100).fill(200));
    const logins = responses.map((res) => tokensOf(res.body));
    expect(new Set(logins.map((login) => login.sessionId)).size).toBe(100);
    expect((await testApp.users.findById(target.id))?.activeSessionCount).toBe(100);

    const revoked = await request(testApp.server)
      .post('/api/admin/v1/authenticated-sessions/revoke-user')
      .set('Authorization', bearer(admin.accessToken))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ UserGuid: target.guid }));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ Success: true, SessionsEnded: 100 });

    const access = await Promise.all(
      logins.map((login) => accessWorks(testApp, login.accessToken)),
    );
    expect(access.filter(Boolean)).toHaveLength(0);
    const refresh = await Promise.all(
      logins.map((login) => refreshWorks(testApp, login.refreshToken)),
    );
    expect(refresh.filter(Boolean)).toHaveLength(0);

    expect((await testApp.users.findById(target.id))?.activeSessionCount).toBe(0);
    const [{ live }] = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS live FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
      [target.id],
    );
    expect(live).toBe(0);
    const listed = await request(testApp.server)
      .get(`/api/admin/v1/authenticated-sessions/user-sessions/${target.guid}`)
      .set('Authorization', bearer(admin.accessToken))
      .set('Accept', 'application/json');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ Items: [], TotalCount: 0 });
    const violations = await sessionIntegrityViolations(testApp.database.dataSource);
    expect(violations).toEqual({ sessionsWithoutToken: [], counterMismatches: [] });
    console.log(
      `${backend}: 100 parallel logins in ${loginMs.toFixed(0)} ms; revoke-user ended 100; 0 of 200 tokens accepted`,
    );
  });
});
