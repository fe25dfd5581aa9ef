import request from 'supertest';
import { createTestApp, TestApp } from '@test/support/test-app';
import { v2Error, V2User, v2User } from './v2-helpers';

const NOT_FOUND = v2Error(5, 'SessionNotFound', 'Session not found or already terminated');

/**
 * Issue 9 item 10: a caller that may not see a session learns nothing about
 * it. "Exists but not yours" and "no such session" answer the very same
 * status and bytes, in JSON and in XML, for GET and DELETE, with or without
 * a (wrong) sessionToken.
 */
describe('v2 sessions: no existence oracle for callers without session.read', () => {
  let testApp: TestApp;
  let owner: V2User;
  let stranger: V2User;
  let auditor: V2User;
  const UNKNOWN_ID = '987654321';

  beforeAll(async () => {
    testApp = await createTestApp();
    owner = await v2User(testApp);
    stranger = await v2User(testApp);
    auditor = await v2User(testApp, ['session-auditor']);
  });
  afterAll(() => testApp.close());

  const alive = (auth: string) =>
    request(testApp.server).get('/Auth/Session').set('Authorization', auth);

  type Probe = (id: string, accept: string) => request.Test;
  const probes: Array<[string, Probe]> = [
    [
      'GET',
      (id, accept) =>
        request(testApp.server)
          .get(`/v2/sessions/${id}`)
          .set('Authorization', stranger.auth)
          .set('Accept', accept),
    ],
    [
      'DELETE without a token',
      (id, accept) =>
        request(testApp.server)
          .delete(`/v2/sessions/${id}`)
          .set('Authorization', stranger.auth)
          .set('Accept', accept),
    ],
    [
      "DELETE with the stranger's own (wrong) token",
      (id, accept) =>
        request(testApp.server)
          .delete(`/v2/sessions/${id}`)
          .set('Authorization', stranger.auth)
          .set('Accept', accept)
          .send({ sessionToken: stranger.session.sessionToken }),
    ],
    [
      'DELETE with a made-up token',
      (id, accept) =>
        request(testApp.server)
          .delete(`/v2/sessions/${id}`)
          .set('Authorization', stranger.auth)
          .set('Accept', accept)
          .send({ sessionToken: 'A'.repeat(43) }),
    ],
  ];

  describe.each(probes)('%s', (_name, probe) => {
    it.each(['application/json', 'application/xml'])(
      "answers another user's session exactly like an unknown id (%s)",
      async (accept) => {
        const existing = await probe(owner.session.sessionId, accept);
        const unknown = await probe(UNKNOWN_ID, accept);
        expect(existing.status).toBe(404);
        expect(unknown.status).toBe(404);
        expect(existing.headers['content-type']).toBe(unknown.headers['content-type']);
        expect(existing.text).toBe(unknown.text);
        if (accept === 'application/json') expect(JSON.parse(existing.text)).toEqual(NOT_FOUND);
        expect((await alive(owner.auth)).status).toBe(200);
      },
    );
  });

  it('a caller who may see the session (session.read) still learns it is not theirs to end: 403', async () => {
    const res = await request(testApp.server)
      .delete(`/v2/sessions/${owner.session.sessionId}`)
      .set('Authorization', auditor.auth);
    expect(res.status).toBe(403);
    expect(res.body).toEqual(
      v2Error(7, 'SessionPermissionDenied', 'The caller is not allowed to access this session'),
    );
    expect((await alive(owner.auth)).status).toBe(200);
  });

  it('the owner presenting a wrong token still gets 403 SessionTokenInvalid (it knows the session)', async () => {
    const res = await request(testApp.server)
      .delete(`/v2/sessions/${owner.session.sessionId}`)
      .set('Authorization', owner.auth)
      .send({ sessionToken: stranger.session.sessionToken });
    expect(res.status).toBe(403);
    expect(res.body.details[0].id).toBe('SessionTokenInvalid');
    expect((await alive(owner.auth)).status).toBe(200);
  });
});
