import request from 'supertest';
import { uniqueName } from '@test/support/factories';
import { createUserWithPassword, TestApp } from '@test/support/test-app';
import { adminGet, adminSend, login, LoggedIn, loggedInUser, startAdminApp } from './admin-fixture';

const S = '/api/admin/v1/authenticated-sessions';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/**
 * The routes the admin console added: `me` (the caller's own permissions),
 * `user-sessions/{guid}/details` (IP and start time) and `activity` (the chart).
 */
describe('admin API for the console', () => {
  let testApp: TestApp;
  let admin: LoggedIn;
  let auditor: LoggedIn;
  let userManager: LoggedIn;
  let nobody: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
    auditor = await loggedInUser(testApp, { roles: ['session-auditor'] });
    userManager = await loggedInUser(testApp, { roles: ['user-manager'] });
    nobody = await loggedInUser(testApp);
  });
  afterAll(() => testApp.close());

  describe('GET /api/admin/v1/me', () => {
    it('answers the caller’s own name, roles and permissions', async () => {
      const res = await adminGet(testApp, userManager, '/api/admin/v1/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        UserGuid: userManager.user.guid,
        UserName: userManager.user.username,
        Roles: ['user-manager'],
        Permissions: ['user.write'],
      });
      const adminMe = await adminGet(testApp, admin, '/api/admin/v1/me');
      expect(adminMe.body.Permissions).toEqual([
        'admin',
        'session.delete',
        'session.read',
        'user.write',
      ]);
    });

    it('needs no permission: a role-less account learns only that it holds none', async () => {
      const res = await adminGet(testApp, nobody, '/api/admin/v1/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        UserGuid: nobody.user.guid,
        UserName: nobody.user.username,
        Roles: [],
        Permissions: [],
      });
    });

    it('reveals nobody else: parameters naming another user change nothing', async () => {
      for (const path of [
        `/api/admin/v1/me?userGuid=${admin.user.guid}`,
        `/api/admin/v1/me?userId=${admin.user.id}&UserName=${admin.user.username}`,
      ]) {
        const res = await adminGet(testApp, nobody, path);
        expect(res.status).toBe(200);
        expect(res.body.UserGuid).toBe(nobody.user.guid);
        expect(res.body.Permissions).toEqual([]);
      }
      const other = await adminGet(testApp, nobody, `/api/admin/v1/me/${admin.user.guid}`);
      expect(other.status).toBe(404);
      expect(JSON.stringify(other.body)).not.toContain(admin.user.username);
    });

    it('refuses a missing or dead token with 401', async () => {
      const anonymous = await request(testApp.server)
        .get('/api/admin/v1/me')
        .set('Accept', 'application/json');
      expect([anonymous.status, anonymous.text]).toEqual([
        401,
        '{"Message":"err_Unauthenticated"}',
      ]);
      const gone = await loggedInUser(testApp, { roles: ['admin'] });
      await adminSend(testApp, gone, 'post', '/Auth/Logout');
      expect((await adminGet(testApp, gone, '/api/admin/v1/me')).status).toBe(401);
    });
  });

  describe('GET user-sessions/{guid}/details', () => {
    it('lists the sessions with channel, IP, start, last seen and expiry, newest first', async () => {
      const user = await createUserWithPassword(testApp, { username: uniqueName('dev') });
      const older = await login(testApp, user);
      const newer = await login(testApp, user, IPHONE);
      const res = await adminGet(testApp, auditor, `${S}/user-sessions/${user.guid}/details`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ Page: 1, PageSize: 20, TotalCount: 2, TotalPages: 1 });
      const [first, second] = res.body.Items;
      expect(first).toMatchObject({
        ID: newer.sessionId,
        Channel: 'legacy',
        Ip: expect.stringMatching(/127\.0\.0\.1/),
        Smartphone: 'Apple iPhone',
        OperatingSystem: 'iOS- v. 17.4',
      });
      expect(second).toMatchObject({ ID: older.sessionId, Smartphone: '-' });
      for (const name of ['Created', 'LastUpdated', 'ExpirationDate'])
        expect(first[name]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });

    it('answers an empty page for an unknown user and 400 for a malformed GUID', async () => {
      const unknown = await adminGet(
        testApp,
        admin,
        `${S}/user-sessions/00000000-0000-4000-8000-000000000000/details`,
      );
      expect(unknown.body).toEqual({
        Items: [],
        Page: 1,
        PageSize: 20,
        TotalCount: 0,
        TotalPages: 0,
      });
      const bad = await adminGet(testApp, admin, `${S}/user-sessions/not-a-guid/details`);
      expect([bad.status, bad.text]).toEqual([400, '{"Message":"err_InvalidGuid"}']);
    });

    it('is refused to a user-manager and to a role-less account (403)', async () => {
      for (const caller of [userManager, nobody]) {
        const res = await adminGet(
          testApp,
          caller,
          `${S}/user-sessions/${admin.user.guid}/details`,
        );
        expect([res.status, res.text]).toEqual([403, '{"Message":"err_PermissionDenied"}']);
      }
    });
  });

  describe('GET activity', () => {
    it('answers 13 points over the last hour, the last being ActiveNow, and follows a revoke', async () => {
      const user = await createUserWithPassword(testApp, { username: uniqueName('act') });
      const before = (await adminGet(testApp, auditor, `${S}/activity`)).body;
      expect(before.Points).toHaveLength(13);
      expect(before.Points.at(-1).Count).toBe(before.ActiveNow);
      const times = before.Points.map((point: { At: string }) => Date.parse(point.At));
      expect(times[12] - times[0]).toBeGreaterThanOrEqual(59 * 60_000);
      expect([...times].sort((a, b) => a - b)).toEqual(times);

      const session = await login(testApp, user);
      const during = (await adminGet(testApp, auditor, `${S}/activity`)).body;
      expect(during.ActiveNow).toBe(before.ActiveNow + 1);
      await adminSend(testApp, admin, 'post', `${S}/revoke`, { Session: session.sessionId });
      const after = (await adminGet(testApp, auditor, `${S}/activity`)).body;
      expect(after.ActiveNow).toBe(before.ActiveNow);
    });

    it('is refused to a user-manager and to a role-less account (403), and without a token (401)', async () => {
      for (const caller of [userManager, nobody]) {
        const res = await adminGet(testApp, caller, `${S}/activity`);
        expect([res.status, res.text]).toEqual([403, '{"Message":"err_PermissionDenied"}']);
      }
      const anonymous = await request(testApp.server).get(`${S}/activity`);
      expect(anonymous.status).toBe(401);
    });
  });
});
