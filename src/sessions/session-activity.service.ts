import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { SessionStateCache } from './session-state.cache';
import { SessionsRepository, SessionState } from './sessions.repository';
import { SessionsService } from './sessions.service';

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
    private readonly lifecycle: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The live session of the user `ownerGuid`, or null; a session whose owner
   * is no longer active is ended here. Only a request of the session's own
   * user slides its idle expiry. A fresh cache hit is answered as a plain
   * value (no promise): this runs on every authenticated request.
   */
  liveSession(
    sessionId: number,
    ownerGuid: string,
  ): SessionState | null | Promise<SessionState | null> {
    const now = Date.now();
    const cached = this.cache.checkCached(sessionId, now);
    if (cached?.verdict === 'live') return this.live(cached.state, ownerGuid, now);
    return this.liveAfterCheck(sessionId, ownerGuid, now);
  }

  private async liveAfterCheck(
    sessionId: number,
    ownerGuid: string,
    now: number,
  ): Promise<SessionState | null> {
    const { verdict, state } = await this.cache.check(sessionId, now);
    if (verdict === 'ownerInactive') await this.lifecycle.endForInactiveOwner(sessionId);
    if (verdict !== 'live') return null;
    return this.live(state, ownerGuid, now);
  }

  private live(state: SessionState, ownerGuid: string, now: number): SessionState | null {
    if (state.userGuid !== ownerGuid) return null;
    if (now - state.lastUpdatedAt.getTime() > TOUCH_AFTER_MS) this.touch(state.id);
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
