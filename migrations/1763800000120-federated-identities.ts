import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a trusted caller of `POST api/Auth` speaks for: its own id of a person
 * (UserInfo.id, in that client's namespace) linked to the local user it
 * provisioned. One link per (client, external id); a user is linked to at
 * most one identity, so no client can reach another client's user or a local
 * account. Existing users get no link: a hand-over never reaches them.
 */
export class FederatedIdentities1763800000120 implements MigrationInterface {
  name = 'FederatedIdentities1763800000120';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE federated_identities (
        client       varchar(64) NOT NULL,
        external_id  uuid NOT NULL,
        user_id      integer NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client, external_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS federated_identities`);
  }
}
