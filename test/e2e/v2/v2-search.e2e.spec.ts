import request from 'supertest';
import { createTestApp, TestApp } from '@test/support/test-app';
import {
  createV2Session,
  CreatedSession,
  MILLIS_DATE,
  V2_NS,
  v2Error,
  V2User,
  v2User,
  XSI,
} from './v2-helpers';

const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

describe('POST /v2/sessions/search', () => {
  let testApp: TestApp;
  let alice: V2User;
  let bob: V2User;
  let auditor: V2User;
  /** Alice's sessions, oldest first. */
  let aliceSessions: CreatedSession[];
  let bobSessions: CreatedSession[];

  beforeAll(async () => {
    testApp = await createTestApp();
    alice = await v2User(testApp);
    bob = await v2User(testApp);
    auditor = await v2User(testApp, ['session-auditor']);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    await pause();
    const second = await createV2Session(testApp, alice.user.username);
    await pause();
    const third = await createV2Session(testApp, alice.user.username);
    aliceSessions = [alice.session, second, third];
    const ended = await createV2Session(testApp, alice.user.username);
    const end = await request(testApp.server)
      .delete(`/v2/sessions/${ended.sessionId}`)
      .set('Authorization', alice.auth);
    expect(end.status).toBe(200);
    bobSessions = [bob.session, await createV2Session(testApp, bob.user.username)];
  });
  afterAll(() => testApp.close());

  const search = (auth: string, body?: object) => {
    const call = request(testApp.server).post('/v2/sessions/search').set('Authorization', auth);
    return body === undefined ? call : call.send(body);
  };
  const ids = (res: request.Response) =>
    (res.body.sessions as Array<{ id: string }>).map((s) => s.id);
  const idsOf = (sessions: CreatedSession[]) => sessions.map((s) => s.sessionId);

  it('shows a caller without session.read only their own active sessions, newest first', async () => {
    const res = await search(alice.auth, {});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.body)).toEqual(['details', 'sessions']);
    expect(res.body.details).toEqual({
      totalResult: '3',
      timestamp: expect.stringMatching(MILLIS_DATE),
    });
    expect(ids(res)).toEqual(idsOf(aliceSessions).reverse());
    expect(res.body.sessions[0].factors.user.loginName).toBe(alice.user.username);
    // Even when asking for Bob's sessions by id.
    const bobs = await search(alice.auth, { queries: [{ idsQuery: { ids: idsOf(bobSessions) } }] });
    expect(bobs.body.details.totalResult).toBe('0');
    expect(bobs.body.sessions).toEqual([]);
  });

  it('answers without a body too', async () => {
    const res = await search(bob.auth);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(idsOf(bobSessions).reverse());
  });

  it('pages with offset and limit, oldest first with asc; totalResult counts every match', async () => {
    const first = await search(alice.auth, { query: { offset: 0, limit: 2, asc: true } });
    expect(first.body.details.totalResult).toBe('3');
    expect(ids(first)).toEqual(idsOf(aliceSessions.slice(0, 2)));
    const second = await search(alice.auth, { query: { offset: '2', limit: 2, asc: true } });
    expect(ids(second)).toEqual(idsOf(aliceSessions.slice(2)));
    const beyond = await search(alice.auth, { query: { offset: 10, limit: 2 } });
    expect(beyond.body).toEqual({
      details: { totalResult: '3', timestamp: expect.any(String) },
      sessions: [],
    });
  });

  it('filters by ids (unknown and malformed ids match nothing)', async () => {
    const wanted = [
      aliceSessions[1].sessionId,
      bobSessions[0].sessionId,
      '999999',
      'abc',
      '99999999999',
    ];
    const res = await search(auditor.auth, {
      query: { asc: true },
      queries: [{ idsQuery: { ids: wanted } }],
    });
    expect(res.body.details.totalResult).toBe('2');
    // Bob's first session was created before Alice's second one.
    expect(ids(res)).toEqual([bobSessions[0].sessionId, aliceSessions[1].sessionId]);
  });

  it('filters by user, by GUID or integer id', async () => {
    const byGuid = await search(auditor.auth, {
      queries: [{ userIdQuery: { id: bob.user.guid } }],
    });
    expect(ids(byGuid)).toEqual(idsOf(bobSessions).reverse());
    const byId = await search(auditor.auth, {
      queries: [{ userIdQuery: { id: String(bob.user.id) } }],
    });
    expect(ids(byId)).toEqual(idsOf(bobSessions).reverse());
    const nobody = await search(auditor.auth, { queries: [{ userIdQuery: { id: 'not-a-user' } }] });
    expect(nobody.body.details.totalResult).toBe('0');
  });

  it('filters by creation date with every comparison method', async () => {
    const pivot = aliceSessions[1].details.changeDate;
    const query = (method: string) =>
      search(alice.auth, {
        query: { asc: true },
        queries: [{ creationDateQuery: { creationDate: pivot, method } }],
      });
    const [a, b, c] = idsOf(aliceSessions);
    expect(ids(await query('TIMESTAMP_QUERY_METHOD_EQUALS'))).toEqual([b]);
    expect(ids(await query('TIMESTAMP_QUERY_METHOD_GREATER'))).toEqual([c]);
    expect(ids(await query('TIMESTAMP_QUERY_METHOD_GREATER_OR_EQUALS'))).toEqual([b, c]);
    expect(ids(await query('TIMESTAMP_QUERY_METHOD_LESS'))).toEqual([a]);
    expect(ids(await query('TIMESTAMP_QUERY_METHOD_LESS_OR_EQUALS'))).toEqual([a, b]);
    expect(ids(await query('2'))).toEqual([b, c]);
  });

  it('filters by expiration date, combined with other queries (AND)', async () => {
    const inOneHour = new Date(Date.now() + 3600_000).toISOString();
    const user = { userIdQuery: { id: alice.user.guid } };
    const before = await search(auditor.auth, {
      queries: [
        user,
        {
          expirationDateQuery: { expirationDate: inOneHour, method: 'TIMESTAMP_QUERY_METHOD_LESS' },
        },
      ],
    });
    expect(before.body.details.totalResult).toBe('3');
    const after = await search(auditor.auth, {
      queries: [
        user,
        {
          expirationDateQuery: {
            expirationDate: inOneHour,
            method: 'TIMESTAMP_QUERY_METHOD_GREATER',
          },
        },
      ],
    });
    expect(after.body.details.totalResult).toBe('0');
  });

  it('reads an XML body and answers XML', async () => {
    const xml =
      `<ListSessionsRequest xmlns="${V2_NS}"><query><offset>0</offset><limit>1</limit><asc>true</asc></query>` +
      `<queries><SearchQuery><idsQuery><ids xmlns:a="${ARRAYS_NS}"><a:string>${bobSessions[1].sessionId}</a:string>` +
      `<a:string>${bobSessions[0].sessionId}</a:string></ids></idsQuery></SearchQuery></queries></ListSessionsRequest>`;
    const res = await search(auditor.auth)
      .set('Content-Type', 'application/xml')
      .set('Accept', 'application/xml')
      .send(xml);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.text).toMatch(
      new RegExp(
        `^<ListSessionsResponse ${XSI} xmlns="${V2_NS}"><details><totalResult>2</totalResult>` +
          `<timestamp>[^<]+Z</timestamp></details><sessions><Session><id>${bobSessions[0].sessionId}</id>` +
          `<creationDate>[^<]+</creationDate>.*<loginName>${bob.user.username}</loginName>.*</Session></sessions>` +
          `</ListSessionsResponse>$`,
      ),
    );
  });

  it.each([
    [
      { query: { offset: -1 } },
      'ListQueryInvalid',
      'query.offset must be between 0 and 9007199254740991',
    ],
    [{ query: { limit: 1001 } }, 'ListQueryInvalid', 'query.limit must be between 0 and 1000'],
    [
      {
        queries: [
          { creationDateQuery: { creationDate: '2024-01-01T00:00:00Z', method: 'SOMETIMES' } },
        ],
      },
      'TimestampMethodInvalid',
      'unknown timestamp query method "SOMETIMES"',
    ],
    [
      { queries: [{ expirationDateQuery: { method: 'TIMESTAMP_QUERY_METHOD_LESS' } }] },
      'FieldRequired',
      'expirationDateQuery.expirationDate is required',
    ],
  ])('refuses %j with 400, gRPC 3', async (body, id, message) => {
    const res = await search(alice.auth, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(v2Error(3, id, message));
  });

  it('needs a bearer token', async () => {
    const res = await request(testApp.server).post('/v2/sessions/search').send({});
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(16);
  });
});
