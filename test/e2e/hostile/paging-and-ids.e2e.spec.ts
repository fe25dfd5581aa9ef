import {
  ErrorFamily,
  expectRefusedUnchanged,
  RawRequest,
  sendHostile,
} from '@test/support/hostile';
import { TEST_API_KEY } from '@test/support/test-app';
import { createHostileWorld, HostileWorld } from './hostile-routes';

const UNKNOWN_GUID = '83bde819-ec08-4cee-b635-884145630d0b';
const LISTS = [
  '/api/admin/v1/authenticated-sessions/list',
  `/api/admin/v1/authenticated-sessions/user-sessions/${UNKNOWN_GUID}`,
  '/api/admin/v1/users',
  '/api/admin/v1/audit-events',
];
const BAD_PAGING = [
  'page=abc',
  'page=-1',
  'page=0',
  'page=1e2',
  'page=0x10',
  'page=%20%31',
  'page=1&page=2',
  'pageSize=-20',
  'pageSize=0',
  'pageSize=201',
  'pageSize=99999999999999999999',
  'pageSize=NaN',
  'pageSize=Infinity',
];

const V2_BAD_PAGING = [
  '{"query":{"offset":-1}}',
  '{"query":{"offset":"-1"}}',
  '{"query":{"offset":"abc"}}',
  '{"query":{"offset":1.5}}',
  '{"query":{"offset":"1e3"}}',
  '{"query":{"offset":99999999999999999999}}',
  '{"query":{"limit":-5}}',
  '{"query":{"limit":"ten"}}',
  '{"query":{"limit":1001}}',
  '{"query":{"limit":{"$gt":0}}}',
];

interface IdCase {
  name: string;
  family: ErrorFamily;
  status: number;
  code?: string;
  req(world: HostileWorld): RawRequest;
}

