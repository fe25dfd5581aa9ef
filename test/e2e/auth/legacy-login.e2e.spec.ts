import request from 'supertest';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { UserEntity } from '@/users/entities/user.entity';
import {
  bearer,
  bodyText,
  loginLegacy,
  rawParser,
  RESPONSE_TYPES,
  ResponseType,
} from '@test/support/http';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_PASSWORD,
} from '@test/support/test-app';

const XML_NS =
  'http://schemas.datacontract.org/2004/07/AlayaCare.Residential.AuthClient.Abstractions';
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const LOCAL_UTC_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?\+00:00$/;
const JSON_KEYS = [
  'sessionID',
  'userID',
  'userHash',
  'userToken',
  'refreshToken',
  'expiryDateUtc',
  'appData',
  'props',
  'recordState',
  'created',
  'lastUpdated',
  'expired',
  'expiresSoon',
  'userName',
  'isAuthorized',
  'features',
  'summary',
  'isSingleSignOn',
];

describe('POST /Auth/Login, GET /Auth/Session, POST /Auth/Refresh, POST /Auth/Logout (seed 001)', () => {
  let testApp: TestApp;
  let alice: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp();
    alice = await createUserWithPassword(testApp, {
      username: 'alice',
      roles: ['session-manager'],
    });
  });
  afterAll(() => testApp.close());

  const post = (path: string) => request(testApp.server).post(path).buffer(true).parse(rawParser);
  const get = (path: string) => request(testApp.server).get(path).buffer(true).parse(rawParser);

  describe.each(Object.keys(RESPONSE_TYPES) as ResponseType[])('answered as %s', (type) => {
    it('logs in with Basic credentials and answers every field with real values', async () => {
      const response = await post('/Auth/Login')
        .set('Authorization', basicAuth('alice', TEST_PASSWORD))
        .set('Accept', type)
        .expect(200);
      expect(response.headers['content-type']).toBe(RESPONSE_TYPES[type]);
      expect(response.headers['content-encoding']).toBeUndefined();
      const text = bodyText(type, response.body);
      if (type.endsWith('xml')) {
        expect(
          text.startsWith(
            `<UserSessionDTO xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${XML_NS}">`,
          ),
        ).toBe(true);
        expect(text).toMatch(/<RecordState>Active<\/RecordState>/);
        expect(text).toMatch(
          /<SessionData xmlns:d2p1="http:\/\/schemas\.datacontract\.org\/2004\/07\/AlayaCare\.Residential\.Common\.Collections" i:nil="true" \/>/,
        );
        expect(text).toMatch(new RegExp(`<UserID>${alice.id}</UserID>`));
        expect(text).toMatch(
          /<d2p1:Name>RefreshToken<\/d2p1:Name><d2p1:Value xmlns:d4p1="http:\/\/www\.w3\.org\/2001\/XMLSchema" i:type="d4p1:string">[A-Za-z0-9_-]{43}<\/d2p1:Value>/,
        );
        expect(text).toMatch(
          /<Features xmlns:d2p1="http:\/\/schemas\.microsoft\.com\/2003\/10\/Serialization\/Arrays"><d2p1:string>session\.delete<\/d2p1:string><d2p1:string>session\.read<\/d2p1:string><\/Features>/,
        );
        expect(text).not.toMatch(/refreshToken|isAuthorized/);
        return;
      }
      const body = JSON.parse(text);
      expect(Object.keys(body)).toEqual(JSON_KEYS);
      expect(body.sessionID).toBeGreaterThan(0);
      expect(body.userID).toBe(alice.id);
      expect(body.userHash).toMatch(/^[0-9a-f]{32}$/);
      expect(body.userToken).toMatch(JWT);
      expect(body.refreshToken).toMatch(TOKEN);
      expect(body.expiryDateUtc).toMatch(LOCAL_UTC_DATE);
      expect(body.appData).toEqual([
        { n: 'RefreshToken', v: body.refreshToken },
        { n: 'UserName', v: 'alice' },
      ]);
      expect(body.props).toEqual(body.appData);
      expect(body.recordState).toBe(1);
      expect(body.created.userName).toBe('alice');
      expect(body.created.dateUtc).toMatch(LOCAL_UTC_DATE);
      expect(body.created.summary).toMatch(
        /^alice on \d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d:\d\d [AP]MZ$/,
      );
      expect(body).toMatchObject({
        expired: false,
        expiresSoon: false,
        userName: 'alice',
        isAuthorized: true,
        features: ['session.delete', 'session.read'],
        summary: `alice session ${body.sessionID}`,
        isSingleSignOn: false,
      });
      const expiresInMs = Date.parse(body.expiryDateUtc) - Date.now();
      expect(expiresInMs).toBeGreaterThan(29 * 60_000);
      expect(expiresInMs).toBeLessThanOrEqual(30 * 60_000);
    });

    it('answers the caller’s current session on GET /Auth/Session', async () => {
      const login = await loginLegacy(testApp, 'alice');
      const response = await get('/Auth/Session')
        .set('Authorization', bearer(login.accessToken))
        .set('Accept', type)
        .expect(200);
      expect(response.headers['content-type']).toBe(RESPONSE_TYPES[type]);
      const text = bodyText(type, response.body);
      if (type.endsWith('xml')) {
        expect(text).toMatch(new RegExp(`<SessionID>${login.sessionId}</SessionID>`));
        expect(text).toContain(`<UserToken>${login.accessToken}</UserToken>`);
        return;
      }
      const body = JSON.parse(text);
      expect(body.sessionID).toBe(login.sessionId);
      expect(body.userToken).toBe(login.accessToken);
      // The refresh token exists in clear only when issued.
      expect(body.refreshToken).toBe('');
      expect(body.appData).toEqual([{ n: 'UserName', v: 'alice' }]);
      expect(body.isAuthorized).toBe(true);
    });
  });

  describe('request bodies in every format', () => {
    const credentials = { UserName: 'alice', Password: TEST_PASSWORD };
    const xmlBody = `<LoginRequest xmlns="http://schemas.datacontract.org/2004/07/SessionGateway.Auth"><Password>${TEST_PASSWORD}</Password><UserName>alice</UserName></LoginRequest>`;
    const cases: Array<[string, string, string | Buffer]> = [
      ['JSON', 'application/json', JSON.stringify(credentials)],
      ['text/json', 'text/json', JSON.stringify(credentials)],
      ['XML', 'application/xml', xmlBody],
      ['text/xml', 'text/xml', xmlBody],
      [
        'form',
        'application/x-www-form-urlencoded',
        `username=alice&password=${encodeURIComponent(TEST_PASSWORD)}`,
      ],
      [
        'raw DEFLATE',
        'application/x-compressed-json',
        deflateRawSync(Buffer.from(JSON.stringify(credentials))),
      ],
      ['gzip', 'application/x-compressed-json', gzipSync(Buffer.from(JSON.stringify(credentials)))],
    ];
    it.each(cases)('logs in with a %s body', async (_label, contentType, body) => {
      const response = await request(testApp.server)
        .post('/Auth/Login')
        .set('Content-Type', contentType)
        .set('Accept', 'application/json')
        .send(body)
        .expect(200);
      expect(response.body.userName).toBe('alice');
      expect(response.body.userToken).toMatch(JWT);
    });

    it('refuses a wrong password in a body with the legacy 401', async () => {
      const response = await request(testApp.server)
        .post('/Auth/Login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ UserName: 'alice', Password: 'wrong password' }))
        .expect(401);
      expect(response.text).toBe('{"Message":"Authorization has been denied for this request."}');
    });

    it('answers 401 in XML to an XML caller without credentials', async () => {
      const response = await post('/Auth/Login').set('Accept', 'application/xml').expect(401);
      expect(response.body.toString()).toBe(
        '<Error><Message>Authorization has been denied for this request.</Message></Error>',
      );
    });
  });

  describe('refresh and logout', () => {
    it('rotates the refresh token (header or body) and refuses the old one, ending the session', async () => {
      const login = await loginLegacy(testApp, 'alice');
      const first = await request(testApp.server)
        .post('/Auth/Refresh')
        .set('X-Refresh-Token', login.refreshToken)
        .set('Accept', 'application/json')
        .expect(200);
      expect(first.body.sessionID).toBe(login.sessionId);
      expect(first.body.refreshToken).toMatch(TOKEN);
      expect(first.body.refreshToken).not.toBe(login.refreshToken);

      const second = await request(testApp.server)
        .post('/Auth/Refresh')
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/json')
        .send(
          `<RefreshRequest xmlns="http://schemas.datacontract.org/2004/07/SessionGateway.Auth"><RefreshToken>${first.body.refreshToken}</RefreshToken></RefreshRequest>`,
        )
        .expect(200);
      expect(second.body.refreshToken).toMatch(TOKEN);

      // Reuse of a rotated token ends the whole session.
      await request(testApp.server)
        .post('/Auth/Refresh')
        .set('X-Refresh-Token', login.refreshToken)
        .expect(401);
      await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', bearer(second.body.userToken))
        .expect(401);
      await request(testApp.server)
        .post('/Auth/Refresh')
        .set('X-Refresh-Token', second.body.refreshToken)
        .expect(401);
    });

    it('ends the session on logout; its token is refused on the next request', async () => {
      const login = await loginLegacy(testApp, 'alice');
      const response = await request(testApp.server)
        .post('/Auth/Logout')
        .set('Authorization', bearer(login.accessToken))
        .set('Accept', 'application/json')
        .expect(200);
      expect(response.text).toBe('{"Success":true,"Message":"Session ended.","Data":1}');
      const refused = await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', bearer(login.accessToken))
        .expect(401);
      expect(refused.text).toBe('{"Message":"Authorization has been denied for this request."}');
      await request(testApp.server)
        .post('/Auth/Refresh')
        .set('X-Refresh-Token', login.refreshToken)
        .expect(401);
    });

    it('answers GenericResponse in XML with the int Data typed', async () => {
      const login = await loginLegacy(testApp, 'alice');
      const response = await post('/Auth/Logout')
        .set('Authorization', bearer(login.accessToken))
        .set('Accept', 'text/xml')
        .expect(200);
      expect(response.body.toString()).toBe(
        '<GenericResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/API.Helpers"><Data xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d2p1:int">1</Data><Message>Session ended.</Message><Success>true</Success></GenericResponse>',
      );
    });
  });

  describe('routing like ASP.NET', () => {
    it('matches routes case-insensitively', async () => {
      const response = await request(testApp.server)
        .post('/auth/login')
        .set('Authorization', basicAuth('ALICE', TEST_PASSWORD))
        .expect(200);
      expect(response.body.userName).toBe('alice');
    });

    it('answers 404 with the absolute request URI', async () => {
      const response = await request(testApp.server)
        .get('/Auth/Nothing?x=1')
        .set('Host', 'gw.example')
        .expect(404);
      expect(response.text).toBe(
        `{"Message":"No HTTP resource was found that matches the request URI 'http://gw.example/Auth/Nothing?x=1'."}`,
      );
    });

    it('answers 405 with Allow for a known path and another method', async () => {
      const response = await request(testApp.server).put('/Auth/Login').expect(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.text).toBe(
        `{"Message":"The requested resource does not support http method 'PUT'."}`,
      );
    });

    it('answers 415 for a body type no reader takes', async () => {
      const response = await request(testApp.server)
        .post('/Auth/Login')
        .set('Content-Type', 'text/plain')
        .send('hello')
        .expect(415);
      expect(response.text).toBe(
        `{"Message":"The request entity's media type 'text/plain' is not supported for this resource."}`,
      );
    });

    it('answers 400 with ModelState for a malformed body', async () => {
      const response = await request(testApp.server)
        .post('/Auth/Login')
        .set('Content-Type', 'application/json')
        .send('{"UserName": ')
        .expect(400);
      expect(response.body.Message).toBe('The request is invalid.');
      expect(Object.keys(response.body.ModelState)[0]).toMatch(/^request/);
    });
  });
});
