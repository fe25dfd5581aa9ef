import { randomUUID } from 'node:crypto';
import { OpenDatabase } from '@/platform/database/database';
import {
  FederatedHandOver,
  FederatedIdentitiesRepository,
} from '@/users/federated-identities.repository';
import { UsersRepository } from '@/users/users.repository';
import { createUser } from '@test/support/factories';
import { openTestDatabase } from '@test/support/test-database';

describe('FederatedIdentitiesRepository (real database)', () => {
  let database: OpenDatabase;
  let identities: FederatedIdentitiesRepository;
  let users: UsersRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    identities = new FederatedIdentitiesRepository(database.dataSource);
    users = new UsersRepository(database.dataSource);
  });
  afterAll(() => database.close());

  function handOver(overrides: Partial<FederatedHandOver> = {}): FederatedHandOver {
    const externalId = overrides.externalId ?? randomUUID();
    return {
      client: 'acme',
      externalId,
      usernames: [`acme:${externalId}`],
      email: null,
      firstName: 'Fed',
      lastName: 'Erated',
      profile: { isAdmin: true },
      deleted: false,
      ...overrides,
    };
  }

  it('creates a user and its link in one go, then finds the link', async () => {
    const input = handOver();
    const result = await identities.handOver(input);
    if (result.outcome !== 'created') throw new Error(`unexpected ${result.outcome}`);
    expect(result.user).toMatchObject({ username: `acme:${input.externalId}`, disabledAt: null });
    expect(result.user.roles).toEqual([]);
    expect(await identities.find('acme', input.externalId)).toEqual({
      client: 'acme',
      externalId: input.externalId,
      userId: result.user.id,
      createdAt: expect.any(Date),
    });
    expect(await identities.find('globex', input.externalId)).toBeNull();
  });

  it('takes the first free username; a fresh GUID when every candidate is taken', async () => {
    const taken = await createUser(users);
    const second = await createUser(users);
    const input = handOver({ usernames: [taken.username.toUpperCase(), second.username] });
    const result = await identities.handOver(input);
    if (result.outcome !== 'created') throw new Error(`unexpected ${result.outcome}`);
    expect(result.user.username).toBe(result.user.guid);
    expect(await users.findById(taken.id)).toMatchObject({ username: taken.username });
  });

  it('updates only the linked user, and reports the hand-over that disabled it', async () => {
    const input = handOver();
    await identities.handOver(input);
    const updated = await identities.handOver({ ...input, firstName: 'New' });
    expect(updated).toMatchObject({ outcome: 'updated', disabledNow: false });
    const disabled = await identities.handOver({ ...input, deleted: true });
    expect(disabled).toMatchObject({ outcome: 'updated', disabledNow: true });
    const again = await identities.handOver({ ...input, deleted: true });
    expect(again).toMatchObject({ outcome: 'updated', disabledNow: false });
    if (again.outcome !== 'updated') throw new Error('unreachable');
    expect(again.user).toMatchObject({ firstName: 'Fed', disabledAt: expect.any(Date) });
  });

  it('creates nobody for `deleted` on an unknown id, and leaves a linked user with a password alone', async () => {
    expect(await identities.handOver(handOver({ deleted: true }))).toEqual({ outcome: 'unknown' });
    const input = handOver();
    const created = await identities.handOver(input);
    if (created.outcome !== 'created') throw new Error(`unexpected ${created.outcome}`);
    await users.setPasswordHash(created.user.id, 'hash');
    expect(await identities.handOver({ ...input, firstName: 'Changed', deleted: true })).toEqual({
      outcome: 'local-account',
      userId: created.user.id,
    });
    expect(await users.findById(created.user.id)).toMatchObject({
      firstName: 'Fed',
      disabledAt: null,
    });
  });
});
