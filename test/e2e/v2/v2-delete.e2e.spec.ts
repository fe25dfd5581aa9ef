import request from 'supertest';
import { createTestApp, TestApp } from '@test/support/test-app';
import { createV2Session, MILLIS_DATE, V2_NS, v2Error, v2User, XSI } from './v2-helpers';

const NOT_FOUND = v2Error(5, 'SessionNotFound', 'Session not found or already terminated');

describe('DELETE /v2/sessions/{id}', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const remove = (id: string, auth: string) =>
    request(testApp.server).delete(`/v2/sessions/${id}`).set('Authorization', auth);
  const alive = (auth: string) =>
    request(testApp.server).get('/Auth/Session').set('Authorization', auth);

  it('ends a session of the caller without a token: 200 {details}; its access token is refused at once', async () => {
    const owner = await v2User(testApp);
    const res = await remove(owner.session.sessionId, owner.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      details: {
        sequence: expect.stringMatching(/^\d+$/),
        changeDate: expect.stringMatching(MILLIS_DATE),
        resourceOwner: '1',
      },
    });
    expect(BigInt(res.body.details.sequence)).toBeGreaterThan(
      BigInt(owner.session.details.sequence),
    );
    expect((await alive(owner.auth)).status).toBe(401);
  });

  it('lets the caller end another session of their own user', async () => {
    const owner = await v2User(testApp);
    const second = await createV2Session(testApp, owner.user.username);
    expect((await remove(second.sessionId, owner.auth)).status).toBe(200);
    expect((await alive(`Bearer ${second.accessToken}`)).status).toBe(401);
    expect((await alive(owner.auth)).status).toBe(200);
  });

  it("refuses a stranger without the session's token as if it did not exist: 404, gRPC 5, and the session lives on", async () => {
    const owner = await v2User(testApp);
    const stranger = await v2User(testApp);
    const res = await remove(owner.session.sessionId, stranger.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
    const withBody = await remove(owner.session.sessionId, stranger.auth).send({
      sessionToken: '',
    });
    expect(withBody.body).toEqual(NOT_FOUND);
    expect((await alive(owner.auth)).status).toBe(200);
  });

  it("lets a stranger holding the session's token end it", async () => {
    const owner = await v2User(testApp);
    const stranger = await v2User(testApp);
    const res = await remove(owner.session.sessionId, stranger.auth).send({
      sessionToken: owner.session.sessionToken,
    });
    expect(res.status).toBe(200);
    expect((await alive(owner.auth)).status).toBe(401);
  });

  it('refuses a wrong or rotated token with 403 even for the owner', async () => {
    const owner = await v2User(testApp);
    const other = await v2User(testApp);
    const expected = v2Error(
      7,
      'SessionTokenInvalid',
      'The sessionToken is not valid for this session',
    );
    const wrong = await remove(owner.session.sessionId, owner.auth).send({
      sessionToken: other.session.sessionToken,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual(expected);
    const rotated = await request(testApp.server)
      .patch(`/v2/sessions/${owner.session.sessionId}`)
      .send({ sessionToken: owner.session.sessionToken });
    expect(rotated.status).toBe(200);
    const old = await remove(owner.session.sessionId, owner.auth).send({
      sessionToken: owner.session.sessionToken,
    });
    expect(old.body).toEqual(expected);
    expect((await alive(owner.auth)).status).toBe(200);
  });

  it("lets a caller with session.delete end anyone's session without a token", async () => {
    const owner = await v2User(testApp);
    const manager = await v2User(testApp, ['session-manager']);
    const res = await remove(owner.session.sessionId, manager.auth);
    expect(res.status).toBe(200);
    expect((await alive(owner.auth)).status).toBe(401);
  });

  it('answers 404, gRPC 5, for an unknown or already ended session', async () => {
    const manager = await v2User(testApp, ['session-manager']);
    const owner = await v2User(testApp);
    expect((await remove(owner.session.sessionId, manager.auth)).status).toBe(200);
    const again = await remove(owner.session.sessionId, manager.auth);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(NOT_FOUND);
    const unknown = await remove('987654', manager.auth);
    expect(unknown.body).toEqual(NOT_FOUND);
  });

  it('reads an XML body and answers XML', async () => {
    const owner = await v2User(testApp);
    const stranger = await v2User(testApp);
    const res = await remove(owner.session.sessionId, stranger.auth)
      .set('Content-Type', 'application/xml')
      .set('Accept', 'application/xml')
      .send(
        `<DeleteSessionRequest xmlns="${V2_NS}"><sessionToken>${owner.session.sessionToken}</sessionToken></DeleteSessionRequest>`,
      );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.text).toMatch(
      new RegExp(
        `^<DeleteSessionResponse ${XSI} xmlns="${V2_NS}"><details><sequence>\\d+</sequence>` +
          `<changeDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z</changeDate>` +
          `<resourceOwner>1</resourceOwner></details></DeleteSessionResponse>$`,
      ),
    );
    expect((await alive(owner.auth)).status).toBe(401);
  });

  it('answers 403 in XML (to a caller who may see the session but not end it)', async () => {
    const owner = await v2User(testApp);
    const auditor = await v2User(testApp, ['session-auditor']);
    const res = await remove(owner.session.sessionId, auditor.auth).set(
      'Accept',
      'application/xml',
    );
    expect(res.status).toBe(403);
    expect(res.text).toBe(
      '<Error><code>7</code><message>The caller is not allowed to access this session</message><details><Detail>' +
        '<_x0040_type>type.googleapis.com/zitadel.v1.ErrorDetail</_x0040_type><id>SessionPermissionDenied</id>' +
        '<message>The caller is not allowed to access this session</message></Detail></details></Error>',
    );
  });

  it('needs a bearer token: 401, gRPC 16', async () => {
    const owner = await v2User(testApp);
    const res = await request(testApp.server)
      .delete(`/v2/sessions/${owner.session.sessionId}`)
      .send({ sessionToken: owner.session.sessionToken });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(
      v2Error(16, 'Unauthenticated', 'Authorization has been denied for this request.'),
    );
  });
});
