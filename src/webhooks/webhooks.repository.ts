import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventType, OutboxEvent } from '@/events/event-catalogue';
import { offsetOf, Page, PageRequest } from '@/platform/paging/page';

export type EndpointSource = 'config' | 'admin';

export interface WebhookEndpoint {
  id: number;
  url: string;
  source: EndpointSource;
  enabled: boolean;
  createdAt: Date;
  disabledAt: Date | null;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** A delivery as the admin API lists it. */
export interface WebhookDelivery {
  /** bigint, as text. */
  id: string;
  eventId: string;
  eventType: EventType;
  endpointId: number;
  endpointUrl: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A delivery a worker holds the lease on; only the holder of `claimId` may settle it. */
export interface ClaimedDelivery {
  id: string;
  claimId: string;
  /** Including this one. */
  attempts: number;
  url: string;
  event: OutboxEvent;
}

/** How an attempt ended: delivered, to be retried at `retryAt`, or dead-lettered (`retryAt` null). */
export type AttemptResult =
  | { delivered: true; status: number }
  | { delivered: false; status: number | null; error: string; retryAt: Date | null };

export type EndpointChange = 'changed' | 'unchanged' | 'notFound';

const ENDPOINT_COLUMNS = `id, url, source, enabled, created_at, disabled_at`;

/** Webhook endpoints and deliveries, and the outbox as their source. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Makes the configured URLs enabled endpoints (configuration wins over an
   * earlier admin disable at each start) and disables configured ones no
   * longer listed.
   */
  async syncConfigured(urls: string[]): Promise<void> {
    await this.dataSource.query(
      `WITH listed AS (
         INSERT INTO webhook_endpoints (url, source) SELECT unnest($1::varchar[]), 'config'
         ON CONFLICT (url) DO UPDATE SET enabled = true, disabled_at = NULL, source = 'config'
         RETURNING id)
       UPDATE webhook_endpoints SET enabled = false, disabled_at = now()
        WHERE source = 'config' AND enabled AND id NOT IN (SELECT id FROM listed)`,
      [urls],
    );
  }

