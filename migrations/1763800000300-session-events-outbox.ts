import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox and webhook delivery state. `outbox_events` is
 * written in the same statement or transaction as each session and account
 * change; `dispatched_at` marks an event fanned out into one
 * `webhook_deliveries` row per enabled endpoint. A delivery is claimed with a
 * lease (`lease_until`, `claim_id`), so a worker that dies mid-delivery gives
 * the delivery back when its lease runs out. Inserts into the outbox NOTIFY
 * `outbox_event` at commit, so workers on PostgreSQL wake without waiting for
 * their poll.
 */
export class SessionEventsOutbox1763800000300 implements MigrationInterface {
  name = 'SessionEventsOutbox1763800000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox_events (
        seq            bigserial PRIMARY KEY,
        id             uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        type           varchar(64) NOT NULL,
        occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        data           jsonb NOT NULL,
        dispatched_at  timestamptz
      )`);
    await db.query(
      `CREATE INDEX outbox_events_undispatched_idx ON outbox_events (seq) WHERE dispatched_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id           serial PRIMARY KEY,
        url          varchar(2048) NOT NULL UNIQUE,
        source       varchar(16) NOT NULL CHECK (source IN ('config', 'admin')),
        enabled      boolean NOT NULL DEFAULT true,
        created_at   timestamptz NOT NULL DEFAULT now(),
        created_by   integer REFERENCES users(id) ON DELETE SET NULL,
        disabled_at  timestamptz
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id               bigserial PRIMARY KEY,
        event_id         uuid NOT NULL REFERENCES outbox_events(id) ON DELETE CASCADE,
        endpoint_id      integer NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        state            varchar(16) NOT NULL DEFAULT 'pending'
                           CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        lease_until      timestamptz,
        claim_id         uuid,
        last_status      integer,
        last_error       varchar(512),
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        UNIQUE (event_id, endpoint_id)
      )`);
    await db.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`,
    );
    await db.query(
      `CREATE INDEX webhook_deliveries_state_idx ON webhook_deliveries (state, id DESC)`,
    );
    await db.query(`
      CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_event', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify()`);
    // A stored IP that is not an inet (none should be) must not fail a bulk revoke by CIDR.
    await db.query(`
      CREATE FUNCTION try_inet(value text) RETURNS inet LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN value::inet;
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS try_inet(text)`);
    await db.query(`DROP TRIGGER IF EXISTS outbox_events_notify ON outbox_events`);
    await db.query(`DROP FUNCTION IF EXISTS outbox_events_notify()`);
    await db.query(`DROP TABLE IF EXISTS webhook_deliveries, webhook_endpoints, outbox_events`);
  }
}
