import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-role session limits (set through the admin API). A user with limited
 * roles gets the largest of their roles' limits; without one, the global
 * SESSION_LIMIT_PER_USER applies.
 */
export class RoleSessionLimits1763800000510 implements MigrationInterface {
  name = 'RoleSessionLimits1763800000510';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE role_session_limits (
        role_id      integer PRIMARY KEY REFERENCES roles(id) ON DELETE CASCADE,
        max_sessions integer NOT NULL CHECK (max_sessions > 0),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS role_session_limits`);
  }
}
