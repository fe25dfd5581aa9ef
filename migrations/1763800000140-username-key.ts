import { Logger } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { usernameKey } from '@/users/username-key';

const BATCH = 5000;

/**
 * Usernames become unique by their normalised key (`usernameKey`: NFKC, full
 * case fold), and every lookup by name goes through it, so `E\u0301mile` and
 * `Émile`, `straſse` and `STRASSE` can no longer be two accounts.
 *
 * The key is computed in JavaScript (PostgreSQL has NFKC but no full case
 * folding), for existing rows in batches. Rows that already collide are NOT
 * merged: the oldest account (lowest id) keeps the key; each later one keeps
 * its username and everything else but gets a NULL key (a login or lookup by
 * name finds nobody for it, as for an unknown user) and is reported, in
 * `username_key_collisions` and the log, until an administrator renames it
 * (the admin edit sets a fresh key). NULL is left only by this migration:
 * the application writes a key with every username.
 */
export class UsernameKey1763800000140 implements MigrationInterface {
  name = 'UsernameKey1763800000140';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN username_key text`);
    let lastId = 0;
    for (;;) {
      const rows: Array<{ id: number; username: string }> = await db.query(
        `SELECT id, username FROM users WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [lastId],
      );
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1].id;
      await db.query(
        `UPDATE users u SET username_key = v.key
           FROM unnest($1::int[], $2::text[]) AS v(id, key) WHERE u.id = v.id`,
        [rows.map((row) => row.id), rows.map((row) => usernameKey(row.username))],
      );
    }
    await db.query(`
      CREATE TABLE username_key_collisions (
        user_id       integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        username      varchar(256) NOT NULL,
        username_key  text NOT NULL,
        kept_user_id  integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        detected_at   timestamptz NOT NULL DEFAULT now()
      )`);
    const collisions: Array<{ user_id: number; username: string; key: string; kept: number }> =
      await db.query(`
        WITH ranked AS (
          SELECT id, username, username_key,
                 first_value(id) OVER (PARTITION BY username_key ORDER BY id) AS kept
            FROM users WHERE username_key IS NOT NULL)
        INSERT INTO username_key_collisions (user_id, username, username_key, kept_user_id)
        SELECT id, username, username_key, kept FROM ranked WHERE id <> kept
        RETURNING user_id, username, username_key AS key, kept_user_id AS kept`);
    if (collisions.length > 0) {
      await db.query(
        `UPDATE users SET username_key = NULL
          WHERE id IN (SELECT user_id FROM username_key_collisions)`,
      );
      const logger = new Logger(this.name);
      for (const row of collisions) {
        logger.warn(
          `username ${JSON.stringify(row.username)} (user ${row.user_id}) collides with user ` +
            `${row.kept} under key ${JSON.stringify(row.key)}: not merged, its key is left NULL ` +
            `(login by name finds nobody) until an administrator renames it`,
        );
      }
    }
    await db.query(`CREATE UNIQUE INDEX users_username_key_uq ON users (username_key)`);
    // The key now defines uniqueness; lower(username) stays only as the sort index of the admin list.
    await db.query(`DROP INDEX IF EXISTS users_username_lower_uq`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS username_key_collisions`);
    await db.query(`DROP INDEX IF EXISTS users_username_key_uq`);
    await db.query(`ALTER TABLE users DROP COLUMN IF EXISTS username_key`);
    await db.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS users_username_lower_uq ON users (lower(username))`,
    );
  }
}
