import request from 'supertest';
import {
  adminGet,
  adminSend,
  LoggedIn,
  loggedInUser,
  startAdminApp,
} from '@test/e2e/admin/admin-fixture';
import { loginLegacy } from '@test/support/http';
import { basicAuth, createUserWithPassword, TEST_PASSWORD, TestApp } from '@test/support/test-app';

const U = '/api/admin/v1/users';
const PASSWORD = 'a passphrase for look-alikes';

/**
 * Issue 9 item 11: names that look alike (canonically or compatibly
 * equivalent, or equal under full case folding) are one account. Uniqueness
 * and every lookup by name use the NFKC + case-fold key; the name is shown as
 * it was entered.
 */
describe('look-alike usernames', () => {
  let testApp: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  });
  afterAll(() => testApp.close());

  const create = (UserName: string) =>
    adminSend(testApp, admin, 'post', U, { UserName, Password: PASSWORD });

  it.each([
    ['Émile', 'E\u0301mile'],
    ['straſse', 'STRASSE'],
    ['straſse2', 'Straße2'],
    ['ﬁona', 'FIONA'],
    ['Ｂｏｂｂｙ', 'bobby'],
    ['\u212Aelvin', 'kelvin'],
  ])('%j exists, so %j is refused as the same account (409)', async (first, second) => {
    const created = await create(first);
    expect(created.status).toBe(201);
    expect(created.body.UserName).toBe(first);
    const again = await create(second);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ Message: 'err_UserExists' });
  });

  it('a rename onto a look-alike of another account is refused too', async () => {
    const other = await createUserWithPassword(testApp);
    const res = await adminSend(testApp, admin, 'put', `${U}/${other.guid}`, {
      UserName: 'E\u0301MILE',
    });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ Message: 'err_UserExists' });
  });

  it('logs in by any spelling (Basic, body, v2), and the display name stays as entered', async () => {
    const user = await createUserWithPassword(testApp, { username: 'Zoë' });
    const basic = await loginLegacy(testApp, 'ZOE\u0308');
    expect(basic.userId).toBe(user.id);
    const body = await request(testApp.server)
      .post('/Auth/Login')
      .set('Accept', 'application/json')
      .send({ UserName: 'ｚｏë', Password: TEST_PASSWORD });
    expect(body.status).toBe(200);
    expect(body.body.userID).toBe(user.id);
    const v2 = await request(testApp.server)
      .post('/v2/sessions')
      .send({ checks: { user: { loginName: 'ZOË' }, password: { password: TEST_PASSWORD } } });
    expect(v2.status).toBe(201);
    const shown = await adminGet(testApp, admin, `${U}/${user.guid}`);
    expect(shown.body.UserName).toBe('Zoë');
  });

  it('kill-session by a look-alike name ends the sessions of the one account', async () => {
    const user = await createUserWithPassword(testApp, { username: 'straße-k' });
    await loginLegacy(testApp, user.username);
    const res = await request(testApp.server)
      .post('/api/kill-session')
      .set('Authorization', admin.bearer)
      .set('Accept', 'application/json')
      .send({ Username: 'STRASSE-K' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ Success: true, Data: 1 });
  });

  it('the admin search matches by the normalised name', async () => {
    await createUserWithPassword(testApp, { username: 'groſsmann' });
    const res = await adminGet(testApp, admin, `${U}?search=${encodeURIComponent('GROSS')}`);
    expect(res.status).toBe(200);
    expect(res.body.Items.map((item: { UserName: string }) => item.UserName)).toEqual([
      'groſsmann',
    ]);
  });

  it('a wrong password under a look-alike name counts against the one account', async () => {
    const user = await createUserWithPassword(testApp, { username: 'Ångström' });
    const status = await request(testApp.server)
      .post('/Auth/Login')
      .set('Authorization', basicAuth('A\u030Angstro\u0308m', 'wrong password here'))
      .then((res) => res.status);
    expect(status).toBe(401);
    expect((await testApp.users.findById(user.id))?.failedLoginAttempts).toBe(1);
  });

  it('20 parallel creates of look-alike spellings make exactly one account', async () => {
    const spellings = ['Renée', 'Rene\u0301e', 'RENÉE', 'RENE\u0301E', 'ｒｅｎéｅ'];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => create(spellings[i % spellings.length])),
    );
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const listed = await adminGet(testApp, admin, `${U}?search=ren`);
    expect(listed.body.TotalCount).toBe(1);
  });
});
