import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, LegacyLogin, loginLegacy } from '@test/support/http';
import { createUserWithPassword, TestApp } from '@test/support/test-app';
import { createV2Session } from '../v2/v2-helpers';
import { adminGet, adminSend, LoggedIn, loggedInUser, startAdminApp } from './admin-fixture';

const U = '/api/admin/v1/users';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

type Route = 'refresh (header)' | 'refresh (body)' | 'PATCH /v2/sessions' | 'GET /Auth/Session';
const ROUTES: Route[] = [
  'refresh (header)',
  'refresh (body)',
  'PATCH /v2/sessions',
  'GET /Auth/Session',
];

/**
 * SPEC 5: a session whose user is not active (blocked or disabled) is refused
 * everywhere, refresh included, and is ended when it is seen.
 */
describe('sessions of a blocked or disabled user', () => {
  let testApp: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  });
  afterAll(() => testApp.close());

  /** A live session of `user` for `route`: legacy tokens, or a v2 session and its sessionToken. */
  const open = async (route: Route, user: UserEntity) => {
    if (route !== 'PATCH /v2/sessions') return loginLegacy(testApp, user.username);
    const v2 = await createV2Session(testApp, user.username);
    return {
      sessionId: Number(v2.sessionId),
      userId: user.id,
      accessToken: v2.accessToken,
      refreshToken: v2.sessionToken,
    };
  };
  const use = (route: Route, session: LegacyLogin) => {
    const server = request(testApp.server);
    switch (route) {
      case 'refresh (header)':
        return server.post('/Auth/Refresh').set('X-Refresh-Token', session.refreshToken);
      case 'refresh (body)':
        return server
          .post('/Auth/Refresh')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ RefreshToken: session.refreshToken }));
      case 'PATCH /v2/sessions':
        return server
          .patch(`/v2/sessions/${session.sessionId}`)
          .send({ sessionToken: session.refreshToken, lifetime: '36000s' });
      case 'GET /Auth/Session':
        return server.get('/Auth/Session').set('Authorization', bearer(session.accessToken));
    }
  };
  /** The status a refused use answers: an ended v2 session is 404 (SessionNotFound), the rest 401. */
  const REFUSED: Record<Route, number> = {
    'refresh (header)': 401,
    'refresh (body)': 401,
    'PATCH /v2/sessions': 404,
    'GET /Auth/Session': 401,
  };
  const sessionRow = async (id: number) =>
    (
      (await testApp.database.dataSource.query(
        `SELECT revoked_at IS NOT NULL AS ended, revoke_reason AS reason, expires_at FROM sessions WHERE id = $1`,
        [id],
      )) as Array<{ ended: boolean; reason: string | null; expires_at: Date }>
    )[0];
  const activeInAdminList = async (user: UserEntity) =>
    (
      await adminGet(
        testApp,
        admin,
        `/api/admin/v1/authenticated-sessions/user-sessions/${user.guid}`,
      )
    ).body.TotalCount as number;

  it.each(ROUTES)('%s works for an active user (control)', async (route) => {
    const user = await createUserWithPassword(testApp);
    const session = await open(route, user);
    expect((await use(route, session)).status).toBe(200);
  });

  describe.each(['block', 'disable'] as const)('after an admin %s', (action) => {
    it.each(ROUTES)('%s is refused and the session stays ended', async (route) => {
      const user = await createUserWithPassword(testApp);
      const session = await open(route, user);
      const before = await sessionRow(session.sessionId);
      expect((await adminSend(testApp, admin, 'post', `${U}/${user.guid}/${action}`)).status).toBe(
        200,
      );
      expect((await use(route, session)).status).toBe(REFUSED[route]);
      const after = await sessionRow(session.sessionId);
      expect(after.ended).toBe(true);
      expect(after.expires_at.getTime()).toBeLessThanOrEqual(before.expires_at.getTime());
      expect(await activeInAdminList(user)).toBe(0);
    });
  });

  describe.each(['disabled_at', 'blocked_at'])(
    'after %s is set directly in the database (no revoke)',
    (column) => {
      it.each(ROUTES)('%s is refused, and the refusal itself ends the session', async (route) => {
        const user = await createUserWithPassword(testApp);
        const session = await open(route, user);
        // Fill the liveness cache first, so the refusal must come from re-reading the user's state.
        expect(
          (
            await request(testApp.server)
              .get('/Auth/Session')
              .set('Authorization', bearer(session.accessToken))
          ).status,
        ).toBe(200);
        const before = await sessionRow(session.sessionId);
        await testApp.database.dataSource.query(
          `UPDATE users SET ${column} = now() WHERE id = $1`,
          [user.id],
        );
        expect(await activeInAdminList(user)).toBe(1);
        await sleep(testApp.config.session.stateCacheTtlMs + 100);
        expect((await use(route, session)).status).toBe(REFUSED[route]);
        const after = await sessionRow(session.sessionId);
        expect(after).toMatchObject({ ended: true, reason: 'user_inactive' });
        expect(after.expires_at.getTime()).toBe(before.expires_at.getTime());
        expect(await activeInAdminList(user)).toBe(0);
        // Ended for good: a second try is refused the same way, and the access token is dead too.
        expect((await use(route, session)).status).toBe(REFUSED[route]);
        expect(
          (
            await request(testApp.server)
              .get('/Auth/Session')
              .set('Authorization', bearer(session.accessToken))
          ).status,
        ).toBe(401);
        const ended = (await testApp.database.dataSource.query(
          `SELECT details FROM audit_events WHERE action = 'session.ended' AND session_id = $1`,
          [session.sessionId],
        )) as Array<{ details: { reason: string } }>;
        expect(ended.map((row) => row.details.reason)).toEqual(['user_inactive']);
      });
    },
  );
});
