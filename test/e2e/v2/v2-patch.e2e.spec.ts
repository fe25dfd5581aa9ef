import request from 'supertest';
import { createTestApp, TestApp } from '@test/support/test-app';
import {
  CreatedSession,
  JWT,
  MILLIS_DATE,
  OPAQUE_TOKEN,
  V2_NS,
  v2Error,
  V2User,
  v2User,
  XSI,
  xmlValue,
} from './v2-helpers';

const DENIED = 'Authorization has been denied for this request.';

describe('PATCH /v2/sessions/{id}', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const patch = (id: string, body: object) =>
    request(testApp.server).patch(`/v2/sessions/${id}`).send(body);
  const read = (session: CreatedSession, auth: string) =>
    request(testApp.server).get(`/v2/sessions/${session.sessionId}`).set('Authorization', auth);

  it('rotates the sessionToken, answers new tokens, and the sequence grows', async () => {
    const { session, auth } = await v2User(testApp);
    const res = await patch(session.sessionId, { sessionToken: session.sessionToken });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.body)).toEqual([
      'details',
      'sessionToken',
      'accessToken',
      'accessTokenExpirationDate',
    ]);
    expect(res.body.details).toEqual({
      sequence: expect.stringMatching(/^\d+$/),
      changeDate: expect.stringMatching(MILLIS_DATE),
      resourceOwner: '1',
    });
    expect(BigInt(res.body.details.sequence)).toBeGreaterThan(BigInt(session.details.sequence));
    expect(Date.parse(res.body.details.changeDate)).toBeGreaterThanOrEqual(
      Date.parse(session.details.changeDate),
    );
    expect(res.body.sessionToken).toMatch(OPAQUE_TOKEN);
    expect(res.body.sessionToken).not.toBe(session.sessionToken);
    expect(res.body.accessToken).toMatch(JWT);
    expect(res.body.accessTokenExpirationDate).toMatch(MILLIS_DATE);

    const after = await read(session, `Bearer ${res.body.accessToken}`);
    expect(after.body.session.sequence).toBe(res.body.details.sequence);
    expect(after.body.session.changeDate).toBe(res.body.details.changeDate);
    // The old access token still names a live session.
    expect((await read(session, auth)).status).toBe(200);
  });

  it('refuses the old sessionToken after rotation: 401, and the reuse ends the session', async () => {
    const { session, auth } = await v2User(testApp);
    const first = await patch(session.sessionId, { sessionToken: session.sessionToken });
    expect(first.status).toBe(200);
    const reuse = await patch(session.sessionId, { sessionToken: session.sessionToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body).toEqual(v2Error(16, 'InvalidToken', DENIED));
    // Theft detection: the whole session is gone, the new token too.
    const next = await patch(session.sessionId, { sessionToken: first.body.sessionToken });
    expect(next.status).toBe(404);
    expect(next.body).toEqual(
      v2Error(5, 'SessionNotFound', 'Session not found or already terminated'),
    );
    expect(
      (await request(testApp.server).get('/Auth/Session').set('Authorization', auth)).status,
    ).toBe(401);
  });

  it("refuses another session's token or an unknown one with 403, gRPC 7, and leaves both sessions alive", async () => {
    const a = await v2User(testApp);
    const b = await v2User(testApp);
    const expected = v2Error(
      7,
      'SessionTokenInvalid',
      'The sessionToken is not valid for this session',
    );
    const crossed = await patch(a.session.sessionId, { sessionToken: b.session.sessionToken });
    expect(crossed.status).toBe(403);
    expect(crossed.body).toEqual(expected);
    const unknown = await patch(a.session.sessionId, { sessionToken: 'x'.repeat(43) });
    expect(unknown.body).toEqual(expected);
    expect(
      (await patch(b.session.sessionId, { sessionToken: b.session.sessionToken })).status,
    ).toBe(200);
    expect(
      (await patch(a.session.sessionId, { sessionToken: a.session.sessionToken })).status,
    ).toBe(200);
  });

  it('requires a sessionToken (400) and answers 404 for an unknown session', async () => {
    const { session } = await v2User(testApp);
    const missing = await patch(session.sessionId, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual(v2Error(3, 'FieldRequired', 'sessionToken is required'));
    const unknown = await patch('424242', { sessionToken: session.sessionToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(5);
  });

  it('re-checks the password: a wrong one is 401 and keeps the token; a right one updates password.verifiedAt', async () => {
    const { session, auth } = await v2User(testApp);
    const wrong = await patch(session.sessionId, {
      sessionToken: session.sessionToken,
      checks: { password: { password: 'not the password' } },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(v2Error(16, 'InvalidCredentials', DENIED));

    const before = (await read(session, auth)).body.session.factors.password.verifiedAt as string;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const right = await patch(session.sessionId, {
      sessionToken: session.sessionToken,
      checks: { password: { password: 'correct horse battery' } },
    });
    expect(right.status).toBe(200);
    const after = (await read(session, auth)).body.session.factors.password.verifiedAt as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
  });

  it("refuses checks.user naming someone else than the session's user with 400", async () => {
    const { session } = await v2User(testApp);
    const res = await patch(session.sessionId, {
      sessionToken: session.sessionToken,
      checks: { user: { loginName: 'someone-else' } },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      v2Error(3, 'SessionUserMismatch', "checks.user does not name the session's user"),
    );
  });

  it('sets a new lifetime from now, and refuses a malformed one with 400', async () => {
    const { session, auth } = await v2User(testApp);
    const bad = await patch(session.sessionId, {
      sessionToken: session.sessionToken,
      lifetime: '10 minutes',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(3);
    expect(bad.body.details[0].id).toBe('SessionLifetimeInvalid');

    const res = await patch(session.sessionId, {
      sessionToken: session.sessionToken,
      lifetime: '120s',
    });
    expect(res.status).toBe(200);
    const got = await read(session, auth);
    const left =
      Date.parse(got.body.session.expirationDate) - Date.parse(res.body.details.changeDate);
    expect(left).toBeGreaterThanOrEqual(119_000);
    expect(left).toBeLessThanOrEqual(121_000);
  });

  it('reads an XML body and answers XML', async () => {
    const { session } = await v2User(testApp);
    const res = await request(testApp.server)
      .patch(`/v2/sessions/${session.sessionId}`)
      .set('Content-Type', 'application/xml')
      .set('Accept', 'application/xml')
      .send(
        `<SetSessionRequest xmlns="${V2_NS}"><sessionToken>${session.sessionToken}</sessionToken></SetSessionRequest>`,
      );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.text).toMatch(
      new RegExp(
        `^<SetSessionResponse ${XSI} xmlns="${V2_NS}"><details><sequence>\\d+</sequence>` +
          `<changeDate>[^<]+Z</changeDate><resourceOwner>1</resourceOwner></details>` +
          `<sessionToken>[A-Za-z0-9_-]{43}</sessionToken><accessToken>[^<]+</accessToken>` +
          `<accessTokenExpirationDate>[^<]+Z</accessTokenExpirationDate></SetSessionResponse>$`,
      ),
    );
    const rotated = xmlValue(res.text, 'sessionToken') as string;
    expect((await patch(session.sessionId, { sessionToken: rotated })).status).toBe(200);
  });

  it('answers errors in XML when XML is negotiated', async () => {
    const { session }: V2User = await v2User(testApp);
    const res = await patch(session.sessionId, { sessionToken: 'y'.repeat(43) }).set(
      'Accept',
      'text/xml',
    );
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.text).toBe(
      '<Error><code>7</code><message>The sessionToken is not valid for this session</message><details><Detail>' +
        '<_x0040_type>type.googleapis.com/zitadel.v1.ErrorDetail</_x0040_type><id>SessionTokenInvalid</id>' +
        '<message>The sessionToken is not valid for this session</message></Detail></details></Error>',
    );
  });
});
