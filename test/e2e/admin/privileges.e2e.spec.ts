import request from 'supertest';
import { bearer, loginLegacy } from '@test/support/http';
import { uniqueName } from '@test/support/factories';
import { basicAuth, createUserWithPassword, TEST_PASSWORD, TestApp } from '@test/support/test-app';
import { adminGet, adminSend, LoggedIn, loggedInUser, startAdminApp } from './admin-fixture';

const U = '/api/admin/v1/users';
const S = '/api/admin/v1/authenticated-sessions';
const NEW_PASSWORD = 'a takeover passphrase';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Privileges only flow downward (SPEC 5): a caller grants only roles whose
 * permissions it holds, acts only on accounts whose permissions are a subset
 * of its own, never changes its own roles. Each refusal is a 403 in the admin
 * format and an `access.denied` audit event.
 */
describe('admin privilege escalation', () => {
  let testApp: TestApp;
  let admin: LoggedIn;
  let userManager: LoggedIn;
  let sessionManager: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
    userManager = await loggedInUser(testApp, { roles: ['user-manager'] });
    sessionManager = await loggedInUser(testApp, { roles: ['session-manager'] });
  });
  afterAll(() => testApp.close());

  const loginStatus = (username: string, password = TEST_PASSWORD) =>
    request(testApp.server)
      .post('/Auth/Login')
      .set('Authorization', basicAuth(username, password))
      .then((res) => res.status);
  const rolesOf = async (guid: string) =>
    ((await adminGet(testApp, admin, `${U}/${guid}`)).body as { Roles: string[] }).Roles;
  const stateOf = async (guid: string) =>
    (await adminGet(testApp, admin, `${U}/${guid}`)).body as {
      Blocked: boolean;
      Disabled: boolean;
      FirstName: string;
      ActiveSessionCount: number;
    };
  /** The newest `access.denied` events about `subjectGuid` (or acted by `actorGuid`). */
  const deniedEvents = async (userGuid: string) =>
    (
      await adminGet(
        testApp,
        admin,
        `/api/admin/v1/audit-events?action=access.denied&userGuid=${userGuid}`,
      )
    ).body.Items as Array<{
      ActorUserGuid: string | null;
      SubjectUserGuid: string | null;
      Details: Array<{ Name: string; Value: string }>;
    }>;
  const detailsOf = (event: { Details: Array<{ Name: string; Value: string }> }) =>
    Object.fromEntries(event.Details.map((pair) => [pair.Name, pair.Value]));
  const expectRefused = (res: request.Response, code: string) =>
    expect([res.status, res.text]).toEqual([403, JSON.stringify({ Message: `err_${code}` })]);

  describe('a user-manager (user.write only)', () => {
    it('cannot give itself roles: 403, roles unchanged, and its token gains nothing', async () => {
      const res = await adminSend(testApp, userManager, 'put', `${U}/${userManager.user.guid}`, {
        Roles: ['admin', 'user-manager'],
      });
      expectRefused(res, 'CannotChangeOwnRoles');
      expect(await rolesOf(userManager.user.guid)).toEqual(['user-manager']);
      await sleep(testApp.config.session.stateCacheTtlMs + 200);
      expect((await adminGet(testApp, userManager, `${S}/list`)).status).toBe(403);
    });

    it('may still edit its own names, and resend its own unchanged role set', async () => {
      const res = await adminSend(testApp, userManager, 'put', `${U}/${userManager.user.guid}`, {
        FirstName: 'Self',
        Roles: ['user-manager'],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ FirstName: 'Self', Roles: ['user-manager'] });
    });

    it.each([[['admin']], [['session-auditor']], [['session-manager', 'user-manager']]])(
      'cannot create a user with roles %j it lacks (nothing is created)',
      async (roles) => {
        const username = uniqueName('esc');
        const res = await adminSend(testApp, userManager, 'post', U, {
          UserName: username,
          Password: NEW_PASSWORD,
          Roles: roles,
        });
        expectRefused(res, 'RoleNotHeld');
        expect(await testApp.users.findByUsername(username)).toBeNull();
        expect(await loginStatus(username, NEW_PASSWORD)).toBe(401);
      },
    );

    it('creates users with no role or with its own role', async () => {
      for (const roles of [[], ['user-manager']]) {
        const res = await adminSend(testApp, userManager, 'post', U, {
          UserName: uniqueName('ok'),
          Password: NEW_PASSWORD,
          Roles: roles,
        });
        expect([res.status, res.body.Roles]).toEqual([201, roles]);
      }
    });

    it('cannot grant a role it lacks to a plain user', async () => {
      const plain = await createUserWithPassword(testApp);
      for (const roles of [['admin'], ['session-manager'], ['user-manager', 'session-auditor']]) {
        const res = await adminSend(testApp, userManager, 'put', `${U}/${plain.guid}`, {
          Roles: roles,
        });
        expectRefused(res, 'RoleNotHeld');
      }
      expect(await rolesOf(plain.guid)).toEqual([]);
      const granted = await adminSend(testApp, userManager, 'put', `${U}/${plain.guid}`, {
        Roles: ['user-manager'],
      });
      expect([granted.status, granted.body.Roles]).toEqual([200, ['user-manager']]);
    });

    it('cannot reset an administrator’s password and log in as them', async () => {
      const victim = await createUserWithPassword(testApp, { roles: ['admin'] });
      const res = await adminSend(
        testApp,
        userManager,
        'post',
        `${U}/${victim.guid}/reset-password`,
        {
          NewPassword: NEW_PASSWORD,
        },
      );
      expectRefused(res, 'TargetOutranksCaller');
      expect(await loginStatus(victim.username, NEW_PASSWORD)).toBe(401);
      expect(await loginStatus(victim.username)).toBe(200);
    });

    it.each(['block', 'disable', 'unblock'])(
      'cannot %s an administrator (whose session keeps working)',
      async (action) => {
        const victim = await loggedInUser(testApp, { roles: ['admin'] });
        const res = await adminSend(
          testApp,
          userManager,
          'post',
          `${U}/${victim.user.guid}/${action}`,
        );
        expectRefused(res, 'TargetOutranksCaller');
        expect(await stateOf(victim.user.guid)).toMatchObject({ Blocked: false, Disabled: false });
        expect((await adminGet(testApp, victim, `${S}/list`)).status).toBe(200);
      },
    );

    it('cannot update or demote an account holding a permission it lacks (session-auditor, admin)', async () => {
      for (const roles of [['session-auditor'], ['admin'], ['user-manager', 'session-manager']]) {
        const target = await createUserWithPassword(testApp, { roles });
        const names = await adminSend(testApp, userManager, 'put', `${U}/${target.guid}`, {
          FirstName: 'Mallory',
        });
        expectRefused(names, 'TargetOutranksCaller');
        const demote = await adminSend(testApp, userManager, 'put', `${U}/${target.guid}`, {
          Roles: [],
        });
        expectRefused(demote, 'TargetOutranksCaller');
        expect(await rolesOf(target.guid)).toEqual([...roles].sort());
        expect((await stateOf(target.guid)).FirstName).toBe('Ana');
      }
    });

    it('manages accounts whose permissions are a subset of its own (none, or user.write)', async () => {
      for (const roles of [[], ['user-manager']]) {
        const target = await loggedInUser(testApp, { roles });
        const guid = target.user.guid;
        expect(
          (await adminSend(testApp, userManager, 'put', `${U}/${guid}`, { FirstName: 'B' })).status,
        ).toBe(200);
        expect(
          (
            await adminSend(testApp, userManager, 'post', `${U}/${guid}/reset-password`, {
              NewPassword: NEW_PASSWORD,
            })
          ).status,
        ).toBe(200);
        expect((await adminSend(testApp, userManager, 'post', `${U}/${guid}/block`)).status).toBe(
          200,
        );
        expect((await adminSend(testApp, userManager, 'post', `${U}/${guid}/unblock`)).status).toBe(
          200,
        );
        expect((await adminSend(testApp, userManager, 'post', `${U}/${guid}/disable`)).status).toBe(
          200,
        );
      }
    });

    it('writes one access.denied audit event per refusal: actor, attempted action, target, reason', async () => {
      const victim = await createUserWithPassword(testApp, { roles: ['admin'] });
      const refusals = [
        ['post', `${U}/${victim.guid}/block`, undefined, 'user.blocked'],
        [
          'post',
          `${U}/${victim.guid}/reset-password`,
          { NewPassword: NEW_PASSWORD },
          'user.password_reset',
        ],
        ['put', `${U}/${victim.guid}`, { FirstName: 'X' }, 'user.updated'],
      ] as const;
      for (const [method, path, body] of refusals) {
        expect((await adminSend(testApp, userManager, method, path, body)).status).toBe(403);
      }
      const events = await deniedEvents(victim.guid);
      expect(events).toHaveLength(refusals.length);
      expect(
        events.map((event) => [event.ActorUserGuid, event.SubjectUserGuid, detailsOf(event)]),
      ).toEqual(
        [...refusals]
          .reverse()
          .map(([, , , attempted]) => [
            userManager.user.guid,
            victim.guid,
            { attempted, reason: 'TargetOutranksCaller' },
          ]),
      );
    });

    it('audits a refused grant and a refused own-role change', async () => {
      const username = uniqueName('audit');
      await adminSend(testApp, userManager, 'post', U, {
        UserName: username,
        Password: NEW_PASSWORD,
        Roles: ['admin'],
      });
      await adminSend(testApp, userManager, 'put', `${U}/${userManager.user.guid}`, {
        Roles: ['admin'],
      });
      const details = (await deniedEvents(userManager.user.guid)).map(detailsOf);
      expect(details).toEqual(
        expect.arrayContaining([
          { attempted: 'user.created', reason: 'RoleNotHeld', username, roles: 'admin' },
          { attempted: 'user.updated', reason: 'CannotChangeOwnRoles', roles: 'admin' },
        ]),
      );
    });

    it('audits a refusal by route permission (session routes without session.delete)', async () => {
      const res = await adminSend(testApp, userManager, 'post', `${S}/revoke-user`, {
        UserGuid: admin.user.guid,
      });
      expectRefused(res, 'PermissionDenied');
      const [event] = await deniedEvents(userManager.user.guid);
      expect(event.ActorUserGuid).toBe(userManager.user.guid);
      expect(detailsOf(event)).toEqual({
        attempted: 'POST /api/admin/v1/authenticated-sessions/revoke-user',
        reason: 'PermissionDenied',
      });
    });
  });

  describe('a session-manager (session.read + session.delete)', () => {
    it('cannot end an administrator’s sessions (revoke-user, revoke, kill-session)', async () => {
      const victim = await loggedInUser(testApp, { roles: ['admin'] });
      expectRefused(
        await adminSend(testApp, sessionManager, 'post', `${S}/revoke-user`, {
          UserGuid: victim.user.guid,
        }),
        'TargetOutranksCaller',
      );
      expectRefused(
        await adminSend(testApp, sessionManager, 'post', `${S}/revoke`, {
          Session: victim.sessionId,
        }),
        'TargetOutranksCaller',
      );
      const kill = await request(testApp.server)
        .post('/api/kill-session')
        .set('Authorization', sessionManager.bearer)
        .set('Accept', 'application/json')
        .send({ Id: victim.user.id });
      expect(kill.status).toBe(403);
      expect(kill.body).toEqual({ Message: expect.any(String) });
      expect((await adminGet(testApp, victim, `${S}/list`)).status).toBe(200);
      const attempted = (await deniedEvents(victim.user.guid)).map(
        (event) => detailsOf(event).attempted,
      );
      expect(attempted.sort()).toEqual(['session.ended', 'session.ended', 'session.ended']);
    });

    it('cannot end the sessions of a user-manager (user.write it lacks)', async () => {
      const victim = await loggedInUser(testApp, { roles: ['user-manager'] });
      expectRefused(
        await adminSend(testApp, sessionManager, 'post', `${S}/revoke-user`, {
          UserGuid: victim.user.guid,
        }),
        'TargetOutranksCaller',
      );
    });

    it('ends the sessions of a role-less user, a session-auditor and a peer (all three routes)', async () => {
      for (const roles of [[], ['session-auditor'], ['session-manager']]) {
        const target = await createUserWithPassword(testApp, { roles });
        const [one, two, three] = [
          await loginLegacy(testApp, target.username),
          await loginLegacy(testApp, target.username),
          await loginLegacy(testApp, target.username),
        ];
        expect(
          (
            await adminSend(testApp, sessionManager, 'post', `${S}/revoke`, {
              Session: one.sessionId,
            })
          ).status,
        ).toBe(200);
        const kill = await request(testApp.server)
          .post('/api/kill-session')
          .set('Authorization', sessionManager.bearer)
          .send({ Id: target.id });
        expect([kill.status, kill.body.Data]).toEqual([200, 2]);
        await request(testApp.server)
          .get('/Auth/Session')
          .set('Authorization', bearer(two.accessToken))
          .expect(401);
        await request(testApp.server)
          .get('/Auth/Session')
          .set('Authorization', bearer(three.accessToken))
          .expect(401);
        await loginLegacy(testApp, target.username);
        const res = await adminSend(testApp, sessionManager, 'post', `${S}/revoke-user`, {
          UserGuid: target.guid,
        });
        expect(res.body).toEqual({ Success: true, SessionsEnded: 1 });
      }
    });
  });

  describe('an administrator', () => {
    it('can do everything to another administrator, and grant any role', async () => {
      const other = await loggedInUser(testApp, { roles: ['admin'] });
      const guid = other.user.guid;
      const created = await adminSend(testApp, admin, 'post', U, {
        UserName: uniqueName('adm'),
        Password: NEW_PASSWORD,
        Roles: ['admin', 'session-manager', 'session-auditor', 'user-manager'],
      });
      expect(created.status).toBe(201);
      expect(
        (
          await adminSend(testApp, admin, 'put', `${U}/${guid}`, {
            Roles: ['admin', 'session-auditor'],
          })
        ).status,
      ).toBe(200);
      expect(
        (await adminSend(testApp, admin, 'post', `${S}/revoke`, { Session: other.sessionId }))
          .status,
      ).toBe(200);
      await loginLegacy(testApp, other.user.username);
      expect(
        (await adminSend(testApp, admin, 'post', `${S}/revoke-user`, { UserGuid: guid })).status,
      ).toBe(200);
      expect(
        (
          await adminSend(testApp, admin, 'post', `${U}/${guid}/reset-password`, {
            NewPassword: NEW_PASSWORD,
          })
        ).status,
      ).toBe(200);
      expect((await adminSend(testApp, admin, 'post', `${U}/${guid}/block`)).status).toBe(200);
      expect((await adminSend(testApp, admin, 'post', `${U}/${guid}/unblock`)).status).toBe(200);
      expect((await adminSend(testApp, admin, 'post', `${U}/${guid}/disable`)).status).toBe(200);
    });

    it('cannot change its own roles either', async () => {
      const self = await loggedInUser(testApp, { roles: ['admin'] });
      const res = await adminSend(testApp, self, 'put', `${U}/${self.user.guid}`, {
        Roles: ['user-manager'],
      });
      expectRefused(res, 'CannotChangeOwnRoles');
      expect(await rolesOf(self.user.guid)).toEqual(['admin']);
    });
  });

  describe('a demoted or blocked user’s token', () => {
    it('loses a removed permission at once on this instance', async () => {
      const target = await loggedInUser(testApp, { roles: ['session-manager'] });
      expect((await adminGet(testApp, target, `${S}/list`)).status).toBe(200);
      expect(
        (await adminSend(testApp, admin, 'put', `${U}/${target.user.guid}`, { Roles: [] })).status,
      ).toBe(200);
      expect((await adminGet(testApp, target, `${S}/list`)).status).toBe(403);
    });

    it('stops working at once when the user is blocked', async () => {
      const target = await loggedInUser(testApp, { roles: ['user-manager'] });
      expect((await adminGet(testApp, target, U)).status).toBe(200);
      expect(
        (await adminSend(testApp, admin, 'post', `${U}/${target.user.guid}/block`)).status,
      ).toBe(200);
      const res = await adminGet(testApp, target, U);
      expect([res.status, res.text]).toEqual([401, '{"Message":"err_Unauthenticated"}']);
    });
  });
});
