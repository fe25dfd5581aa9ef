import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { SessionsRepository, SessionState } from './sessions.repository';

interface Entry {
  state: Promise<SessionState | null>;
  fetchedAt: number;
  /** The session's owner once the state has arrived (null: no such session), for `invalidateUser`. */
  userId?: number | null;
  /** The state once it has arrived, so a hit can be answered without awaiting `state`. */
  settled?: { value: SessionState | null };
  /** A refresh-ahead query for this entry is in flight. */
  refreshing?: boolean;
}

const MAX_ENTRIES = 100_000;

export type SessionCheck =
  | { verdict: 'live'; state: SessionState }
  | { verdict: 'ownerInactive'; state: SessionState }
  | { verdict: 'ended'; state: null };

/**
 * Session liveness for the per-request token check, cached for a short TTL
 * (SESSION_CACHE_TTL_MS, default 1 s) so a busy client costs one query per
 * second, not one per request. Local ends invalidate at once; other instances
 * learn through the `session_ended` notifications (SessionEndedListener).
 */
@Injectable()
export class SessionStateCache {
  private readonly entries = new Map<number, Entry>();
  private readonly ttlMs: number;

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.session.stateCacheTtlMs;
  }

  /** The live state of a session, or null when it is unknown, ended, expired or its owner inactive. */
  async active(sessionId: number, now = Date.now()): Promise<SessionState | null> {
    const { verdict, state } = await this.check(sessionId, now);
    return verdict === 'live' ? state : null;
  }

  /**
   * The session's state and whether it is live; `ownerInactive` when only its
   * owner (blocked or disabled) stands in the way, so the caller can end it.
   */
  async check(sessionId: number, now = Date.now()): Promise<SessionCheck> {
    return verdictOf(await this.lookup(sessionId, now), now);
  }

  /**
   * `check` answered synchronously when the cache already holds a settled,
   * fresh entry (the common case for a busy token); undefined when the caller
   * has to await `check`. Same verdicts, same refresh-ahead.
   */
  checkCached(sessionId: number, now = Date.now()): SessionCheck | undefined {
    const cached = this.entries.get(sessionId);
    if (!cached?.settled || now - cached.fetchedAt >= this.ttlMs) return undefined;
    if (!cached.refreshing && now - cached.fetchedAt >= this.ttlMs / 2)
      this.refreshAhead(sessionId, cached, now);
    return verdictOf(cached.settled.value, now);
  }

  invalidate(sessionId: number): void {
    this.entries.delete(sessionId);
  }

  /** Drops every cached session of a user (e.g. after a role change), and entries still loading. */
  invalidateUser(userId: number): void {
    for (const [sessionId, entry] of this.entries) {
      if (entry.userId === undefined || entry.userId === userId) this.entries.delete(sessionId);
    }
  }

  invalidateAll(): void {
    this.entries.clear();
  }

  private lookup(sessionId: number, now: number): Promise<SessionState | null> {
    const cached = this.entries.get(sessionId);
    if (cached && now - cached.fetchedAt < this.ttlMs) {
      if (!cached.refreshing && now - cached.fetchedAt >= this.ttlMs / 2)
        this.refreshAhead(sessionId, cached, now);
      return cached.state;
    }
    const state = this.sessions.findState(sessionId);
    if (this.ttlMs > 0) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.remember(sessionId, { state, fetchedAt: now });
      // A failed lookup must not be cached.
      state.catch(() => this.entries.delete(sessionId));
    }
    return state;
  }

  private remember(sessionId: number, entry: Entry): void {
    this.entries.set(sessionId, entry);
    entry.state.then(
      (state) => {
        entry.userId = state?.userId ?? null;
        entry.settled = { value: state };
      },
      () => undefined,
    );
  }

  /**
   * A busy session's entry is re-read in the background once it is half its
   * TTL old, while the cached one (still within its TTL) keeps answering, so
   * requests do not all stall on one query each TTL. The fresh state counts
   * from when its query was sent, and replaces the entry only if nothing
   * invalidated it meanwhile: an end seen during the query always wins.
   */
  private refreshAhead(sessionId: number, entry: Entry, now: number): void {
    entry.refreshing = true;
    const state = this.sessions.findState(sessionId);
    state.then(
      () => {
        if (this.entries.get(sessionId) === entry)
          this.remember(sessionId, { state, fetchedAt: now });
      },
      () => (entry.refreshing = false),
    );
  }
}

function verdictOf(state: SessionState | null, now: number): SessionCheck {
  if (!state || state.revokedAt || state.expiresAt.getTime() <= now)
    return { verdict: 'ended', state: null };
  return state.userActive ? { verdict: 'live', state } : { verdict: 'ownerInactive', state };
}
