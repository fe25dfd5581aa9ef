import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository';

const SWEEP_EVERY_MS = 30_000;
const BATCH_SIZE = 1000;
const MAX_BATCHES_PER_SWEEP = 50;

/**
 * Ends sessions whose expiry has passed, so the per-user active counters the
 * admin list reads stay exact. Token checks never depend on it: they compare
 * expires_at themselves. Batches use SKIP LOCKED, so instances can sweep together.
 */
@Injectable()
export class ExpiredSessionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiredSessionSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly sessions: SessionsRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .finally(() => (this.running = undefined));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many sessions were ended. */
  async sweep(): Promise<number> {
    let total = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
        const ended = await this.sessions.endExpired(BATCH_SIZE);
        total += ended;
        if (ended < BATCH_SIZE) break;
      }
      await this.sessions.compactActiveUserTally();
    } catch (error) {
      this.logger.warn(`expired-session sweep failed: ${(error as Error).message}`);
    }
    return total;
  }
}
