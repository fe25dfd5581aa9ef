import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each audit event carries the X-Request-Id of the request that caused it, and can be found by it. */
export class AuditRequestId1763800000150 implements MigrationInterface {
  name = 'AuditRequestId1763800000150';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events ADD COLUMN request_id varchar(128)`);
    await db.query(
      `CREATE INDEX audit_events_request_id_idx ON audit_events (request_id) WHERE request_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS audit_events_request_id_idx`);
    await db.query(`ALTER TABLE audit_events DROP COLUMN IF EXISTS request_id`);
  }
}
