import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces every session end on the `session_ended` channel. NOTIFY is sent
 * at commit, so listeners (other instances' liveness caches) hear of exactly
 * the ends that happened, whichever code path ended the session.
 */
export class SessionEndedNotify1763800000001 implements MigrationInterface {
  name = 'SessionEndedNotify1763800000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION sessions_notify_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('session_ended', NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER sessions_notify_ended AFTER UPDATE OF revoked_at ON sessions
      FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
      EXECUTE FUNCTION sessions_notify_ended()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS sessions_notify_ended ON sessions`);
    await db.query(`DROP FUNCTION IF EXISTS sessions_notify_ended()`);
  }
}
