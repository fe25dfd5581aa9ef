import { OpenDatabase } from '@/database/database';
import { UsersRepository } from '@/users/users.repository';
import { openTestDatabase } from '@test/support/test-database';
import { buildUser, createUser, uniqueName } from '@test/support/factories';

describe('UsersRepository (real database)', () => {
  let database: OpenDatabase;
  let users: UsersRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    users = new UsersRepository(database.dataSource);
  });
  afterAll(() => database.close());

  it('creates a user with roles and reads it back by id, guid and case-insensitive name', async () => {
    const name = uniqueName('Mixed');
    const created = await users.create(buildUser({ username: name, roles: ['session-manager'] }));
    expect(created.id).toBeGreaterThan(0);
    expect(created.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.roles?.map((role) => role.name)).toEqual(['session-manager']);
    expect((await users.findById(created.id))?.username).toBe(name);
    expect((await users.findByGuid(created.guid))?.id).toBe(created.id);
    expect((await users.findByUsername(name.toUpperCase()))?.id).toBe(created.id);
    expect(await users.permissionsOf(created.id)).toEqual(['session.delete', 'session.read']);
  });

  it('never selects the password hash unless asked for a login candidate', async () => {
    const user = await createUser(users, {
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def',
    });
    const plain = await users.findById(user.id);
    expect(plain?.passwordHash).toBeUndefined();
    const candidate = await users.findLoginCandidate(user.username);
    expect(candidate?.password?.hash).toBe('$argon2id$v=19$m=19456,t=2,p=1$abc$def');
    expect(candidate?.user.passwordHash).toBeUndefined();
  });

  it('rejects a second user whose name differs only in case', async () => {
    const name = uniqueName('dup');
    await createUser(users, { username: name });
    await expect(createUser(users, { username: name.toUpperCase() })).rejects.toThrow(
      /duplicate|unique/i,
    );
  });

  it('rolls the whole create back when a role is unknown', async () => {
    const name = uniqueName('norole');
    await expect(
      users.create(buildUser({ username: name, roles: ['no-such-role'] })),
    ).rejects.toThrow(/unknown roles/);
    expect(await users.findByUsername(name)).toBeNull();
  });

  it('counts parallel failed logins without losing one and locks at the threshold', async () => {
    const user = await createUser(users);
    const policy = { threshold: 5, baseSeconds: 60, maxSeconds: 3600 };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => users.recordFailedLogin(user.id, policy)),
    );
    const counts = outcomes.map((outcome) => outcome.failedLoginAttempts).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const locked = outcomes.find((outcome) => outcome.failedLoginAttempts === 20)!;
    const lockSeconds = (locked.lockedUntil!.getTime() - Date.now()) / 1000;
    expect(lockSeconds).toBeGreaterThan(3500);
    expect(lockSeconds).toBeLessThanOrEqual(3600);
    const fourth = outcomes.find((outcome) => outcome.failedLoginAttempts === 4)!;
    expect(fourth.lockedUntil).toBeNull();

    await users.recordSuccessfulLogin(user.id);
    const reset = await users.findById(user.id);
    expect(reset?.failedLoginAttempts).toBe(0);
    expect(reset?.lockedUntil).toBeNull();
    expect(reset?.lastSuccessLogin).toBeInstanceOf(Date);
  });

  it('creates the bootstrap administrator only once, even when asked concurrently', async () => {
    // This database already has users, so nobody is created.
    const results = await Promise.all(
      [1, 2, 3].map(() => users.createIfNoUsers(buildUser({ roles: ['admin'] }))),
    );
    expect(results.every((result) => result === null)).toBe(true);
  });

  it('pages and searches users, treating LIKE wildcards literally', async () => {
    const prefix = uniqueName('pg');
    for (let i = 0; i < 5; i++) await createUser(users, { username: `${prefix}-${i}` });
    await createUser(users, { username: `${prefix}_x%` });
    const page = await users.list(prefix, { page: 2, pageSize: 2 });
    expect(page.totalCount).toBe(6);
    expect(page.items.map((user) => user.username)).toEqual([`${prefix}-2`, `${prefix}-3`]);
    const literal = await users.list(`${prefix}_x%`, { page: 1, pageSize: 10 });
    expect(literal.items.map((user) => user.username)).toEqual([`${prefix}_x%`]);
  });
});
