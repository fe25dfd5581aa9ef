import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many users hold an active session, for the admin list's TotalCount
 * without counting ~100k index entries on every request.
 *
 * A row trigger on users appends +1/-1 to active_user_tally whenever a
 * user's active_session_count crosses zero (in the same transaction, so the
 * sum is exact at every snapshot). Appends never lock a shared row, so logins
 * and revocations do not queue or deadlock on a counter; the sweeper folds the
 * rows into one now and then (compactActiveUserTally), so the sum reads a
 * handful of rows.
 */
export class ActiveUserTally1763800000010 implements MigrationInterface {
  name = 'ActiveUserTally1763800000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE active_user_tally (delta integer NOT NULL)`);
    await db.query(
      `INSERT INTO active_user_tally (delta)
       SELECT count(*)::int FROM users WHERE active_session_count > 0`,
    );
    await db.query(`
      CREATE FUNCTION users_tally_active() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.active_session_count > 0 THEN INSERT INTO active_user_tally VALUES (1); END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF OLD.active_session_count > 0 THEN INSERT INTO active_user_tally VALUES (-1); END IF;
        ELSIF (OLD.active_session_count > 0) <> (NEW.active_session_count > 0) THEN
          INSERT INTO active_user_tally VALUES (CASE WHEN NEW.active_session_count > 0 THEN 1 ELSE -1 END);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER users_tally_active AFTER INSERT OR DELETE OR UPDATE OF active_session_count ON users
      FOR EACH ROW EXECUTE FUNCTION users_tally_active()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS users_tally_active ON users`);
    await db.query(`DROP FUNCTION IF EXISTS users_tally_active()`);
    await db.query(`DROP TABLE IF EXISTS active_user_tally`);
  }
}
