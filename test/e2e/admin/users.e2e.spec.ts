import request from 'supertest';
import { basicAuth, createUserWithPassword, TEST_PASSWORD, TestApp } from '@test/support/test-app';
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

const U = '/api/admin/v1/users';
const NEW_PASSWORD = 'a brand new passphrase';

describe('admin users', () => {
  let testApp: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  });
  afterAll(() => testApp.close());

  const loginStatus = (username: string, password = TEST_PASSWORD) =>
    request(testApp.server)
      .post('/Auth/Login')
      .set('Authorization', basicAuth(username, password))
      .then((res) => res.status);
  const sessionStatus = (caller: LoggedIn) =>
    request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', caller.bearer)
      .then((res) => res.status);

  describe('create, get, list, update', () => {
    it('creates a user (201) who can log in, and never answers a password or hash', async () => {
      const username = uniqueName('new');
      const res = await adminSend(testApp, admin, 'post', U, {
        UserName: username,
        Password: NEW_PASSWORD,
        Email: ' new@example.test ',
        FirstName: 'Nuevo',
        LastName: null,
        IsOperator: true,
        Roles: ['session-auditor', 'session-auditor'],
      });
      expect(res.status).toBe(201);
      const stored = (await testApp.users.findByUsername(username))!;
      expect(res.text).toBe(
        JSON.stringify({
          ID: stored.id,
          UserGuid: stored.guid,
          UserName: username,
          Email: 'new@example.test',
          FirstName: 'Nuevo',
          LastName: null,
          IsOperator: true,
          Roles: ['session-auditor'],
          Blocked: false,
          BlockedDate: null,
          Disabled: false,
          DisabledDate: null,
          LockedUntil: null,
          FailedLoginAttempts: 0,
          LastSuccessLogin: null,
          PasswordChangedDate: utcSeconds(stored.passwordChangedAt!),
          ActiveSessionCount: 0,
          CreationDate: utcSeconds(stored.createdAt),
          LastUpdated: utcSeconds(stored.updatedAt),
        }),
      );
      expect(res.text).not.toMatch(/password"|hash|salt|argon/i);
      expect(await loginStatus(username, NEW_PASSWORD)).toBe(200);
    });

    it.each([
      ['a short password', { UserName: 'shorty', Password: 'short' }, 400, 'err_InvalidPassword'],
      [
        'a username with spaces',
        { UserName: 'has space', Password: NEW_PASSWORD },
        400,
        'err_InvalidUsername',
      ],
      [
        'an unknown role',
        { UserName: 'roled', Password: NEW_PASSWORD, Roles: ['wizard'] },
        400,
        'err_UnknownRole',
      ],
      [
        'a bad e-mail',
        { UserName: 'mailer', Password: NEW_PASSWORD, Email: 'nope' },
        400,
        'err_InvalidEmail',
      ],
      ['no password', { UserName: 'nopass' }, 400, 'err_InvalidRequest'],
    ])('rejects %s', async (_label, body, status, message) => {
      const res = await adminSend(testApp, admin, 'post', U, body);
      expect(res.status).toBe(status);
      expect(res.text).toBe(JSON.stringify({ Message: message }));
    });

    it('answers 409 err_UserExists for a taken username (any case)', async () => {
      const res = await adminSend(testApp, admin, 'post', U, {
        UserName: admin.user.username.toUpperCase(),
        Password: NEW_PASSWORD,
      });
      expect(res.status).toBe(409);
      expect(res.text).toBe('{"Message":"err_UserExists"}');
    });

    it('gets one user in XML', async () => {
      const user = await createUserWithPassword(testApp, {
        username: uniqueName('getx'),
        roles: ['user-manager', 'admin'],
      });
      const res = await adminGet(testApp, admin, `${U}/${user.guid}`, 'application/xml');
      expect(res.status).toBe(200);
      expect(res.text).toBe(
        `<AdminUser ${XML_ROOT_ATTRS}><ActiveSessionCount>0</ActiveSessionCount><Blocked>false</Blocked>` +
          `<BlockedDate i:nil="true" /><CreationDate>${utcSeconds(user.createdAt)}</CreationDate><Disabled>false</Disabled>` +
          `<DisabledDate i:nil="true" /><Email>ana@example.test</Email><FailedLoginAttempts>0</FailedLoginAttempts>` +
          `<FirstName>Ana</FirstName><ID>${user.id}</ID><IsOperator>false</IsOperator><LastName>López</LastName>` +
          `<LastSuccessLogin i:nil="true" /><LastUpdated>${utcSeconds(user.updatedAt)}</LastUpdated><LockedUntil i:nil="true" />` +
          `<PasswordChangedDate>${utcSeconds(user.passwordChangedAt!)}</PasswordChangedDate>` +
          `<Roles xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:string>admin</d2p1:string>` +
          `<d2p1:string>user-manager</d2p1:string></Roles><UserGuid>${user.guid}</UserGuid><UserName>${user.username}</UserName></AdminUser>`,
      );
    });

    it('answers 404 err_UserNotFound and 400 err_InvalidGuid', async () => {
      const missing = await adminGet(testApp, admin, `${U}/00000000-0000-4000-8000-000000000000`);
      expect([missing.status, missing.text]).toEqual([404, '{"Message":"err_UserNotFound"}']);
      const malformed = await adminGet(testApp, admin, `${U}/12`);
      expect([malformed.status, malformed.text]).toEqual([400, '{"Message":"err_InvalidGuid"}']);
    });

    it('lists with a username search and paging', async () => {
      const prefix = uniqueName('lst');
      const first = await createUserWithPassword(testApp, { username: `${prefix}-1` });
      const second = await createUserWithPassword(testApp, { username: `${prefix}-2` });
      const res = await adminGet(
        testApp,
        admin,
        `${U}?search=${prefix.toUpperCase()}&pageSize=1&page=2`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ Page: 2, PageSize: 1, TotalCount: 2, TotalPages: 2 });
      expect(res.body.Items.map((item: { UserGuid: string }) => item.UserGuid)).toEqual([
        second.guid,
      ]);
      const all = await adminGet(testApp, admin, `${U}?search=${prefix}`);
      expect(all.body.Items.map((item: { UserName: string }) => item.UserName)).toEqual([
        first.username,
        second.username,
      ]);
    });

    it('updates only the members given, replacing the role set', async () => {
      const user = await createUserWithPassword(testApp, {
        username: uniqueName('upd'),
        roles: ['session-auditor'],
      });
      const renamed = uniqueName('renamed');
      const res = await adminSend(testApp, admin, 'put', `${U}/${user.guid}`, {
        UserName: renamed,
        FirstName: 'Beatriz',
        Email: '',
        IsOperator: true,
        Roles: ['user-manager', 'session-manager'],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        UserGuid: user.guid,
        UserName: renamed,
        FirstName: 'Beatriz',
        LastName: 'López',
        Email: null,
        IsOperator: true,
        Roles: ['session-manager', 'user-manager'],
      });
      const untouched = await adminSend(testApp, admin, 'put', `${U}/${user.guid}`, {
        LastName: 'Ruiz',
      });
      expect(untouched.body).toMatchObject({
        UserName: renamed,
        FirstName: 'Beatriz',
        LastName: 'Ruiz',
        IsOperator: true,
      });
      expect(untouched.body.Roles).toEqual(['session-manager', 'user-manager']);
    });

    it('refuses a rename to a taken username (409) and unknown roles (400), changing nothing', async () => {
      const user = await createUserWithPassword(testApp, { username: uniqueName('keep') });
      const taken = await adminSend(testApp, admin, 'put', `${U}/${user.guid}`, {
        UserName: admin.user.username,
        FirstName: 'Z',
      });
      expect([taken.status, taken.text]).toEqual([409, '{"Message":"err_UserExists"}']);
      const roles = await adminSend(testApp, admin, 'put', `${U}/${user.guid}`, {
        Roles: ['admin', 'wizard'],
        FirstName: 'Z',
      });
      expect([roles.status, roles.text]).toEqual([400, '{"Message":"err_UnknownRole"}']);
      const after = await adminGet(testApp, admin, `${U}/${user.guid}`);
      expect(after.body).toMatchObject({ UserName: user.username, FirstName: 'Ana', Roles: [] });
    });
  });

  describe('block, unblock, disable, reset-password', () => {
    it('block ends every session, refuses logins, and a second block is 409', async () => {
      const target = await loggedInUser(testApp, { username: uniqueName('blk') });
      const second = await login(testApp, target.user);
      const res = await adminSend(testApp, admin, 'post', `${U}/${target.user.guid}/block`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        Success: true,
        SessionsEnded: 2,
        User: { UserGuid: target.user.guid, Blocked: true, ActiveSessionCount: 0 },
      });
      expect(res.body.User.BlockedDate).toMatch(/Z$/);
      expect(await sessionStatus(target)).toBe(401);
      expect(await sessionStatus(second)).toBe(401);
      expect(await loginStatus(target.user.username)).toBe(401);
      const again = await adminSend(testApp, admin, 'post', `${U}/${target.user.guid}/block`);
      expect([again.status, again.text]).toEqual([409, '{"Message":"err_AlreadyBlocked"}']);
    });

    it('unblock lets the user log in again; unblocking twice is 409', async () => {
      const user = await createUserWithPassword(testApp, { username: uniqueName('unb') });
      await adminSend(testApp, admin, 'post', `${U}/${user.guid}/block`);
      const res = await adminSend(
        testApp,
        admin,
        'post',
        `${U}/${user.guid}/unblock`,
        undefined,
        'application/xml',
      );
      expect(res.status).toBe(200);
      expect(res.text).toMatch(
        new RegExp(
          `^<UserActionResponse ${XML_ROOT_ATTRS.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}><SessionsEnded>0</SessionsEnded><Success>true</Success><User>`,
        ),
      );
      expect(res.text).toContain('<Blocked>false</Blocked><BlockedDate i:nil="true" />');
      expect(await loginStatus(user.username)).toBe(200);
      const again = await adminSend(testApp, admin, 'post', `${U}/${user.guid}/unblock`);
      expect([again.status, again.text]).toEqual([409, '{"Message":"err_NotBlocked"}']);
    });

    it('disable ends sessions and refuses logins', async () => {
      const target = await loggedInUser(testApp, { username: uniqueName('dis') });
      const res = await adminSend(testApp, admin, 'post', `${U}/${target.user.guid}/disable`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ Success: true, SessionsEnded: 1, User: { Disabled: true } });
      expect(await sessionStatus(target)).toBe(401);
      expect(await loginStatus(target.user.username)).toBe(401);
      const again = await adminSend(testApp, admin, 'post', `${U}/${target.user.guid}/disable`);
      expect([again.status, again.text]).toEqual([409, '{"Message":"err_AlreadyDisabled"}']);
    });

    it('reset-password ends sessions; only the new password logs in', async () => {
      const target = await loggedInUser(testApp, { username: uniqueName('rst') });
      const res = await adminSend(
        testApp,
        admin,
        'post',
        `${U}/${target.user.guid}/reset-password`,
        { NewPassword: NEW_PASSWORD },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ Success: true, SessionsEnded: 1 });
      expect(res.text).not.toContain(NEW_PASSWORD);
      expect(await sessionStatus(target)).toBe(401);
      expect(await loginStatus(target.user.username)).toBe(401);
      expect(await loginStatus(target.user.username, NEW_PASSWORD)).toBe(200);
    });

    it('reset-password enforces the 8..1024 policy and changes nothing on failure', async () => {
      const target = await loggedInUser(testApp, { username: uniqueName('pol') });
      for (const password of ['seven77', 'x'.repeat(1025)]) {
        const res = await adminSend(
          testApp,
          admin,
          'post',
          `${U}/${target.user.guid}/reset-password`,
          { NewPassword: password },
        );
        expect([res.status, res.text]).toEqual([400, '{"Message":"err_InvalidPassword"}']);
      }
      expect(await sessionStatus(target)).toBe(200);
      expect(await loginStatus(target.user.username)).toBe(200);
    });

    it.each(['block', 'unblock', 'disable'])(
      '%s of an unknown user is 404 err_UserNotFound',
      async (action) => {
        const res = await adminSend(
          testApp,
          admin,
          'post',
          `${U}/00000000-0000-4000-8000-00000000000f/${action}`,
        );
        expect([res.status, res.text]).toEqual([404, '{"Message":"err_UserNotFound"}']);
      },
    );
  });
});
