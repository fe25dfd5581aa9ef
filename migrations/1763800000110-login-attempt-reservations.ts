import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password checks in flight per account, so that lockout stays exact under
 * concurrency: a login reserves a slot on the user row (one conditional
 * UPDATE) before it touches the hash, and its verdict turns the slot into a
 * failure or clears it. Each slot is `{"id": <uuid>, "until": <epoch seconds>}`;
 * a slot past `until` no longer counts, so an instance that dies between
 * reserving and answering cannot keep the account's attempts taken for good.
 */
export class LoginAttemptReservations1763800000110 implements MigrationInterface {
  name = 'LoginAttemptReservations1763800000110';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE users ADD COLUMN login_reservations jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN IF EXISTS login_reservations`);
  }
}
