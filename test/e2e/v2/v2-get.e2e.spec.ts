import request from 'supertest';
import { createTestApp, TestApp } from '@test/support/test-app';
import { MILLIS_DATE, USER_AGENT, V2_NS, v2Error, V2User, v2User, XSI } from './v2-helpers';

describe('GET /v2/sessions/{id}', () => {
  let testApp: TestApp;
  let owner: V2User;
  let stranger: V2User;
  let auditor: V2User;

  beforeAll(async () => {
    testApp = await createTestApp();
    owner = await v2User(testApp);
    stranger = await v2User(testApp);
    auditor = await v2User(testApp, ['session-auditor']);
  });
  afterAll(() => testApp.close());

  const get = (id: string, auth: string) =>
    request(testApp.server).get(`/v2/sessions/${id}`).set('Authorization', auth);

  it('answers the caller its own session in JSON, every field', async () => {
    const res = await get(owner.session.sessionId, owner.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const { session } = res.body;
    expect(Object.keys(res.body)).toEqual(['session']);
    expect(Object.keys(session)).toEqual([
      'id',
      'creationDate',
      'changeDate',
      'sequence',
      'factors',
      'userAgent',
      'expirationDate',
    ]);
    expect(session.id).toBe(owner.session.sessionId);
    expect(session.creationDate).toMatch(MILLIS_DATE);
    expect(session.creationDate).toBe(owner.session.details.changeDate);
    expect(session.changeDate).toMatch(MILLIS_DATE);
    expect(session.sequence).toBe('1');
    expect(session.factors).toEqual({
      user: {
        verifiedAt: session.creationDate,
        id: owner.user.guid,
        loginName: owner.user.username,
        displayName: 'Ana López',
        organizationId: '1',
      },
      password: { verifiedAt: expect.stringMatching(MILLIS_DATE) },
    });
    expect(Date.parse(session.factors.password.verifiedAt)).toBeGreaterThanOrEqual(
      Date.parse(session.creationDate),
    );
    expect(session.userAgent).toEqual({
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
      description: USER_AGENT,
    });
    const idle = Date.parse(session.expirationDate) - Date.parse(session.creationDate);
    expect(idle).toBeGreaterThan(29 * 60_000);
    expect(idle).toBeLessThanOrEqual(30 * 60_000 + 1000);
  });

  it('answers XML in the v2 namespace, members in declaration order', async () => {
    const res = await get(owner.session.sessionId, owner.auth).set('Accept', 'application/xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const d = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    expect(res.text).toMatch(
      new RegExp(
        `^<GetSessionResponse ${XSI} xmlns="${V2_NS}"><session><id>${owner.session.sessionId}</id>` +
          `<creationDate>${d}</creationDate><changeDate>${d}</changeDate><sequence>1</sequence>` +
          `<factors><user><verifiedAt>${d}</verifiedAt><id>${owner.user.guid}</id>` +
          `<loginName>${owner.user.username}</loginName><displayName>Ana López</displayName>` +
          `<organizationId>1</organizationId></user><password><verifiedAt>${d}</verifiedAt></password></factors>` +
          `<userAgent><ip>[^<]+</ip><description>v2-e2e/1.0 \\(tests\\)</description></userAgent>` +
          `<expirationDate>${d}</expirationDate></session></GetSessionResponse>$`,
      ),
    );
  });

  it("answers another user's session as not found (404, gRPC 5): no existence oracle", async () => {
    const res = await get(owner.session.sessionId, stranger.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(
      v2Error(5, 'SessionNotFound', 'Session not found or already terminated'),
    );
  });

  it('lets a caller with session.read read any session', async () => {
    const res = await get(owner.session.sessionId, auditor.auth);
    expect(res.status).toBe(200);
    expect(res.body.session.factors.user.id).toBe(owner.user.guid);
  });

  it.each([['999999'], ['abc'], ['99999999999'], ['0']])(
    'answers unknown id %p with 404, gRPC 5',
    async (id) => {
      const res = await get(id, auditor.auth);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(
        v2Error(5, 'SessionNotFound', 'Session not found or already terminated'),
      );
    },
  );

  it('answers 404 in XML too', async () => {
    const res = await get('999999', auditor.auth).set('Accept', 'application/xml');
    expect(res.status).toBe(404);
    expect(res.text).toBe(
      '<Error><code>5</code><message>Session not found or already terminated</message><details><Detail>' +
        '<_x0040_type>type.googleapis.com/zitadel.v1.ErrorDetail</_x0040_type><id>SessionNotFound</id>' +
        '<message>Session not found or already terminated</message></Detail></details></Error>',
    );
  });

  it('refuses a request without a bearer token with 401, gRPC 16', async () => {
    const res = await request(testApp.server).get(`/v2/sessions/${owner.session.sessionId}`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(
      v2Error(16, 'Unauthenticated', 'Authorization has been denied for this request.'),
    );
  });
});
