import { OpenDatabase } from '@/database/database';
import { UsersRepository } from '@/users/users.repository';
import { openTestDatabase } from '@test/support/test-database';
import { createUser } from '@test/support/factories';

/** The UsersRepository methods the admin module added. */
describe('UsersRepository admin writes (real database)', () => {
  let database: OpenDatabase;
  let users: UsersRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    users = new UsersRepository(database.dataSource);
  });
  afterAll(() => database.close());

  it('blocks exactly once under concurrent requests (one atomic UPDATE)', async () => {
    const user = await createUser(users);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => users.block(user.id)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect((await users.findById(user.id))?.blockedAt).toBeInstanceOf(Date);
  });

  it('unblocks only a blocked user, clearing any lockout', async () => {
    const user = await createUser(users);
    expect(await users.unblock(user.id)).toBe(false);
    const policy = { threshold: 1, baseSeconds: 60, maxSeconds: 60, reservationSeconds: 60 };
    await users.recordFailedLogin((await users.reserveLoginAttempt(user.id, policy))!, policy);
    await users.block(user.id);
    expect(await users.unblock(user.id)).toBe(true);
    const after = (await users.findById(user.id))!;
    expect([after.blockedAt, after.lockedUntil, after.failedLoginAttempts]).toEqual([
      null,
      null,
      0,
    ]);
  });

  it('disables once', async () => {
    const user = await createUser(users);
    expect(await users.disable(user.id)).toBe(true);
    expect(await users.disable(user.id)).toBe(false);
  });

  it('updates the given fields and replaces the role set in one transaction', async () => {
    const user = await createUser(users, { roles: ['admin'] });
    const updated = await users.updateAccount(user.id, {
      firstName: 'Bea',
      email: null,
      roles: ['user-manager'],
    });
    expect(updated).toMatchObject({
      firstName: 'Bea',
      email: null,
      lastName: user.lastName,
      username: user.username,
    });
    expect(updated?.roles?.map((role) => role.name)).toEqual(['user-manager']);
    expect(await users.permissionsOf(user.id)).toEqual(['user.write']);
  });

  it('rolls the field changes back when the role set is invalid', async () => {
    const user = await createUser(users, { roles: ['admin'] });
    await expect(
      users.updateAccount(user.id, { firstName: 'Nope', roles: ['wizard'] }),
    ).rejects.toThrow(/unknown roles/);
    const after = (await users.findById(user.id))!;
    expect(after.firstName).toBe(user.firstName);
    expect(after.roles?.map((role) => role.name)).toEqual(['admin']);
  });

  it('answers null for an unknown user, and bumps updated_at with no field given', async () => {
    expect(await users.updateAccount(2147483647, { firstName: 'x' })).toBeNull();
    const user = await createUser(users);
    const touched = (await users.updateAccount(user.id, {}))!;
    expect(touched.updatedAt.getTime()).toBeGreaterThanOrEqual(user.updatedAt.getTime());
  });

  it('names unknown roles and labels users by id', async () => {
    expect(await users.unknownRoles(['admin', 'wizard', 'user-manager', 'ghost'])).toEqual([
      'wizard',
      'ghost',
    ]);
    expect(await users.unknownRoles([])).toEqual([]);
    const user = await createUser(users);
    const identities = await users.identitiesByIds([user.id, 2147483647]);
    expect([...identities]).toEqual([[user.id, { guid: user.guid, username: user.username }]]);
  });
});
