import { TestApp } from '@test/support/test-app';
import { adminGet, LoggedIn, loggedInUser, startAdminApp } from './admin-fixture';

const LISTS = [
  '/api/admin/v1/authenticated-sessions/list',
  '/api/admin/v1/authenticated-sessions/user-sessions/83bde819-ec08-4cee-b635-884145630d0b',
  '/api/admin/v1/users',
  '/api/admin/v1/audit-events',
];
const BAD = [
  'page=abc',
  'page=0',
  'page=-1',
  'page=1.5',
  'page=',
  'pageSize=0',
  'pageSize=-20',
  'pageSize=201',
  'pageSize=1e2',
  'page=1&page=2',
  'page=99999999999',
];

describe('admin paging validation', () => {
  let testApp: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  });
  afterAll(() => testApp.close());

  const cases = LISTS.flatMap((path) => BAD.map((query) => [path, query] as const));

  it.each(cases)('%s?%s is 400 err_InvalidPaging', async (path, query) => {
    const res = await adminGet(testApp, admin, `${path}?${query}`);
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"Message":"err_InvalidPaging"}');
  });

  it.each(LISTS)(
    '%s takes the defaults (page 1, 20 rows) and the maximum pageSize 200',
    async (path) => {
      const defaults = await adminGet(testApp, admin, path);
      expect(defaults.status).toBe(200);
      expect(defaults.body).toMatchObject({ Page: 1, PageSize: 20 });
      const max = await adminGet(testApp, admin, `${path}?page=2&pageSize=200`);
      expect(max.status).toBe(200);
      expect(max.body).toMatchObject({ Page: 2, PageSize: 200, Items: [] });
    },
  );
});
