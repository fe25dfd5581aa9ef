import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users brought in by `import:users` keep their legacy id as their id (so every
 * legacy surface that names a user by id, `UsuarioDto.Id`/`IdUser`, `UserID`,
 * the admin `ID`, names the same person as before), and `legacy_id` marks them
 * as imported: a re-import may update only such rows, never a user created here.
 */
export class UserLegacyId1763800000200 implements MigrationInterface {
  name = 'UserLegacyId1763800000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN legacy_id integer UNIQUE`);
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_legacy_id_is_id CHECK (legacy_id IS NULL OR legacy_id = id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_legacy_id_is_id`);
    await db.query(`ALTER TABLE users DROP COLUMN IF EXISTS legacy_id`);
  }
}
