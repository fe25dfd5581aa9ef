import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's active sessions, newest first, with expires_at carried in the
 * index: the admin `user-sessions` page finds its page of ids (and its count)
 * with an index-only scan, skipping OFFSET rows without reading them from the
 * heap. Replaces sessions_active_by_user_idx (same key, same predicate).
 */
export class ActiveSessionsCoveringIndex1763800000011 implements MigrationInterface {
  name = 'ActiveSessionsCoveringIndex1763800000011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX sessions_active_by_user_cover_idx ON sessions (user_id, id DESC) INCLUDE (expires_at)
        WHERE revoked_at IS NULL`,
    );
    await db.query(`DROP INDEX IF EXISTS sessions_active_by_user_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX IF NOT EXISTS sessions_active_by_user_idx ON sessions (user_id, id DESC) WHERE revoked_at IS NULL`,
    );
    await db.query(`DROP INDEX IF EXISTS sessions_active_by_user_cover_idx`);
  }
}
