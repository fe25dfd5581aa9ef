import request from 'supertest';
import {
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_PASSWORD,
} from '@test/support/test-app';
import {
  JWT,
  MILLIS_DATE,
  OPAQUE_TOKEN,
  USER_AGENT,
  V2_NS,
  v2Error,
  XSI,
  xmlValue,
} from './v2-helpers';

describe('POST /v2/sessions', () => {
  let testApp: TestApp;
  let username: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    username = (await createUserWithPassword(testApp)).username;
  });
  afterAll(() => testApp.close());

  const body = (loginName: string, password = TEST_PASSWORD, extra = {}) => ({
    checks: { user: { loginName }, password: { password } },
    ...extra,
  });

  it('creates a session from a JSON body: 201 with details, sessionId, sessionToken and a working access token', async () => {
    const before = Date.now();
    const res = await request(testApp.server)
      .post('/v2/sessions')
      .set('User-Agent', USER_AGENT)
      .send(body(username));
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.body)).toEqual([
      'details',
      'sessionId',
      'sessionToken',
      'accessToken',
      'accessTokenExpirationDate',
    ]);
    expect(Object.keys(res.body.details)).toEqual(['sequence', 'changeDate', 'resourceOwner']);
    expect(res.body.details.sequence).toBe('1');
    expect(res.body.details.resourceOwner).toBe('1');
    expect(res.body.details.changeDate).toMatch(MILLIS_DATE);
    expect(Date.parse(res.body.details.changeDate)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.sessionId).toMatch(/^[1-9]\d*$/);
    expect(res.body.sessionToken).toMatch(OPAQUE_TOKEN);
    expect(res.body.accessToken).toMatch(JWT);
    expect(res.body.accessTokenExpirationDate).toMatch(MILLIS_DATE);
    const ttl = Date.parse(res.body.accessTokenExpirationDate) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 1000);

    const live = await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .set('Accept', 'application/json');
    expect(live.status).toBe(200);
  });

  it('reads an XML body and answers XML with the v2 namespace, members in order', async () => {
    const xml =
      `<CreateSessionRequest xmlns="${V2_NS}"><checks><user><loginName>${username}</loginName></user>` +
      `<password><password>${TEST_PASSWORD}</password></password></checks><lifetime>3600s</lifetime></CreateSessionRequest>`;
    const res = await request(testApp.server)
      .post('/v2/sessions')
      .set('Content-Type', 'application/xml')
      .set('Accept', 'application/xml')
      .send(xml);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.text).toMatch(
      new RegExp(
        `^<CreateSessionResponse ${XSI} xmlns="${V2_NS}"><details><sequence>1</sequence>` +
          `<changeDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z</changeDate><resourceOwner>1</resourceOwner>` +
          `</details><sessionId>\\d+</sessionId><sessionToken>[A-Za-z0-9_-]{43}</sessionToken>` +
          `<accessToken>[A-Za-z0-9_.-]+</accessToken><accessTokenExpirationDate>[^<]+Z</accessTokenExpirationDate>` +
          `</CreateSessionResponse>$`,
      ),
    );
    expect(xmlValue(res.text, 'accessToken')).toMatch(JWT);
  });

  it('answers XML to a JSON body when Accept asks, and to a text/xml body without Accept', async () => {
    const asXml = await request(testApp.server)
      .post('/v2/sessions')
      .set('Accept', 'text/xml')
      .send(body(username));
    expect(asXml.status).toBe(201);
    expect(asXml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(asXml.text).toContain(
      `<CreateSessionResponse ${XSI} xmlns="${V2_NS}"><details><sequence>1</sequence>`,
    );

    const xmlBody =
      // DataContractSerializer order: Checks declares `user` (Order 1) before `password` (Order 2).
      `<CreateSessionRequest xmlns="${V2_NS}"><checks><user><loginName>${username.toUpperCase()}</loginName></user>` +
      `<password><password>${TEST_PASSWORD}</password></password></checks></CreateSessionRequest>`;
    const byContentType = await request(testApp.server)
      .post('/v2/sessions')
      .set('Content-Type', 'text/xml')
      .send(xmlBody);
    expect(byContentType.status).toBe(201);
    expect(byContentType.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xmlValue(byContentType.text, 'sessionToken')).toMatch(OPAQUE_TOKEN);
  });

  it('caps the session at the requested lifetime', async () => {
    const res = await request(testApp.server)
      .post('/v2/sessions')
      .send(body(username, TEST_PASSWORD, { lifetime: '90s' }));
    expect(res.status).toBe(201);
    const got = await request(testApp.server)
      .get(`/v2/sessions/${res.body.sessionId}`)
      .set('Authorization', `Bearer ${res.body.accessToken}`);
    const created = Date.parse(got.body.session.creationDate);
    const expires = Date.parse(got.body.session.expirationDate);
    expect(expires - created).toBeGreaterThanOrEqual(89_000);
    expect(expires - created).toBeLessThanOrEqual(91_000);
  });

  it.each([['3600'], ['-5s'], ['0s'], ['1h'], ['abc']])(
    'refuses lifetime %p with 400, gRPC 3',
    async (lifetime) => {
      const res = await request(testApp.server)
        .post('/v2/sessions')
        .send(body(username, TEST_PASSWORD, { lifetime }));
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        v2Error(
          3,
          'SessionLifetimeInvalid',
          `lifetime must be a positive duration in seconds such as "3600s" (got "${lifetime}")`,
        ),
      );
    },
  );

  it('refuses a wrong password with 401, gRPC 16, in JSON and XML', async () => {
    const res = await request(testApp.server)
      .post('/v2/sessions')
      .send(body(username, 'wrong password!'));
    expect(res.status).toBe(401);
    const message = 'Authorization has been denied for this request.';
    expect(res.body).toEqual(v2Error(16, 'InvalidCredentials', message));

    const xml = await request(testApp.server)
      .post('/v2/sessions')
      .set('Accept', 'application/xml')
      .send(body('nobody-at-all', TEST_PASSWORD));
    expect(xml.status).toBe(401);
    expect(xml.text).toBe(
      `<Error><code>16</code><message>${message}</message><details><Detail>` +
        `<_x0040_type>type.googleapis.com/zitadel.v1.ErrorDetail</_x0040_type><id>InvalidCredentials</id>` +
        `<message>${message}</message></Detail></details></Error>`,
    );
  });

  it('requires both checks: 400 naming the missing field', async () => {
    const noPassword = await request(testApp.server)
      .post('/v2/sessions')
      .send({ checks: { user: { loginName: username } } });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body).toEqual(
      v2Error(3, 'FieldRequired', 'checks.password.password is required'),
    );

    const noUser = await request(testApp.server)
      .post('/v2/sessions')
      .send({ checks: { password: { password: 'x' } } });
    expect(noUser.body).toEqual(v2Error(3, 'FieldRequired', 'checks.user.loginName is required'));
  });

  it('answers an unreadable body with a v2 400', async () => {
    const res = await request(testApp.server)
      .post('/v2/sessions')
      .set('Content-Type', 'application/json')
      .send('{"checks": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 3,
      details: [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail' }],
    });
  });
});
