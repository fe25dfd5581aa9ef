import request from 'supertest';
import { basicAuth, TEST_PASSWORD, TestApp } from '@test/support/test-app';
import { uniqueName } from '@test/support/factories';
import {
  adminGet,
  adminSend,
  login,
  LoggedIn,
  loggedInUser,
  startAdminApp,
  XML_ROOT_ATTRS,
} from './admin-fixture';

const A = '/api/admin/v1/audit-events';

interface Event {
  ID: string;
  OccurredAt: string;
  Action: string;
  ActorUserGuid: string | null;
  SubjectUserGuid: string | null;
  SessionID: number | null;
  Details: Array<{ Name: string; Value: string | null }>;
}

describe('admin audit trail', () => {
  let testApp: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  });
  afterAll(() => testApp.close());

  it('tells the whole story: login, failed login, revoke, block, refused login (newest first)', async () => {
    const target = await loggedInUser(testApp, { username: uniqueName('story') });
    const second = await login(testApp, target.user);
    const username = target.user.username;
    await request(testApp.server)
      .post('/Auth/Login')
      .set('Authorization', basicAuth(username, 'wrong password!'));
    await adminSend(testApp, admin, 'post', '/api/admin/v1/authenticated-sessions/revoke', {
      Session: target.sessionId,
    });
    await adminSend(testApp, admin, 'post', `/api/admin/v1/users/${target.user.guid}/block`);
    await request(testApp.server)
      .post('/Auth/Login')
      .set('Authorization', basicAuth(username, TEST_PASSWORD));

    const res = await adminGet(testApp, admin, `${A}?userGuid=${target.user.guid}`);
    expect(res.status).toBe(200);
    const events = res.body.Items as Event[];
    const story = events.map((e) => [
      e.Action,
      e.ActorUserGuid,
      e.SessionID,
      Object.fromEntries(e.Details.map((d) => [d.Name, d.Value])),
    ]);
    const self = target.user.guid;
    const by = admin.user.guid;
    expect(story).toEqual([
      ['login.failed', null, null, { channel: 'legacy', reason: 'blocked', username }],
      ['session.ended', by, second.sessionId, { reason: 'user.blocked' }],
      ['user.blocked', by, null, {}],
      ['session.ended', by, target.sessionId, { reason: 'admin_revoke' }],
      ['login.failed', null, null, { channel: 'legacy', reason: 'wrong_password', username }],
      ['login.succeeded', self, second.sessionId, { channel: 'legacy', rehashed: 'false' }],
      ['session.created', self, second.sessionId, { channel: 'legacy' }],
      ['login.succeeded', self, target.sessionId, { channel: 'legacy', rehashed: 'false' }],
      ['session.created', self, target.sessionId, { channel: 'legacy' }],
    ]);
    expect(events.every((e) => e.SubjectUserGuid === self)).toBe(true);
    expect(res.body).toMatchObject({ TotalCount: 9, Page: 1, PageSize: 20, TotalPages: 1 });
    const ids = events.map((e) => BigInt(e.ID));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
  });

  it('filters by action and user id, and answers XML', async () => {
    const target = await loggedInUser(testApp, { username: uniqueName('act') });
    const res = await adminGet(
      testApp,
      admin,
      `${A}?userId=${target.user.id}&action=session.created`,
      'application/xml',
    );
    expect(res.status).toBe(200);
    const id = /<ID>(\d+)<\/ID>/.exec(res.text)![1];
    const at = /<OccurredAt>([^<]+)<\/OccurredAt>/.exec(res.text)![1];
    const requestId = /<RequestId>([^<]+)<\/RequestId>/.exec(res.text)![1];
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const who = (role: string) =>
      `<${role}UserGuid>${target.user.guid}</${role}UserGuid><${role}UserID>${target.user.id}</${role}UserID>` +
      `<${role}UserName>${target.user.username}</${role}UserName>`;
    expect(res.text).toBe(
      `<AuditEventPage ${XML_ROOT_ATTRS}><Items><AuditEvent><Action>session.created</Action>${who('Actor')}` +
        `<Details><AuditDetail><Name>channel</Name><Value>legacy</Value></AuditDetail></Details><ID>${id}</ID>` +
        `<IP>127.0.0.1</IP><OccurredAt>${at}</OccurredAt><RequestId>${requestId}</RequestId>` +
        `<SessionID>${target.sessionId}</SessionID>${who('Subject')}</AuditEvent></Items><Page>1</Page><PageSize>20</PageSize>` +
        `<TotalCount>1</TotalCount><TotalPages>1</TotalPages></AuditEventPage>`,
    );
  });

  it('carries the X-Request-Id that caused each event, and filters by it', async () => {
    const target = await loggedInUser(testApp, { username: uniqueName('traced') });
    const requestId = `trace-${target.user.id}`;
    await request(testApp.server)
      .post('/Auth/Login')
      .set('X-Request-Id', requestId)
      .set('Authorization', basicAuth(target.user.username, TEST_PASSWORD))
      .expect(200);

    const res = await adminGet(testApp, admin, `${A}?requestId=${requestId}`);
    expect(res.status).toBe(200);
    const events = res.body.Items as Array<Event & { RequestId: string }>;
    expect(events.map((e) => [e.Action, e.RequestId, e.SubjectUserGuid]).sort()).toEqual([
      ['login.succeeded', requestId, target.user.guid],
      ['session.created', requestId, target.user.guid],
    ]);

    const bad = await adminGet(testApp, admin, `${A}?requestId=${encodeURIComponent('a b')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ Message: 'err_InvalidRequestId' });
  });

  it('filters by time window (from inclusive, to exclusive)', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const target = await loggedInUser(testApp, { username: uniqueName('win') });
    const inWindow = await adminGet(
      testApp,
      admin,
      `${A}?userGuid=${target.user.guid}&from=${before}`,
    );
    expect(inWindow.body.TotalCount).toBe(2);
    const future = await adminGet(
      testApp,
      admin,
      `${A}?userGuid=${target.user.guid}&from=2999-01-01`,
    );
    expect(future.body).toMatchObject({ Items: [], TotalCount: 0 });
    const past = await adminGet(
      testApp,
      admin,
      `${A}?userGuid=${target.user.guid}&to=2000-01-01T00:00:00Z`,
    );
    expect(past.body.TotalCount).toBe(0);
  });

  it('answers an empty page for an unknown user GUID', async () => {
    const res = await adminGet(
      testApp,
      admin,
      `${A}?userGuid=00000000-0000-4000-8000-000000000000`,
    );
    expect(res.text).toBe('{"Items":[],"Page":1,"PageSize":20,"TotalCount":0,"TotalPages":0}');
  });

  it.each([
    ['userGuid=nope', 'err_InvalidGuid'],
    ['userId=abc', 'err_InvalidUserId'],
    ['userId=0', 'err_InvalidUserId'],
    ['action=user.exploded', 'err_InvalidAction'],
    ['from=yesterday', 'err_InvalidDate'],
    ['from=2024-02-30', 'err_InvalidDate'],
    ['to=2024-05-20T25:00:00Z', 'err_InvalidDate'],
    ['from=2024-05-21&to=2024-05-20', 'err_InvalidDateRange'],
    ['from=2024-05-21&from=2024-05-22', 'err_InvalidDate'],
  ])('rejects %s with 400 %s', async (query, message) => {
    const res = await adminGet(testApp, admin, `${A}?${query}`);
    expect(res.status).toBe(400);
    expect(res.text).toBe(JSON.stringify({ Message: message }));
  });
});
