import { OpenDatabase } from '@/platform/database/database';
import { SessionsRepository } from '@/sessions/sessions.repository';
import { UsersRepository } from '@/users/users.repository';
import { openTestDatabase } from '@test/support/test-database';
import { createSession, createUser, tokenHash } from '@test/support/factories';

describe('SessionsRepository (real database)', () => {
  let database: OpenDatabase;
  let users: UsersRepository;
  let sessions: SessionsRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    users = new UsersRepository(database.dataSource);
    sessions = new SessionsRepository(database.dataSource);
  });
  afterAll(() => database.close());

  const activeCount = async (userId: number) => (await users.findById(userId))!.activeSessionCount;

  it('creates a session with its token and keeps the active counter in step', async () => {
    const user = await createUser(users);
    const session = await createSession(sessions, user.id, {
      props: [{ name: 'UserName', value: user.username }],
      features: ['session.read'],
    });
    expect(session.id).toBeGreaterThan(0);
    expect(session.sequence).toBe('1');
    expect(session.props).toEqual([{ name: 'UserName', value: user.username }]);
    expect(await activeCount(user.id)).toBe(1);
    expect((await sessions.findActiveById(session.id))?.guid).toBe(session.guid);
  });

  it('revokes once: the second attempt finds nothing active, and the sequence grew', async () => {
    const user = await createUser(users);
    const session = await createSession(sessions, user.id);
    const ended = await sessions.revoke(session.id, { actorUserId: user.id, reason: 'logout' });
    expect(ended?.revokedAt).toBeInstanceOf(Date);
    expect(ended?.revokeReason).toBe('logout');
    expect(ended?.revokedBy).toBe(user.id);
    expect(Number(ended?.sequence)).toBeGreaterThan(1);
    expect(
      await sessions.revoke(session.id, { actorUserId: null, reason: 'admin_revoke' }),
    ).toBeNull();
    expect(await sessions.findActiveById(session.id)).toBeNull();
    expect(await activeCount(user.id)).toBe(0);
  });

  it('revokes all of a user’s sessions and leaves other users alone', async () => {
    const [alice, bob] = [await createUser(users), await createUser(users)];
    for (let i = 0; i < 3; i++) await createSession(sessions, alice.id);
    const bobs = await createSession(sessions, bob.id);
    const ended = await sessions.revokeAllForUser(alice.id, {
      actorUserId: null,
      reason: 'admin_revoke',
    });
    expect(ended).toHaveLength(3);
    expect(await activeCount(alice.id)).toBe(0);
    expect(await sessions.findActiveById(bobs.id)).not.toBeNull();
    expect(await activeCount(bob.id)).toBe(1);
  });

  it('pages a user’s active sessions newest first, excluding expired and revoked ones', async () => {
    const user = await createUser(users);
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createSession(sessions, user.id));
    await createSession(sessions, user.id, { expiresAt: new Date(Date.now() - 1000) });
    await sessions.revoke(created[0].id, { actorUserId: null, reason: 'admin_revoke' });
    const page = await sessions.findActiveByUser(user.id, { page: 1, pageSize: 3 });
    expect(page.totalCount).toBe(4);
    expect(page.items.map((s) => s.id)).toEqual([created[4].id, created[3].id, created[2].id]);
  });

  it('rotates a token exactly once among parallel attempts, and treats reuse as theft', async () => {
    const user = await createUser(users);
    const first = tokenHash();
    const session = await sessions.create(
      {
        userId: user.id,
        channel: 'legacy',
        expiresAt: new Date(Date.now() + 60_000),
        absoluteExpiresAt: new Date(Date.now() + 3600_000),
      },
      [{ hash: first, kind: 'refresh' }],
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        sessions.rotateToken(first, 'refresh', { hash: tokenHash(), kind: 'refresh' }, 1800),
      ),
    );
    const rotated = results.filter((result) => result.outcome === 'rotated');
    expect(rotated).toHaveLength(1);
    // The losers presented an already-rotated token: reuse ends the session.
    expect(results.filter((result) => result.outcome === 'reused').length).toBe(19);
    expect(await sessions.findActiveById(session.id)).toBeNull();
    expect((await sessions.findById(session.id))?.revokeReason).toBe('token_reused');
    expect(await activeCount(user.id)).toBe(0);
  });

  it('slides the idle expiry on rotation but never past the absolute lifetime', async () => {
    const user = await createUser(users);
    const hash = tokenHash();
    const absolute = new Date(Date.now() + 10 * 60_000);
    await sessions.create(
      {
        userId: user.id,
        channel: 'v2',
        expiresAt: new Date(Date.now() + 60_000),
        absoluteExpiresAt: absolute,
      },
      [{ hash, kind: 'session' }],
    );
    const result = await sessions.rotateToken(
      hash,
      'session',
      { hash: tokenHash(), kind: 'session' },
      3600,
    );
    expect(result.outcome).toBe('rotated');
    if (result.outcome !== 'rotated') return;
    expect(result.session.expiresAt.getTime()).toBe(absolute.getTime());
    expect(
      await sessions.rotateToken(
        tokenHash(),
        'session',
        { hash: tokenHash(), kind: 'session' },
        60,
      ),
    ).toEqual({ outcome: 'unknown' });
  });

  it('ends expired sessions in batches and the counters follow', async () => {
    const user = await createUser(users);
    await createSession(sessions, user.id, { expiresAt: new Date(Date.now() - 5000) });
    await createSession(sessions, user.id, { expiresAt: new Date(Date.now() - 5000) });
    await createSession(sessions, user.id);
    expect(await activeCount(user.id)).toBe(3);
    let ended = 0;
    for (let n = await sessions.endExpired(1); n > 0; n = await sessions.endExpired(1)) ended += n;
    expect(ended).toBeGreaterThanOrEqual(2);
    expect(await activeCount(user.id)).toBe(1);
  });

  it('lists users with active sessions by count or by name, with search and paging', async () => {
    const tag = `lst${Date.now()}`;
    const a = await createUser(users, { username: `${tag}-b`, isOperator: true });
    const b = await createUser(users, { username: `${tag}-a` });
    for (let i = 0; i < 3; i++) await createSession(sessions, a.id);
    await createSession(sessions, b.id);
    const byCount = await sessions.listUsersWithActiveSessions(tag, 'count', {
      page: 1,
      pageSize: 10,
    });
    expect(byCount.totalCount).toBe(2);
    expect(byCount.items).toEqual([
      { userId: a.id, userGuid: a.guid, userName: `${tag}-b`, isOperator: true, sessionCount: 3 },
      { userId: b.id, userGuid: b.guid, userName: `${tag}-a`, isOperator: false, sessionCount: 1 },
    ]);
    const byName = await sessions.listUsersWithActiveSessions(tag, 'name', {
      page: 2,
      pageSize: 1,
    });
    expect(byName.items.map((item) => item.userName)).toEqual([`${tag}-b`]);
  });
});