  /** Adds an endpoint, or re-enables a disabled one with that URL; null when it is already enabled. */
  async addEndpoint(url: string, createdBy: number): Promise<WebhookEndpoint | null> {
    const rows: EndpointRow[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoints (url, source, created_by) VALUES ($1, 'admin', $2)
       ON CONFLICT (url) DO UPDATE SET enabled = true, disabled_at = NULL
         WHERE NOT webhook_endpoints.enabled
       RETURNING ${ENDPOINT_COLUMNS}`,
      [url, createdBy],
    );
    return rows[0] ? toEndpoint(rows[0]) : null;
  }

  async listEndpoints(page: PageRequest): Promise<Page<WebhookEndpoint>> {
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY id LIMIT $1 OFFSET $2`,
        [page.pageSize, offsetOf(page)],
      ),
      this.dataSource.query(`SELECT count(*)::int AS count FROM webhook_endpoints`),
    ]);
    return { items: (rows as EndpointRow[]).map(toEndpoint), totalCount: count, ...page };
  }

  /** Stops deliveries to an endpoint (pending ones wait, and resume if it is enabled again). */
  async disableEndpoint(id: number): Promise<EndpointChange> {
    const rows: Array<{ changed: boolean }> = await this.dataSource.query(
      `WITH target AS (SELECT id, enabled FROM webhook_endpoints WHERE id = $1),
       changed AS (
         UPDATE webhook_endpoints e SET enabled = false, disabled_at = now()
           FROM target WHERE e.id = target.id AND target.enabled RETURNING e.id)
       SELECT EXISTS (SELECT 1 FROM changed) AS changed FROM target`,
      [id],
    );
    if (rows.length === 0) return 'notFound';
    return rows[0].changed ? 'changed' : 'unchanged';
  }

  /**
   * Turns up to `limit` new outbox events into one pending delivery per
   * enabled endpoint; one statement, SKIP LOCKED, so workers split the events.
   * Returns how many events were taken.
   */
  async fanOut(limit: number): Promise<number> {
    const [{ events }]: Array<{ events: number }> = await this.dataSource.query(
      `WITH taken AS (
         UPDATE outbox_events o SET dispatched_at = now()
          WHERE o.seq IN (SELECT seq FROM outbox_events WHERE dispatched_at IS NULL
                           ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING o.id, o.seq),
       fanned AS (
         INSERT INTO webhook_deliveries (event_id, endpoint_id)
         SELECT t.id, e.id FROM taken t CROSS JOIN webhook_endpoints e WHERE e.enabled
          ORDER BY t.seq, e.id
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT (SELECT count(*)::int FROM taken) AS events, (SELECT count(*) FROM fanned) AS deliveries`,
      [limit],
    );
    return events;
  }

  /**
   * Claims up to `limit` due deliveries to enabled endpoints for `leaseMs`:
   * each gets a fresh claim id and counts one more attempt. A lease that ran
   * out (its worker died) makes the delivery due again.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows: Array<{
      id: string;
      claim_id: string;
      attempts: number;
      url: string;
      event_id: string;
      type: EventType;
      occurred_at: Date;
      data: OutboxEvent['data'];
    }> = await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
          WHERE d.state = 'pending' AND d.next_attempt_at <= now()
            AND (d.lease_until IS NULL OR d.lease_until < now())
          ORDER BY d.next_attempt_at, d.id LIMIT $1
          FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d
            SET lease_until = clock_timestamp() + make_interval(secs => $2::float8 / 1000),
                claim_id = gen_random_uuid(), attempts = d.attempts + 1
           FROM due WHERE d.id = due.id
          RETURNING d.id, d.claim_id, d.attempts, d.event_id, d.endpoint_id)
       SELECT c.id, c.claim_id, c.attempts, e.url, o.id AS event_id, o.type, o.occurred_at, o.data
         FROM claimed c
         JOIN webhook_endpoints e ON e.id = c.endpoint_id
         JOIN outbox_events o ON o.id = c.event_id
        ORDER BY o.seq`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: String(row.id),
      claimId: row.claim_id,
      attempts: row.attempts,
      url: row.url,
      event: { id: row.event_id, type: row.type, timestamp: row.occurred_at, data: row.data },
    }));
  }

  /** Records an attempt's outcome, if the claim is still this worker's (else a newer claim owns it). */
  async settle(delivery: ClaimedDelivery, result: AttemptResult): Promise<void> {
    if (result.delivered) {
      await this.dataSource.query(
        `UPDATE webhook_deliveries
            SET state = 'delivered', delivered_at = now(), last_status = $3, last_error = NULL,
                lease_until = NULL, claim_id = NULL
          WHERE id = $1 AND claim_id = $2`,
        [delivery.id, delivery.claimId, result.status],
      );
      return;
    }
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET state = CASE WHEN $5::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
              next_attempt_at = coalesce($5::timestamptz, next_attempt_at),
              last_status = $3, last_error = $4, lease_until = NULL, claim_id = NULL
        WHERE id = $1 AND claim_id = $2`,
      [delivery.id, delivery.claimId, result.status, result.error.slice(0, 512), result.retryAt],
    );
  }

  /** Newest first, optionally only those in `state`. */
  async listDeliveries(
    state: DeliveryState | undefined,
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    const where = state ? `WHERE d.state = $3` : '';
    const params: unknown[] = [page.pageSize, offsetOf(page), ...(state ? [state] : [])];
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id, d.event_id, o.type, d.endpoint_id, e.url, d.state, d.attempts, d.next_attempt_at,
                d.last_status, d.last_error, d.created_at, d.delivered_at
           FROM webhook_deliveries d
           JOIN outbox_events o ON o.id = d.event_id
           JOIN webhook_endpoints e ON e.id = d.endpoint_id
           ${where} ORDER BY d.id DESC LIMIT $1 OFFSET $2`,
        params,
      ),
      state
        ? this.dataSource.query(
            `SELECT count(*)::int AS count FROM webhook_deliveries d WHERE d.state = $1`,
            [state],
          )
        : this.dataSource.query(`SELECT count(*)::int AS count FROM webhook_deliveries`),
    ]);
    return {
      items: (rows as Array<Record<string, never>>).map((row) => ({
        id: String(row.id),
        eventId: row.event_id,
        eventType: row.type,
        endpointId: row.endpoint_id,
        endpointUrl: row.url,
        state: row.state,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        lastStatus: row.last_status,
        lastError: row.last_error,
        createdAt: row.created_at,
        deliveredAt: row.delivered_at,
      })),
      totalCount: count,
      ...page,
    };
  }

  /**
   * Sends a delivery again from scratch (attempts reset, due now), whatever
   * its state; a worker holding it in flight loses its claim. False when no
   * delivery has that id.
   */
  async redeliver(id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET state = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL,
              claim_id = NULL, delivered_at = NULL
        WHERE id = $1 RETURNING id`,
      [id],
    );
    return (rows as unknown[]).length > 0;
  }

  /** Drops events (and their deliveries) fanned out before `before` that have nothing pending. */
  async prune(before: Date): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM outbox_events o
        WHERE o.dispatched_at < $1
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = o.id AND d.state = 'pending')`,
      [before],
    );
  }
}

interface EndpointRow {
  id: number;
  url: string;
  source: EndpointSource;
  enabled: boolean;
  created_at: Date;
  disabled_at: Date | null;
}

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    source: row.source,
    enabled: row.enabled,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}
