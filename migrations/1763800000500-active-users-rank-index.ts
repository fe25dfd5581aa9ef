import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin list by count orders by (-active_session_count, id), both
 * ascending, so that a keyset page is one row comparison,
 * `((-active_session_count), id) > ($1, $2)`, which this index range-scans.
 * (active_session_count DESC, id ASC) could not: a mixed-direction key has no
 * row comparison, and the OR it needs is no index condition.
 */
export class ActiveUsersRankIndex1763800000500 implements MigrationInterface {
  name = 'ActiveUsersRankIndex1763800000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX users_active_rank_idx ON users ((-active_session_count), id) WHERE active_session_count > 0`,
    );
    await db.query(`DROP INDEX IF EXISTS users_active_count_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX IF NOT EXISTS users_active_count_idx ON users (active_session_count DESC, id) WHERE active_session_count > 0`,
    );
    await db.query(`DROP INDEX IF EXISTS users_active_rank_idx`);
  }
}
