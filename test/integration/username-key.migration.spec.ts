import { Logger } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { MIGRATIONS } from '@migrations';
import { OpenDatabase } from '@/platform/database/database';
import { UsersRepository } from '@/users/users.repository';
import { openTestDatabase } from '@test/support/test-database';
import { buildUser } from '@test/support/factories';

/**
 * The UsernameKey migration on a database that already holds look-alike
 * accounts (possible before it: the old unique index was on lower(username)).
 * It must key every row, merge nothing, and report each collision.
 */
describe('UsernameKey migration on a database with colliding usernames', () => {
  let database: OpenDatabase;
  const Migration = MIGRATIONS.find((m) => m.name === 'UsernameKey1763800000140')!;
  const migration: MigrationInterface = new Migration();
  const ids: Record<string, number> = {};
  const warnings: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    // Its own connection, released before the tests (embedded PGlite has only one).
    const runner = database.dataSource.createQueryRunner();
    try {
      await seedAndMigrate(runner);
    } finally {
      await runner.release();
    }
  });
  afterAll(() => database.close());

  async function seedAndMigrate(runner: QueryRunner): Promise<void> {
    await migration.down(runner);
    const seeded = [
      'Émile',
      'E\u0301mile',
      'straſse',
      'STRASSE',
      'Straße',
      'bob',
      'Ｂｏｂ',
      'alice',
    ];
    for (const username of seeded) {
      const [row] = await runner.query(
        `INSERT INTO users (guid, username) VALUES (gen_random_uuid(), $1) RETURNING id`,
        [username],
      );
      ids[username] = row.id;
    }
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    try {
      await migration.up(runner);
    } finally {
      warn.mockRestore();
    }
  }

  const keys = async () =>
    new Map<number, string | null>(
      (
        (await database.dataSource.query(`SELECT id, username_key FROM users`)) as Array<{
          id: number;
          username_key: string | null;
        }>
      ).map((row) => [row.id, row.username_key]),
    );

  it('keys every row; the oldest of each look-alike group keeps the key, later ones get NULL', async () => {
    const byId = await keys();
    expect(byId.get(ids['Émile'])).toBe('émile');
    expect(byId.get(ids['E\u0301mile'])).toBeNull();
    expect(byId.get(ids['straſse'])).toBe('strasse');
    expect(byId.get(ids['STRASSE'])).toBeNull();
    expect(byId.get(ids['Straße'])).toBeNull();
    expect(byId.get(ids['bob'])).toBe('bob');
    expect(byId.get(ids['Ｂｏｂ'])).toBeNull();
    expect(byId.get(ids['alice'])).toBe('alice');
  });

  it('merges nothing: every account and its username survive as entered', async () => {
    const rows: Array<{ id: number; username: string }> = await database.dataSource.query(
      `SELECT id, username FROM users WHERE id = ANY($1::int[]) ORDER BY id`,
      [Object.values(ids)],
    );
    expect(rows.map((row) => row.username)).toEqual(Object.keys(ids));
  });

  it('reports each collision in username_key_collisions and in the log', async () => {
    const reported: Array<{
      user_id: number;
      username: string;
      username_key: string;
      kept: number;
    }> = await database.dataSource.query(
      `SELECT user_id, username, username_key, kept_user_id AS kept
           FROM username_key_collisions ORDER BY user_id`,
    );
    expect(reported).toEqual([
      {
        user_id: ids['E\u0301mile'],
        username: 'E\u0301mile',
        username_key: 'émile',
        kept: ids['Émile'],
      },
      {
        user_id: ids['STRASSE'],
        username: 'STRASSE',
        username_key: 'strasse',
        kept: ids['straſse'],
      },
      { user_id: ids['Straße'], username: 'Straße', username_key: 'strasse', kept: ids['straſse'] },
      { user_id: ids['Ｂｏｂ'], username: 'Ｂｏｂ', username_key: 'bob', kept: ids['bob'] },
    ]);
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toContain(
      `(user ${ids['STRASSE']}) collides with user ${ids['straſse']}`,
    );
  });

  it('lookups by any spelling reach the key holder, even the spelling of a reported row', async () => {
    const users = new UsersRepository(database.dataSource);
    for (const spelling of ['STRASSE', 'Straße', 'strasse', 'straſse'])
      expect((await users.findByUsername(spelling))?.id).toBe(ids['straſse']);
    expect((await users.findLoginCandidate('E\u0301MILE'))?.user.id).toBe(ids['Émile']);
    expect((await users.findByUsername('Ｂｏｂ'))?.id).toBe(ids['bob']);
  });

  it('the unique index now refuses a new look-alike, and a renamed reported row gets its own key', async () => {
    const users = new UsersRepository(database.dataSource);
    await expect(users.create(buildUser({ username: 'STRAßE' }))).rejects.toMatchObject({
      code: '23505',
    });
    await users.updateAccount(ids['Straße'], { username: 'Straße2' });
    expect((await users.findByUsername('STRASSE2'))?.id).toBe(ids['Straße']);
  });

  it('lists reported rows in an admin search, so they can be found and renamed', async () => {
    const users = new UsersRepository(database.dataSource);
    const page = await users.list('émile', { page: 1, pageSize: 20 });
    expect(page.items.map((user) => user.id).sort()).toEqual(
      [ids['Émile'], ids['E\u0301mile']].sort(),
    );
  });
});
