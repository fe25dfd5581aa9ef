import { uniqueName } from '@test/support/factories';
import { TestApp } from '@test/support/test-app';
import { adminGet, LoggedIn, loggedInUser, login, startAdminApp } from './admin-fixture';

const BASE = '/api/admin/v1/authenticated-sessions';

interface Row {
  UserName?: string;
  SessionCount?: number;
  ID?: number;
}
interface Answer {
  status: number;
  body: { Items: Row[]; Page: number; TotalCount: number };
  next?: string;
}

/** Follows `Link: <?…>; rel="next"` from `first` to the last page. */
async function walk(testApp: TestApp, admin: LoggedIn, first: string): Promise<Answer[]> {
  const pages: Answer[] = [];
  let path: string | undefined = first;
  while (path) {
    const res = await adminGet(testApp, admin, path);
    expect(res.status).toBe(200);
    const link = res.headers['link'] as string | undefined;
    const match = link ? /^<(\?[^>]+)>; rel="next"$/.exec(link) : null;
    if (link) expect(match).not.toBeNull();
    const next = match ? first.split('?')[0] + match[1] : undefined;
    pages.push({ status: res.status, body: res.body, next });
    path = next;
    expect(pages.length).toBeLessThan(50);
  }
  return pages;
}

describe('admin keyset paging (cursor)', () => {
  let testApp: TestApp;
  let admin: LoggedIn;
  const prefix = uniqueName('ks');
  let busiest: LoggedIn;

  beforeAll(async () => {
    testApp = await startAdminApp();
    admin = await loggedInUser(testApp, { roles: ['admin'] });
    // Seven users, session counts with ties (3, 2, 2, 2, 1, 1, 1): ties are where
    // a keyset order must fall back to the id to neither skip nor repeat a row.
    const counts = [1, 2, 2, 3, 1, 2, 1];
    for (const [index, count] of counts.entries()) {
      const first = await loggedInUser(testApp, { username: `${prefix}-${'gfedcba'[index]}` });
      for (let n = 1; n < count; n++) await login(testApp, first.user);
      if (count === 3) busiest = first;
    }
    for (let n = 0; n < 4; n++) await login(testApp, busiest.user);
  });
  afterAll(() => testApp.close());

  it.each(['count', 'name'])(
    'walks list?sort=%s by cursor through the same rows, in the same order, as page numbers',
    async (sort) => {
      const query = `search=${prefix}&sort=${sort}&pageSize=2`;
      const byOffset: Row[] = [];
      for (let page = 1; page <= 4; page++) {
        const res = await adminGet(testApp, admin, `${BASE}/list?${query}&page=${page}`);
        byOffset.push(...(res.body.Items as Row[]));
      }
      const pages = await walk(testApp, admin, `${BASE}/list?${query}`);
      expect(pages.map((page) => page.body.Page)).toEqual([1, 2, 3, 4]);
      expect(pages.every((page) => page.body.TotalCount === 7)).toBe(true);
      expect(pages[3].next).toBeUndefined();
      const byCursor = pages.flatMap((page) => page.body.Items);
      expect(byCursor).toEqual(byOffset);
      expect(new Set(byCursor.map((row) => row.UserName)).size).toBe(7);
      if (sort === 'name') {
        expect(byCursor.map((row) => row.UserName)).toEqual(
          [...'abcdefg'].map((letter) => `${prefix}-${letter}`),
        );
      } else {
        expect(byCursor.map((row) => row.SessionCount)).toEqual([7, 2, 2, 2, 1, 1, 1]);
      }
    },
  );

  it("walks one user's sessions newest first, ending on a page without a Link", async () => {
    const path = `${BASE}/user-sessions/${busiest.user.guid}?pageSize=3`;
    const pages = await walk(testApp, admin, path);
    expect(pages.map((page) => page.body.Items.length)).toEqual([3, 3, 1]);
    const ids = pages.flatMap((page) => page.body.Items.map((row) => row.ID as number));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(7);
    expect(pages.map((page) => page.body.Page)).toEqual([1, 2, 3]);
  });

  it('sends no Link when everything fits on one page', async () => {
    const res = await adminGet(testApp, admin, `${BASE}/list?search=${prefix}&pageSize=200`);
    expect(res.status).toBe(200);
    expect(res.headers['link']).toBeUndefined();
  });

  it('keeps the envelope byte for byte: the cursor travels only in the Link header', async () => {
    const res = await adminGet(testApp, admin, `${BASE}/list?search=${prefix}&pageSize=2`);
    expect(Object.keys(res.body)).toEqual([
      'Items',
      'Page',
      'PageSize',
      'TotalCount',
      'TotalPages',
    ]);
  });

  describe('refuses what it did not issue', () => {
    let nameCursor: string;
    beforeAll(async () => {
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/list?search=${prefix}&sort=name&pageSize=2`,
      );
      nameCursor = /cursor=([A-Za-z0-9_-]+)/.exec(res.headers['link'] as string)![1];
    });

    it('a cursor of the name order used with the count order is 400 err_InvalidCursor', async () => {
      const res = await adminGet(testApp, admin, `${BASE}/list?sort=count&cursor=${nameCursor}`);
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"Message":"err_InvalidCursor"}');
    });

    it('a list cursor used on user-sessions is 400 err_InvalidCursor', async () => {
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/user-sessions/${busiest.user.guid}?cursor=${nameCursor}`,
      );
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"Message":"err_InvalidCursor"}');
    });

    it('page and cursor together are 400 err_InvalidPaging', async () => {
      const res = await adminGet(
        testApp,
        admin,
        `${BASE}/list?sort=name&page=2&cursor=${nameCursor}`,
      );
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"Message":"err_InvalidPaging"}');
    });

    const hostile = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    it.each([
      ['garbage', 'not-a-cursor!'],
      ['percent-encoded NUL', '%00'],
      ['a NUL in the key', hostile(['list:name', 2, 'a\u0000', 1])],
      ['a lone surrogate in the key', hostile(['list:name', 2, '\ud800', 1])],
      ['a huge cursor', 'A'.repeat(8_000)],
      ['a repeated cursor', `${'A'}&cursor=B`],
      ['a huge page number', hostile(['list:name', 2 ** 40, 'a', 1])],
    ])('%s is a 400, never a 500', async (_label, cursor) => {
      const res = await adminGet(testApp, admin, `${BASE}/list?sort=name&cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/^\{"Message":"err_Invalid(Cursor|Paging)"\}$/);
    });
  });

  it('is refused to a caller without session.read, cursor or not', async () => {
    const plain = await loggedInUser(testApp);
    const res = await adminGet(testApp, plain, `${BASE}/list?sort=name&pageSize=2`);
    expect(res.status).toBe(403);
    expect(res.headers['link']).toBeUndefined();
  });
});
