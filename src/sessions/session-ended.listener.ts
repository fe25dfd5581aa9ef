import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { SessionStateCache } from './session-state.cache';

export const SESSION_ENDED_CHANNEL = 'session_ended';
const RECONNECT_MS = 1000;

/**
 * Hears `session_ended` notifications (sent by a trigger at commit) on a
 * dedicated connection and drops those sessions from this instance's liveness
 * cache, so a session revoked through any instance is refused everywhere at
 * once. While the connection is down the cache is cleared and the TTL bounds
 * staleness. Embedded PGlite serves one process only, so it needs no listener.
 */
@Injectable()
export class SessionEndedListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionEndedListener.name);
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly cache: SessionStateCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.database.url) await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url });
    client.on('notification', (message) => {
      const id = Number(message.payload);
      if (Number.isInteger(id)) this.cache.invalidate(id);
    });
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_ENDED_CHANNEL}`);
      this.client = client;
      // Anything cached before we listened may have ended unheard.
      this.cache.invalidateAll();
    } catch (error) {
      this.reconnect(client, error as Error);
    }
  }

  private reconnect(client: Client, error?: Error): void {
    if (this.stopped || this.retry) return;
    if (error) this.logger.warn(`session_ended listener lost its connection: ${error.message}`);
    client.removeAllListeners();
    client.end().catch(() => undefined);
    this.client = undefined;
    this.cache.invalidateAll();
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
