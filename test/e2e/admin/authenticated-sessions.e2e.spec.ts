import request from 'supertest';
import { SessionsRepository } from '@/sessions/sessions.repository';
import { createUserWithPassword, TestApp } from '@test/support/test-app';
import { uniqueName } from '@test/support/factories';
import {
  adminGet,
  adminSend,
  login,
  LoggedIn,
  loggedInUser,
  startAdminApp,
  utcSeconds,
  XML_ROOT_ATTRS,
} from './admin-fixture';

const BASE = '/api/admin/v1/authenticated-sessions';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('admin authenticated sessions (seed 002)', () => {
  let testApp: TestApp;
  let sessions: SessionsRepository;
  let admin: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    sessions = new SessionsRepository(testApp.database.dataSource);
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  });
  afterAll(() => testApp.close());

  /** A user named `<prefix>-...` with `count` live sessions. */
  async function userWithSessions(prefix: string, count: number, isOperator = false) {
    const user = await createUserWithPassword(testApp, {
      username: uniqueName(prefix),
      isOperator,
    });
    const logins: LoggedIn[] = [];
    for (let i = 0; i < count; i++) logins.push(await login(testApp, user));
    return { user, logins };
  }

  describe('GET list', () => {
    it('answers users with their active session counts, most first, in JSON', async () => {
      const prefix = uniqueName('cnt');
      const one = await userWithSessions(prefix, 1, true);
      const three = await userWithSessions(prefix, 3);
      const res = await adminGet(testApp, admin, `${BASE}/list?search=${prefix}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.text).toBe(
        JSON.stringify({
          Items: [
            {
              UserGuid: three.user.guid,
              UserName: three.user.username,
              SessionCount: 3,
              IsOperator: false,
            },
            {
              UserGuid: one.user.guid,
              UserName: one.user.username,
              SessionCount: 1,
              IsOperator: true,
            },
          ],
          Page: 1,
          PageSize: 20,
          TotalCount: 2,
          TotalPages: 1,
        }),
      );
    });

    it('sorts by name, searches case-insensitively and pages', async () => {
      const prefix = uniqueName('NAME');
      const b = await userWithSessions(`${prefix}-b`, 2);
      const a = await userWithSessions(`${prefix}-a`, 1);
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/list?search=${prefix.toLowerCase()}&sort=name&pageSize=1&page=2`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        Items: [
          { UserGuid: b.user.guid, UserName: b.user.username, SessionCount: 2, IsOperator: false },
        ],
        Page: 2,
        PageSize: 1,
        TotalCount: 2,
        TotalPages: 2,
      });
      const first = await adminGet(
        testApp,
        admin,
        `${BASE}/list?Search=${prefix}&SORT=name&PageSize=1`,
      );
      expect(first.body.Items).toEqual([
        { UserGuid: a.user.guid, UserName: a.user.username, SessionCount: 1, IsOperator: false },
      ]);
    });

    it('answers the same page in XML with the admin DataContract namespace', async () => {
      const prefix = uniqueName('xml');
      const { user } = await userWithSessions(prefix, 2);
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/list?search=${prefix}`,
        'application/xml',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.text).toBe(
        `<ActiveSessionUserPage ${XML_ROOT_ATTRS}><Items><ActiveSessionUser><IsOperator>false</IsOperator>` +
          `<SessionCount>2</SessionCount><UserGuid>${user.guid}</UserGuid><UserName>${user.username}</UserName>` +
          `</ActiveSessionUser></Items><Page>1</Page><PageSize>20</PageSize><TotalCount>1</TotalCount>` +
          `<TotalPages>1</TotalPages></ActiveSessionUserPage>`,
      );
    });

    it('rejects an unknown sort with 400 err_InvalidSort', async () => {
      const res = await adminGet(testApp, admin, `${BASE}/list?sort=age`);
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"Message":"err_InvalidSort"}');
    });
  });

  describe('GET user-sessions/{guid}', () => {
    it("answers the user's active sessions, newest first, with device details and utc-seconds dates", async () => {
      const user = await createUserWithPassword(testApp, {
        username: uniqueName('dev'),
        isOperator: true,
      });
      const older = await login(testApp, user, 'curl/8.5.0');
      const newer = await login(testApp, user, IPHONE_UA);
      const [olderRow, newerRow] = await Promise.all([
        sessions.findById(older.sessionId),
        sessions.findById(newer.sessionId),
      ]);
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/user-sessions/${user.guid.toUpperCase()}`,
      );
      expect(res.status).toBe(200);
      const row = (
        id: number,
        lastUpdated: Date,
        expires: Date,
        device: [string, string, string],
      ) => ({
        ID: id,
        UserID: user.id,
        UserGuid: user.guid,
        LastUpdated: utcSeconds(lastUpdated),
        ExpirationDate: utcSeconds(expires),
        UserName: user.username,
        IsOperator: true,
        Smartphone: device[0],
        OperatingSystem: device[1],
        Application: device[2],
      });
      expect(res.text).toBe(
        JSON.stringify({
          Items: [
            row(newer.sessionId, newerRow!.lastUpdatedAt, newerRow!.expiresAt, [
              'Apple iPhone',
              'iOS- v. 17.4',
              'Mobile Safari- v. 17.4',
            ]),
            row(older.sessionId, olderRow!.lastUpdatedAt, olderRow!.expiresAt, [
              '-',
              'Other- v. ',
              'Other- v. ',
            ]),
          ],
          Page: 1,
          PageSize: 20,
          TotalCount: 2,
          TotalPages: 1,
        }),
      );
      expect(res.body.Items[0].LastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });

    it('answers XML with members in DataContract order', async () => {
      const { user, logins } = await userWithSessions(uniqueName('uxml'), 1);
      const row = (await sessions.findById(logins[0].sessionId))!;
      const res = await adminGet(testApp, admin, `${BASE}/user-sessions/${user.guid}`, 'text/xml');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(res.text).toBe(
        `<AuthenticatedSessionPage ${XML_ROOT_ATTRS}><Items><AuthenticatedSession>` +
          `<Application>Other- v. </Application><ExpirationDate>${utcSeconds(row.expiresAt)}</ExpirationDate>` +
          `<ID>${row.id}</ID><IsOperator>false</IsOperator><LastUpdated>${utcSeconds(row.lastUpdatedAt)}</LastUpdated>` +
          `<OperatingSystem>Other- v. </OperatingSystem><Smartphone>-</Smartphone><UserGuid>${user.guid}</UserGuid>` +
          `<UserID>${user.id}</UserID><UserName>${user.username}</UserName></AuthenticatedSession></Items>` +
          `<Page>1</Page><PageSize>20</PageSize><TotalCount>1</TotalCount><TotalPages>1</TotalPages></AuthenticatedSessionPage>`,
      );
    });

    it('pages deep into the list', async () => {
      const { user, logins } = await userWithSessions(uniqueName('deep'), 3);
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/user-sessions/${user.guid}?page=3&pageSize=1`,
      );
      expect(res.body).toMatchObject({ Page: 3, PageSize: 1, TotalCount: 3, TotalPages: 3 });
      expect(res.body.Items.map((item: { ID: number }) => item.ID)).toEqual([logins[0].sessionId]);
      const beyond = await adminGet(
        testApp,
        admin,
        `${BASE}/user-sessions/${user.guid}?page=9&pageSize=1`,
      );
      expect(beyond.body).toEqual({
        Items: [],
        Page: 9,
        PageSize: 1,
        TotalCount: 3,
        TotalPages: 3,
      });
    });

    it('answers an empty page for an unknown user', async () => {
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/user-sessions/00000000-0000-4000-8000-000000000000`,
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"Items":[],"Page":1,"PageSize":20,"TotalCount":0,"TotalPages":0}');
    });

    it.each([
      'not-a-guid',
      '83bde819ec084ceeb635884145630d0b0',
      '83bde819-ec08-4cee-b635-884145630d0g',
    ])('rejects the malformed GUID %s with 400 err_InvalidGuid', async (guid) => {
      const res = await adminGet(testApp, admin, `${BASE}/user-sessions/${guid}`);
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"Message":"err_InvalidGuid"}');
    });

    it('answers the 400 in XML to an XML caller', async () => {
      const res = await adminGet(testApp, admin, `${BASE}/user-sessions/nope`, 'application/xml');
      expect(res.status).toBe(400);
      expect(res.text).toBe('<Error><Message>err_InvalidGuid</Message></Error>');
    });
  });

  describe('POST revoke', () => {
    it('ends the session; its token is refused at once; a second revoke is err_NoActiveSession', async () => {
      const { user, logins } = await userWithSessions(uniqueName('rev'), 2);
      const [victim, survivor] = logins;
      expect(
        (await request(testApp.server).get('/Auth/Session').set('Authorization', victim.bearer))
          .status,
      ).toBe(200);

      const res = await adminSend(testApp, admin, 'post', `${BASE}/revoke`, {
        Session: victim.sessionId,
      });
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"Success":true}');

      const refused = await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', victim.bearer);
      expect(refused.status).toBe(401);
      const alive = await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', survivor.bearer);
      expect(alive.status).toBe(200);

      const row = (await sessions.findById(victim.sessionId))!;
      expect(row.revokedBy).toBe(admin.user.id);
      expect(row.revokeReason).toBe('admin_revoke');
      const listed = await adminGet(testApp, admin, `${BASE}/user-sessions/${user.guid}`);
      expect(listed.body.Items.map((item: { ID: number }) => item.ID)).toEqual([
        survivor.sessionId,
      ]);

      const again = await adminSend(testApp, admin, 'post', `${BASE}/revoke`, {
        Session: victim.sessionId,
      });
      expect(again.status).toBe(404);
      expect(again.text).toBe('{"Message":"err_NoActiveSession"}');
    });

    it('takes an XML body and answers XML', async () => {
      const { logins } = await userWithSessions(uniqueName('rxml'), 1);
      const res = await request(testApp.server)
        .post(`${BASE}/revoke`)
        .set('Authorization', admin.bearer)
        .set('Content-Type', 'application/xml')
        .send(
          `<RevokeSessionRequest xmlns="http://schemas.datacontract.org/2004/07/SessionGateway.Admin"><Session>${logins[0].sessionId}</Session></RevokeSessionRequest>`,
        );
      expect(res.status).toBe(200);
      expect(res.text).toBe(
        `<SuccessResponse ${XML_ROOT_ATTRS}><Success>true</Success></SuccessResponse>`,
      );
    });

    it.each([0, -5, 999999])('answers 404 err_NoActiveSession for session %d', async (id) => {
      const res = await adminSend(testApp, admin, 'post', `${BASE}/revoke`, { Session: id });
      expect(res.status).toBe(404);
      expect(res.text).toBe('{"Message":"err_NoActiveSession"}');
    });

    it.each([
      ['no Session member', '{}'],
      ['a non-numeric Session', '{"Session":"abc"}'],
      ['malformed JSON', '{"Session":'],
    ])('rejects %s with 400 err_InvalidRequest', async (_label, body) => {
      const res = await request(testApp.server)
        .post(`${BASE}/revoke`)
        .set('Authorization', admin.bearer)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"Message":"err_InvalidRequest"}');
    });
  });

  describe('POST revoke-user', () => {
    it("ends all of the user's sessions and reports how many", async () => {
      const { user, logins } = await userWithSessions(uniqueName('ru'), 2);
      const res = await adminSend(testApp, admin, 'post', `${BASE}/revoke-user`, {
        UserGuid: user.guid,
      });
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"Success":true,"SessionsEnded":2}');
      for (const session of logins) {
        expect(
          (await request(testApp.server).get('/Auth/Session').set('Authorization', session.bearer))
            .status,
        ).toBe(401);
      }
      const again = await adminSend(testApp, admin, 'post', `${BASE}/revoke-user`, {
        UserGuid: user.guid,
      });
      expect(again.status).toBe(404);
      expect(again.text).toBe('{"Message":"err_NoActiveSession"}');
    });

    it('answers 404 err_NoActiveSession for an unknown user and 400 err_InvalidGuid for a malformed one', async () => {
      const unknown = await adminSend(testApp, admin, 'post', `${BASE}/revoke-user`, {
        UserGuid: '00000000-0000-4000-8000-000000000001',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.text).toBe('{"Message":"err_NoActiveSession"}');
      const malformed = await adminSend(testApp, admin, 'post', `${BASE}/revoke-user`, {
        UserGuid: 'x',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.text).toBe('{"Message":"err_InvalidGuid"}');
    });

    it('answers XML', async () => {
      const { user } = await userWithSessions(uniqueName('ruxml'), 1);
      const res = await adminSend(
        testApp,
        admin,
        'post',
        `${BASE}/revoke-user`,
        { UserGuid: user.guid },
        'application/xml',
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe(
        `<RevokeUserResponse ${XML_ROOT_ATTRS}><SessionsEnded>1</SessionsEnded><Success>true</Success></RevokeUserResponse>`,
      );
    });
  });
});
