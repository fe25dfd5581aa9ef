import request from 'supertest';
import { TestApp } from '@test/support/test-app';
import {
  adminGet,
  adminSend,
  DASHBOARD_ORIGIN,
  LoggedIn,
  loggedInUser,
  startAdminApp,
} from './admin-fixture';

const GUID = '83bde819-ec08-4cee-b635-884145630d0b';
const S = '/api/admin/v1/authenticated-sessions';
const U = '/api/admin/v1/users';

type Route = [method: 'get' | 'post' | 'put', path: string, body?: unknown];

const READ_SESSIONS: Route[] = [
  ['get', `${S}/list`],
  ['get', `${S}/user-sessions/${GUID}`],
];
const DELETE_SESSIONS: Route[] = [
  ['post', `${S}/revoke`, { Session: 1 }],
  ['post', `${S}/revoke-user`, { UserGuid: GUID }],
];
const READ_USERS: Route[] = [
  ['get', U],
  ['get', `${U}/${GUID}`],
  ['get', '/api/admin/v1/audit-events'],
];
const WRITE_USERS: Route[] = [
  ['post', U, { UserName: 'someone', Password: 'long enough password' }],
  ['put', `${U}/${GUID}`, { FirstName: 'X' }],
  ['post', `${U}/${GUID}/block`],
  ['post', `${U}/${GUID}/unblock`],
  ['post', `${U}/${GUID}/disable`],
  ['post', `${U}/${GUID}/reset-password`, { NewPassword: 'long enough password' }],
];
const ALL = [...READ_SESSIONS, ...DELETE_SESSIONS, ...READ_USERS, ...WRITE_USERS];

describe('admin access control and CORS', () => {
  let testApp: TestApp;
  let nobody: LoggedIn;
  let auditor: LoggedIn;
  let userManager: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    nobody = await loggedInUser(testApp);
    auditor = await loggedInUser(testApp, { roles: ['session-auditor'] });
    userManager = await loggedInUser(testApp, { roles: ['user-manager'] });
  });
  afterAll(() => testApp.close());

  const call = (caller: LoggedIn, [method, path, body]: Route, accept = 'application/json') =>
    method === 'get'
      ? adminGet(testApp, caller, path, accept)
      : adminSend(testApp, caller, method, path, body, accept);

  it.each(ALL)('%s %s without a token is 401 err_Unauthenticated', async (method, path) => {
    const res = await request(testApp.server)[method](path).set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"Message":"err_Unauthenticated"}');
  });

  it.each(ALL)(
    '%s %s for a user without any permission is 403 err_PermissionDenied',
    async (...route) => {
      const res = await call(nobody, route);
      expect(res.status).toBe(403);
      expect(res.text).toBe('{"Message":"err_PermissionDenied"}');
    },
  );

  it('writes the 403 in XML to an XML caller', async () => {
    const res = await call(nobody, READ_SESSIONS[0], 'application/xml');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.text).toBe('<Error><Message>err_PermissionDenied</Message></Error>');
  });

  it('refuses a forged bearer token with 401', async () => {
    const res = await request(testApp.server)
      .get(`${S}/list`)
      .set('Authorization', 'Bearer not.a.jwt');
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"Message":"err_Unauthenticated"}');
  });

  it('lets session.read (session-auditor) read sessions, users and the audit trail, and nothing else', async () => {
    for (const route of [...READ_SESSIONS, ...READ_USERS]) {
      const expected = route[1] === `${U}/${GUID}` ? 404 : 200; // nobody has that GUID
      expect([route[1], (await call(auditor, route)).status]).toEqual([route[1], expected]);
    }
    for (const route of [...DELETE_SESSIONS, ...WRITE_USERS]) {
      expect((await call(auditor, route)).status).toBe(403);
    }
  });

  it('lets user.write (user-manager) manage users but not read or end sessions', async () => {
    for (const route of READ_USERS) expect((await call(userManager, route)).status).not.toBe(403);
    const created = await call(userManager, WRITE_USERS[0]);
    expect(created.status).toBe(201);
    for (const route of [...READ_SESSIONS, ...DELETE_SESSIONS]) {
      expect((await call(userManager, route)).status).toBe(403);
    }
  });

  it('answers a CORS preflight from the dashboard origin', async () => {
    const res = await request(testApp.server)
      .options(`${S}/list`)
      .set('Origin', DASHBOARD_ORIGIN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD_ORIGIN);
    expect(res.headers['access-control-allow-methods']).toContain('GET');
    expect(res.headers['access-control-allow-headers']).toBe('authorization');
  });

  it('gives no CORS headers to another origin', async () => {
    const res = await request(testApp.server)
      .options(`${S}/list`)
      .set('Origin', 'https://evil.example.test')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('adds the CORS header to a real cross-origin admin response', async () => {
    const res = await adminGet(testApp, auditor, `${S}/list`).set('Origin', DASHBOARD_ORIGIN);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD_ORIGIN);
  });
});
