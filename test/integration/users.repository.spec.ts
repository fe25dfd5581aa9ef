import { OpenDatabase } from '@/platform/database/database';
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

  describe('lockout: attempts reserved before the hash is read', () => {
    const policy = { threshold: 5, baseSeconds: 60, maxSeconds: 3600, reservationSeconds: 60 };

    async function lockState(userId: number) {
      const [row] = await database.dataSource.query(
        `SELECT failed_login_attempts AS failures, locked_until AS "lockedUntil",
                jsonb_array_length(login_reservations) AS slots
           FROM users WHERE id = $1`,
        [userId],
      );
      return row as { failures: number; lockedUntil: Date | null; slots: number };
    }

    it('grants exactly the threshold of 200 parallel reservations', async () => {
      const user = await createUser(users);
      const granted = (
        await Promise.all(
          Array.from({ length: 200 }, () => users.reserveLoginAttempt(user.id, policy)),
        )
      ).filter((reservation) => reservation !== null);
      expect(granted).toHaveLength(policy.threshold);
      expect(new Set(granted.map((reservation) => reservation!.id)).size).toBe(policy.threshold);
      expect((await lockState(user.id)).slots).toBe(policy.threshold);
    });

    it('counts parallel failures without losing one, locks at the threshold and frees every slot', async () => {
      const user = await createUser(users);
      const reservations = await Promise.all(
        Array.from({ length: policy.threshold }, () => users.reserveLoginAttempt(user.id, policy)),
      );
      const outcomes = await Promise.all(
        reservations.map((reservation) => users.recordFailedLogin(reservation!, policy)),
      );
      const counts = outcomes.map((outcome) => outcome.failedLoginAttempts).sort((a, b) => a - b);
      expect(counts).toEqual([1, 2, 3, 4, 5]);
      const locked = outcomes.find((outcome) => outcome.failedLoginAttempts === 5)!;
      const lockSeconds = (locked.lockedUntil!.getTime() - Date.now()) / 1000;
      expect(lockSeconds).toBeGreaterThan(55);
      expect(lockSeconds).toBeLessThanOrEqual(60);
      expect(outcomes.find((outcome) => outcome.failedLoginAttempts === 4)!.lockedUntil).toBeNull();
      expect((await lockState(user.id)).slots).toBe(0);
      expect(await users.reserveLoginAttempt(user.id, policy)).toBeNull();
    });

    it('a success clears failures unless the account got locked while it was checked', async () => {
      const user = await createUser(users);
      const first = (await users.reserveLoginAttempt(user.id, policy))!;
      await users.recordFailedLogin(first, policy);
      const right = (await users.reserveLoginAttempt(user.id, policy))!;
      expect(await users.recordSuccessfulLogin(right)).toBe(true);
      const cleared = await lockState(user.id);
      expect(cleared).toEqual({ failures: 0, lockedUntil: null, slots: 0 });
      expect((await users.findById(user.id))?.lastSuccessLogin).toBeInstanceOf(Date);

      const late = (await users.reserveLoginAttempt(user.id, policy))!;
      await database.dataSource.query(
        `UPDATE users SET failed_login_attempts = 5, locked_until = now() + interval '1 minute' WHERE id = $1`,
        [user.id],
      );
      expect(await users.recordSuccessfulLogin(late)).toBe(false);
      const still = await lockState(user.id);
      expect(still.failures).toBe(5);
      expect(still.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
      expect(still.slots).toBe(0);
    });

    it('after a lock runs out, allows one check at a time', async () => {
      const user = await createUser(users);
      await database.dataSource.query(
        `UPDATE users SET failed_login_attempts = 5, locked_until = now() - interval '1 second' WHERE id = $1`,
        [user.id],
      );
      const granted = (
        await Promise.all(
          Array.from({ length: 20 }, () => users.reserveLoginAttempt(user.id, policy)),
        )
      ).filter((reservation) => reservation !== null);
      expect(granted).toHaveLength(1);
      const outcome = await users.recordFailedLogin(granted[0]!, policy);
      expect(outcome.failedLoginAttempts).toBe(6);
      const lockSeconds = (outcome.lockedUntil!.getTime() - Date.now()) / 1000;
      expect(lockSeconds).toBeGreaterThan(115);
      expect(lockSeconds).toBeLessThanOrEqual(120);
    });

    it('a released slot is free again; an unanswered one stops counting once it runs out', async () => {
      const user = await createUser(users);
      const shortLived = { ...policy, reservationSeconds: 1 };
      const taken = await Promise.all(
        Array.from({ length: policy.threshold }, () =>
          users.reserveLoginAttempt(user.id, shortLived),
        ),
      );
      expect(taken.every((reservation) => reservation !== null)).toBe(true);
      expect(await users.reserveLoginAttempt(user.id, shortLived)).toBeNull();
      await users.releaseLoginAttempt(taken[0]!);
      expect(await users.reserveLoginAttempt(user.id, shortLived)).not.toBeNull();
      expect(await users.reserveLoginAttempt(user.id, shortLived)).toBeNull();

      // As if the instance holding them had died: nobody answers, the slots run out.
      await new Promise((done) => setTimeout(done, 1100));
      const again = await users.reserveLoginAttempt(user.id, shortLived);
      expect(again).not.toBeNull();
      expect((await lockState(user.id)).slots).toBe(1);
      expect((await lockState(user.id)).failures).toBe(0);
    });
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
