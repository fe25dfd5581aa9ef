import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { adminSend, LoggedIn, loggedInUser } from '@test/e2e/admin/admin-fixture';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TEST_PASSWORD,
  TestApp,
} from '@test/support/test-app';

const ROUTE = '/api/admin/v1/authenticated-sessions/revoke-where';

/**
 * `revoke-where` against the real app: the client IP comes from
 * X-Forwarded-For (the test client is a trusted proxy), so sessions can be
 * opened "from" any IPv4 or IPv6 address.
 */
describe('POST authenticated-sessions/revoke-where', () => {
  let testApp: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    testApp = await createTestApp({
      TRUSTED_PROXIES: '127.0.0.1,::1',
      SESSION_CACHE_TTL_MS: '0',
      // Parallel logins of one account must not be held back by the in-flight password-check cap.
      LOCKOUT_THRESHOLD: '1000',
    });
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  }, 180_000);

  afterAll(() => testApp?.close());

  async function open(
    user: UserEntity,
    { ip = '192.0.2.1', agent = 'agent' } = {},
  ): Promise<number> {
    const res = await request(testApp.server)
      .post('/Auth/Login')
      .set('Authorization', basicAuth(user.username, TEST_PASSWORD))
      .set('X-Forwarded-For', ip)
      .set('User-Agent', agent)
      .set('Accept', 'application/json');
    if (res.status !== 200) throw new Error(`login: ${res.status} ${res.text}`);
    return res.body.sessionID as number;
  }

  const revokeWhere = (filter: Record<string, unknown>, caller = admin) =>
    adminSend(testApp, caller, 'post', ROUTE, filter);

  async function live(ids: number[]): Promise<number[]> {
    const rows: Array<{ id: number }> = await testApp.database.dataSource.query(
      `SELECT id FROM sessions WHERE id = ANY($1) AND revoked_at IS NULL ORDER BY id`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  async function endedEvents(ids: number[]): Promise<Array<{ id: number; reason: string }>> {
    return testApp.database.dataSource.query(
      `SELECT (data->>'sessionId')::int AS id, data->>'reason' AS reason FROM outbox_events
        WHERE type = 'session.ended' AND (data->>'sessionId')::int = ANY($1) ORDER BY 1`,
      [ids],
    );
  }

  it('a dry run answers the counts and changes nothing; the real run ends exactly those, in one audit event', async () => {
    const user = await createUserWithPassword(testApp);
    const ids = [await open(user), await open(user), await open(user)];
    const dry = await revokeWhere({ User: user.guid, DryRun: true }).expect(200);
    expect(dry.body).toEqual({ Success: true, DryRun: true, SessionsEnded: 3, SessionsSkipped: 0 });
    expect(await live(ids)).toEqual(ids);
    expect(await endedEvents(ids)).toEqual([]);

    const audits = async () =>
      testApp.database.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'session.bulk_revoked' AND details->>'user' = $1`,
        [user.guid],
      );
    expect(await audits()).toEqual([]);
    const real = await revokeWhere({ User: user.guid }).expect(200);
    expect(real.body).toEqual({
      Success: true,
      DryRun: false,
      SessionsEnded: 3,
      SessionsSkipped: 0,
    });
    expect(await live(ids)).toEqual([]);
    expect(await endedEvents(ids)).toEqual(ids.map((id) => ({ id, reason: 'bulk_revoke' })));
    expect(await audits()).toEqual([{ details: { user: user.guid, ended: 3, skipped: 0 } }]);
    const ended = await testApp.database.dataSource.query(
      `SELECT DISTINCT revoke_reason, revoked_by FROM sessions WHERE id = ANY($1)`,
      [ids],
    );
    expect(ended).toEqual([{ revoke_reason: 'bulk_revoke', revoked_by: admin.user.id }]);
    // Their tokens are refused at once.
    await revokeWhere({ User: user.guid }).expect(200, {
      Success: true,
      DryRun: false,
      SessionsEnded: 0,
      SessionsSkipped: 0,
    });
  });

  it('matches each filter on its own: user by id, IPv4 and IPv6 CIDRs, user agent, channel, creation time', async () => {
    const [a, b] = [await createUserWithPassword(testApp), await createUserWithPassword(testApp)];
    const v4 = await open(a, { ip: '198.51.100.7' });
    const v4Other = await open(b, { ip: '198.51.101.7' });
    const v6 = await open(a, { ip: '2001:db8:aa::5' });
    const v6Other = await open(b, { ip: '2001:db8:bb::5' });
    const ua = await open(b, { agent: 'Mozilla/5.0 NEEDLE-browser', ip: '192.0.2.50' });
    const plainB = await open(b, { ip: '192.0.2.51' });
    const all = [v4, v4Other, v6, v6Other, ua, plainB];
    const count = async (filter: Record<string, unknown>) =>
      (await revokeWhere({ ...filter, DryRun: true }).expect(200)).body.SessionsEnded;

    expect(await count({ User: String(a.id) })).toBe(2);
    expect(await count({ Ip: '198.51.100.0/24' })).toBe(1);
    expect(await count({ Ip: '198.51.100.0/23' })).toBe(2);
    expect(await count({ Ip: '198.51.100.7' })).toBe(1);
    expect(await count({ Ip: '::ffff:198.51.100.0/120' })).toBe(1);
    expect(await count({ Ip: '2001:db8:aa::/48' })).toBe(1);
    expect(await count({ Ip: '2001:db8::/32' })).toBe(2);
    expect(await count({ UserAgentContains: 'needle-BROWSER' })).toBe(1);
    expect(await count({ UserAgentContains: '%' })).toBe(0);
    expect(await count({ User: b.guid, Channel: 'legacy' })).toBe(4);
    expect(await count({ User: b.guid, Channel: 'v2' })).toBe(0);
    const [{ created }] = await testApp.database.dataSource.query(
      `SELECT created_at AS created FROM sessions WHERE id = $1`,
      [v6Other],
    );
    // created_at has microseconds, the filter milliseconds: the truncated instant is just before it.
    const at = (created as Date).getTime();
    expect(await count({ User: b.guid, CreatedBefore: new Date(at).toISOString() })).toBe(1);
    expect(await count({ User: b.guid, CreatedAfter: new Date(at + 1).toISOString() })).toBe(2);
    expect(await count({ Ip: '203.0.113.0/24' })).toBe(0);

    await revokeWhere({ Ip: '2001:db8:aa::/48' }).expect(200);
    expect(await live(all)).toEqual(all.filter((id) => id !== v6));
  });

  it('skips (and counts) sessions whose owners outrank the caller; a lesser role may not call it at all', async () => {
    const manager = await loggedInUser(testApp, { roles: ['session-manager'] });
    const auditor = await loggedInUser(testApp, { roles: ['session-auditor'] });
    const plain = await createUserWithPassword(testApp);
    const strongAdmin = await createUserWithPassword(testApp, { roles: ['admin'] });
    const ip = '203.0.113.77';
    const plainIds = [await open(plain, { ip }), await open(plain, { ip })];
    const adminIds = [await open(strongAdmin, { ip })];
    const peer = await createUserWithPassword(testApp, { roles: ['session-manager'] });
    const peerIds = [await open(peer, { ip })];

    await revokeWhere({ Ip: ip }, auditor).expect(403, { Message: 'err_PermissionDenied' });
    await request(testApp.server).post(ROUTE).send({ Ip: ip }).expect(401);
    expect(await live([...plainIds, ...adminIds, ...peerIds])).toHaveLength(4);

    const dry = await revokeWhere({ Ip: ip, DryRun: true }, manager).expect(200);
    expect(dry.body).toMatchObject({ SessionsEnded: 3, SessionsSkipped: 1 });
    const res = await revokeWhere({ Ip: ip }, manager).expect(200);
    expect(res.body).toEqual({
      Success: true,
      DryRun: false,
      SessionsEnded: 3,
      SessionsSkipped: 1,
    });
    expect(await live([...plainIds, ...adminIds, ...peerIds])).toEqual(adminIds);
  });

  it('under parallel logins: ends what matched, leaves the newer sessions alone, one event per ended session', async () => {
    const user = await createUserWithPassword(testApp);
    const agent = 'race-agent';
    const before = await Promise.all(Array.from({ length: 10 }, () => open(user, { agent })));
    const [revoked, ...during] = await Promise.all([
      revokeWhere({ User: user.guid, UserAgentContains: agent }),
      ...Array.from({ length: 10 }, () => open(user, { agent })),
    ]);
    expect(revoked.status).toBe(200);
    const all = [...before, ...(during as number[])];
    const alive = await live(all);
    // Every session opened before is gone; each one opened during either lost the race or survived.
    for (const id of before) expect(alive).not.toContain(id);
    const endedIds = all.filter((id) => !alive.includes(id)).sort((x, y) => x - y);
    expect(revoked.body.SessionsEnded).toBe(endedIds.length);
    expect(await endedEvents(all)).toEqual(endedIds.map((id) => ({ id, reason: 'bulk_revoke' })));
    const again = await revokeWhere({ User: user.guid, UserAgentContains: agent }).expect(200);
    expect(again.body.SessionsEnded).toBe(alive.length);
    expect(await live(all)).toEqual([]);
  });

  it.each([
    ['no filter', {}],
    ['only blank filters', { User: '', Ip: ' ', DryRun: false }],
    ['a bad CIDR', { Ip: '10.0.0.0/33' }],
    ['an IP with a port', { Ip: '10.0.0.1:443' }],
    ['a NUL in the user agent', { UserAgentContains: 'a\u0000b' }],
    ['a lone surrogate', { UserAgentContains: '\ud800' }],
    ['a huge user agent', { UserAgentContains: 'x'.repeat(1_000_000) }],
    ['a huge user', { User: '9'.repeat(100_000) }],
    ['markup and control characters as the IP', { Ip: '<a>\u0001\u202e10.0.0.1' }],
    ['a date that is not one', { CreatedBefore: '2026-13-01' }],
    ['an unknown channel', { Channel: 'smoke-signal' }],
    ['a number where text is expected', { Ip: 10 }],
  ])('%s is a 400 in the admin format and ends nothing', async (_, filter) => {
    const user = await createUserWithPassword(testApp);
    const id = await open(user);
    const res = await revokeWhere(filter);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ Message: expect.stringMatching(/^err_[A-Za-z]+$/) });
    expect(await live([id])).toEqual([id]);
  });
});
