import { OpenDatabase } from '@/platform/database/database';
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
    expect(outcomes.filter((outcome) => outcome === 'changed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'unchanged')).toHaveLength(7);
    expect((await users.findById(user.id))?.blockedAt).toBeInstanceOf(Date);
  });

  it('unblocks only a blocked user, clearing any lockout', async () => {
    const user = await createUser(users);
    expect(await users.unblock(user.id)).toBe('unchanged');
    const policy = { threshold: 1, baseSeconds: 60, maxSeconds: 60, reservationSeconds: 60 };
    await users.recordFailedLogin((await users.reserveLoginAttempt(user.id, policy))!, policy);
    await users.block(user.id);
    expect(await users.unblock(user.id)).toBe('changed');
    const after = (await users.findById(user.id))!;
    expect([after.blockedAt, after.lockedUntil, after.failedLoginAttempts]).toEqual([
      null,
      null,
      0,
    ]);
  });

  it('disables once', async () => {
    const user = await createUser(users);
    expect(await users.disable(user.id)).toBe('changed');
    expect(await users.disable(user.id)).toBe('unchanged');
  });

  it('updates the given fields and replaces the role set in one transaction', async () => {
    await createUser(users, { roles: ['admin'] }); // another administrator stays
    const user = await createUser(users, { roles: ['admin'] });
    const result = await users.updateAccount(user.id, {
      firstName: 'Bea',
      email: null,
      roles: ['user-manager'],
    });
    if (result.outcome !== 'updated') throw new Error(result.outcome);
    const updated = result.user;
    expect(updated).toMatchObject({
      firstName: 'Bea',
      email: null,
      lastName: user.lastName,
      username: user.username,
    });
    expect(updated.roles?.map((role) => role.name)).toEqual(['user-manager']);
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

  it('answers notFound for an unknown user, and bumps updated_at with no field given', async () => {
    expect(await users.updateAccount(2147483647, { firstName: 'x' })).toEqual({
      outcome: 'notFound',
    });
    const user = await createUser(users);
    const touched = await users.updateAccount(user.id, {});
    if (touched.outcome !== 'updated') throw new Error(touched.outcome);
    expect(touched.user.updatedAt.getTime()).toBeGreaterThanOrEqual(user.updatedAt.getTime());
  });

  describe('the last active administrator', () => {
    const activeAdministrators = async () =>
      (
        await database.dataSource.query(
          `SELECT count(DISTINCT u.id)::int AS count FROM users u
             JOIN user_roles ur ON ur.user_id = u.id JOIN role_permissions rp ON rp.role_id = ur.role_id
            WHERE rp.permission = 'admin' AND u.blocked_at IS NULL AND u.disabled_at IS NULL`,
        )
      )[0].count as number;
    /** Leaves exactly the given users as active administrators. */
    const onlyAdministrators = async (count: number) => {
      await database.dataSource.query(
        `UPDATE users SET blocked_at = now() WHERE blocked_at IS NULL AND disabled_at IS NULL`,
      );
      return Promise.all(
        Array.from({ length: count }, () => createUser(users, { roles: ['admin'] })),
      );
    };

    it('is neither blocked, disabled nor demoted; the change is rolled back', async () => {
      const [only] = await onlyAdministrators(1);
      expect(await users.block(only.id)).toBe('lastAdministrator');
      expect(await users.disable(only.id)).toBe('lastAdministrator');
      expect(await users.updateAccount(only.id, { firstName: 'Gone', roles: [] })).toEqual({
        outcome: 'lastAdministrator',
      });
      const after = (await users.findById(only.id))!;
      expect([after.blockedAt, after.disabledAt, after.firstName]).toEqual([null, null, 'Ana']);
      expect(after.roles?.map((role) => role.name)).toEqual(['admin']);
    });

    it('may lose an administrator while another stays active', async () => {
      const [first, second] = await onlyAdministrators(2);
      expect(await users.block(first.id)).toBe('changed');
      expect(await users.disable(second.id)).toBe('lastAdministrator');
      expect(await activeAdministrators()).toBe(1);
    });

    it('survives 30 administrators blocked, disabled and demoted all at once: exactly one stays', async () => {
      const admins = await onlyAdministrators(30);
      const outcomes = await Promise.all(
        admins.map((admin, i) =>
          i % 3 === 0
            ? users.block(admin.id)
            : i % 3 === 1
              ? users.disable(admin.id)
              : users.updateAccount(admin.id, { roles: [] }).then((result) => result.outcome),
        ),
      );
      expect(outcomes.filter((outcome) => outcome === 'lastAdministrator')).toHaveLength(1);
      expect(await activeAdministrators()).toBe(1);
    });
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
