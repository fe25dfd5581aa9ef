import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/config';
import { SessionStateCache } from './session-state.cache';
import { SessionsRepository, SessionState } from './sessions.repository';

/** Activity older than this slides the idle expiry; more often would be a write per request. */
const TOUCH_AFTER_MS = 60_000;

/** Liveness checks for authenticated requests, and the idle-timeout slide they cause. */
@Injectable()
export class SessionActivity {
  private readonly logger = new Logger(SessionActivity.name);
  private readonly touching = new Set<number>();

  constructor(
    private readonly cache: SessionStateCache,
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async liveSession(sessionId: number): Promise<SessionState | null> {
    const now = Date.now();
    const state = await this.cache.active(sessionId, now);
    if (state && now - state.lastUpdatedAt.getTime() > TOUCH_AFTER_MS) this.touch(sessionId);
    return state;
  }

  /** Fire-and-forget: a failed slide must not fail the request that caused it. */
  private touch(sessionId: number): void {
    if (this.touching.has(sessionId)) return;
    this.touching.add(sessionId);
    this.sessions
      .touch(sessionId, this.config.session.idleTimeoutSeconds)
      .then(() => this.cache.invalidate(sessionId))
      .catch((error: Error) =>
        this.logger.warn(`idle slide failed for session ${sessionId}: ${error.message}`),
      )
      .finally(() => this.touching.delete(sessionId));
  }
}
