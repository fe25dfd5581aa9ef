import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { retryDelayMs } from './retry-delay';
import { postWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signature';
import { AttemptResult, ClaimedDelivery, WebhooksRepository } from './webhooks.repository';

export const OUTBOX_CHANNEL = 'outbox_event';
const FAN_OUT_BATCH = 200;
const DELIVERY_BATCH = 20;
const PRUNE_EVERY_MS = 60_000;
const RETENTION_MS = 7 * 24 * 3600_000;
const RECONNECT_MS = 1000;

/**
 * Delivers outbox events to the webhook endpoints, at least once: fans new
 * events out into deliveries, claims due ones with a lease (SKIP LOCKED, so
 * instances share the work and a crashed worker's claims expire), posts each
 * signed as Standard Webhooks describes, and retries with exponential backoff
 * and jitter until WEBHOOK_MAX_ATTEMPTS, then dead-letters. Polls every
 * WEBHOOK_POLL_MS; on PostgreSQL a LISTEN on `outbox_event` also wakes it at
 * each commit that wrote events (embedded PGlite serves one process: polling).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private listener?: Client;
  private retry?: NodeJS.Timeout;
  private lastPrune = 0;

  constructor(
    private readonly webhooks: WebhooksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.webhooks.syncConfigured(this.config.webhooks.urls);
    this.timer = setInterval(() => this.wake(), this.config.webhooks.pollMs);
    this.timer.unref();
    if (this.config.database.url) await this.listen();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    await this.listener?.end().catch(() => undefined);
    await this.running;
  }

  /** Runs a pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: Error) => this.logger.warn(`webhook delivery pass failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pass(): Promise<void> {
    while (!this.stopped && (await this.webhooks.fanOut(FAN_OUT_BATCH)) === FAN_OUT_BATCH);
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.webhooks.prune(new Date(Date.now() - RETENTION_MS));
    }
    const secret = this.config.webhooks.secret;
    // Without a secret nothing may be sent; deliveries wait until one is configured.
    if (!secret) return;
    for (;;) {
      if (this.stopped) return;
      const claimed = await this.webhooks.claimDue(DELIVERY_BATCH, this.config.webhooks.leaseMs);
      await Promise.all(claimed.map((delivery) => this.deliver(delivery, secret)));
      if (claimed.length < DELIVERY_BATCH) return;
    }
  }

  private async deliver(delivery: ClaimedDelivery, secret: Buffer): Promise<void> {
    const { event } = delivery;
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      timestamp: event.timestamp.toISOString(),
      data: event.data,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await postWebhook(
      delivery.url,
      {
        'content-type': 'application/json',
        'user-agent': 'session-gateway-webhooks',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, event.id, timestamp, body),
      },
      body,
      this.config.webhooks.timeoutMs,
    );
    const { maxAttempts } = this.config.webhooks;
    const result: AttemptResult = outcome.ok
      ? { delivered: true, status: outcome.status ?? 200 }
      : {
          delivered: false,
          status: outcome.status,
          error: outcome.error ?? 'failed',
          retryAt:
            delivery.attempts >= maxAttempts
              ? null
              : new Date(Date.now() + retryDelayMs(delivery.attempts, this.config.webhooks)),
        };
    if (!result.delivered && result.retryAt === null)
      this.logger.warn(
        `webhook delivery ${delivery.id} (${event.type}) to ${delivery.url} dead after ${delivery.attempts} attempts: ${outcome.error}`,
      );
    await this.webhooks.settle(delivery, result);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url });
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.relisten(client, error));
    client.on('end', () => this.relisten(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.relisten(client, error as Error);
    }
  }

  /** Polling carries on meanwhile; the listener only shortens the wait. */
  private relisten(client: Client, error?: Error): void {
    if (this.stopped || this.retry) return;
    if (error) this.logger.warn(`outbox listener lost its connection: ${error.message}`);
    client.removeAllListeners();
    client.end().catch(() => undefined);
    this.listener = undefined;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.listen();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