const json = (method: string, path: string, body: unknown): RawRequest => ({
  method,
  path,
  headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const MALFORMED_GUIDS = [
  'not-a-guid',
  '83bde819ec084ceeb635884145630d0b0',
  '83bde819-ec08-4cee-b635-884145630d0g',
  "83bde819-ec08-4cee-b635-884145630d0b' OR '1'='1",
  '..%2F..%2Fetc%2Fpasswd',
];

const ID_CASES: IdCase[] = [
  ...MALFORMED_GUIDS.flatMap((guid): IdCase[] => [
    {
      name: `GET admin users/${guid}`,
      family: 'admin',
      status: 400,
      code: 'InvalidGuid',
      req: () => ({ method: 'GET', path: `/api/admin/v1/users/${encodeURIComponent(guid)}` }),
    },
    {
      name: `PUT admin users/${guid}`,
      family: 'admin',
      status: 400,
      code: 'InvalidGuid',
      req: () => json('PUT', `/api/admin/v1/users/${encodeURIComponent(guid)}`, { FirstName: 'x' }),
    },
    ...['block', 'unblock', 'disable'].map((action): IdCase => ({
      name: `POST admin users/${guid}/${action}`,
      family: 'admin',
      status: 400,
      code: 'InvalidGuid',
      req: () => ({
        method: 'POST',
        path: `/api/admin/v1/users/${encodeURIComponent(guid)}/${action}`,
      }),
    })),
    {
      name: `POST admin users/${guid}/reset-password`,
      family: 'admin',
      status: 400,
      code: 'InvalidGuid',
      req: () =>
        json('POST', `/api/admin/v1/users/${encodeURIComponent(guid)}/reset-password`, {
          NewPassword: 'another good password',
        }),
    },
    {
      name: `GET admin user-sessions/${guid}`,
      family: 'admin',
      status: 400,
      code: 'InvalidGuid',
      req: () => ({
        method: 'GET',
        path: `/api/admin/v1/authenticated-sessions/user-sessions/${encodeURIComponent(guid)}`,
      }),
    },
    {
      name: `POST admin revoke-user {UserGuid: ${guid}}`,
      family: 'admin',
      status: 400,
      code: 'InvalidGuid',
      req: () =>
        json('POST', '/api/admin/v1/authenticated-sessions/revoke-user', { UserGuid: guid }),
    },
    {
      name: `POST /api/Auth {id: ${guid}}`,
      family: 'legacy',
      status: 400,
      req: () => ({
        ...json('POST', '/api/Auth?IP=203.0.113.7', { id: guid, deleted: false, state_id: 1 }),
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': TEST_API_KEY },
      }),
    },
  ]),
  {
    name: 'GET admin users/{unknown}',
    family: 'admin',
    status: 404,
    code: 'UserNotFound',
    req: () => ({ method: 'GET', path: `/api/admin/v1/users/${UNKNOWN_GUID}` }),
  },
  {
    name: 'PUT admin users/{unknown}',
    family: 'admin',
    status: 404,
    code: 'UserNotFound',
    req: () => json('PUT', `/api/admin/v1/users/${UNKNOWN_GUID}`, { FirstName: 'x' }),
  },
  ...['block', 'unblock', 'disable'].map((action): IdCase => ({
    name: `POST admin users/{unknown}/${action}`,
    family: 'admin',
    status: 404,
    code: 'UserNotFound',
    req: () => ({ method: 'POST', path: `/api/admin/v1/users/${UNKNOWN_GUID}/${action}` }),
  })),
  {
    name: 'POST admin users/{unknown}/reset-password',
    family: 'admin',
    status: 404,
    code: 'UserNotFound',
    req: () =>
      json('POST', `/api/admin/v1/users/${UNKNOWN_GUID}/reset-password`, {
        NewPassword: 'another good password',
      }),
  },
  {
    name: 'POST admin revoke-user {unknown}',
    family: 'admin',
    status: 404,
    code: 'NoActiveSession',
    req: () =>
      json('POST', '/api/admin/v1/authenticated-sessions/revoke-user', { UserGuid: UNKNOWN_GUID }),
  },
  ...[-1, 0, 99_999_999].map((id): IdCase => ({
    name: `POST admin revoke {Session: ${id}}`,
    family: 'admin',
    status: 404,
    code: 'NoActiveSession',
    req: () => json('POST', '/api/admin/v1/authenticated-sessions/revoke', { Session: id }),
  })),
  ...['2147483648', '1.5', '"1 OR 1=1"', 'null'].map((id): IdCase => ({
    name: `POST admin revoke {Session: ${id}}`,
    family: 'admin',
    status: 400,
    req: () => json('POST', '/api/admin/v1/authenticated-sessions/revoke', `{"Session":${id}}`),
  })),
  ...[
    'abc',
    '-1',
    '0',
    '1.5',
    '1e3',
    '0x10',
    '99999999999999999999',
    UNKNOWN_GUID,
    '1%20OR%201=1',
  ].flatMap((id): IdCase[] => [
    {
      name: `GET /v2/sessions/${id}`,
      family: 'v2',
      status: 404,
      code: 'SessionNotFound',
      req: () => ({ method: 'GET', path: `/v2/sessions/${id}` }),
    },
    {
      name: `DELETE /v2/sessions/${id}`,
      family: 'v2',
      status: 404,
      code: 'SessionNotFound',
      req: () => ({ method: 'DELETE', path: `/v2/sessions/${id}` }),
    },
    {
      name: `PATCH /v2/sessions/${id}`,
      family: 'v2',
      status: 404,
      code: 'SessionNotFound',
      req: (w) => json('PATCH', `/v2/sessions/${id}`, { sessionToken: w.victimV2.sessionToken }),
    },
  ]),
];

describe('hostile paging and identifiers', () => {
  let world: HostileWorld;

  beforeAll(async () => {
    world = await createHostileWorld();
  });
  afterAll(() => world.testApp.close());

  const withBearer = (req: RawRequest): RawRequest => ({
    ...req,
    headers: { Authorization: world.adminBearer, ...req.headers },
  });

  it.each(LISTS.flatMap((path) => BAD_PAGING.map((query) => ({ path, query }))))(
    'GET $path?$query → 400 err_InvalidPaging',
    async ({ path, query }) => {
      const outcome = await sendHostile(
        world.testApp,
        withBearer({ method: 'GET', path: `${path}?${query}` }),
      );
      expectRefusedUnchanged(outcome, 'admin', 400, 'InvalidPaging');
    },
  );

  it.each(LISTS)(
    'GET %s?page[$gt]=0 is an unknown parameter: ignored, never an operator',
    async (path) => {
      const outcome = await sendHostile(
        world.testApp,
        withBearer({ method: 'GET', path: `${path}?page[$gt]=0` }),
      );
      expect(outcome.response.status).toBe(200);
      expect(JSON.parse(outcome.response.text)).toMatchObject({ Page: 1, PageSize: 20 });
      expect(outcome.after).toEqual(outcome.before);
    },
  );

  it.each(V2_BAD_PAGING)('POST /v2/sessions/search %s → 400', async (body) => {
    const outcome = await sendHostile(
      world.testApp,
      withBearer(json('POST', '/v2/sessions/search', body)),
    );
    expectRefusedUnchanged(outcome, 'v2', 400);
  });

  it.each(ID_CASES)('$name → $status', async ({ req, family, status, code }) => {
    const outcome = await sendHostile(world.testApp, withBearer(req(world)));
    expectRefusedUnchanged(outcome, family, status, code);
  });

  it.each([
    '{"queries":[{"userIdQuery":{"id":"not-a-guid"}}]}',
    `{"queries":[{"userIdQuery":{"id":"${UNKNOWN_GUID}' OR '1'='1"}}]}`,
    '{"queries":[{"idsQuery":{"ids":["abc","-1","1 OR 1=1"]}}]}',
  ])('POST /v2/sessions/search %s matches nothing or is refused, never more', async (body) => {
    const outcome = await sendHostile(
      world.testApp,
      withBearer(json('POST', '/v2/sessions/search', body)),
    );
    expect([200, 400]).toContain(outcome.response.status);
    if (outcome.response.status === 200) {
      expect(JSON.parse(outcome.response.text).sessions ?? []).toEqual([]);
    } else {
      expectRefusedUnchanged(outcome, 'v2', 400);
    }
    expect(outcome.after).toEqual(outcome.before);
  });
});
