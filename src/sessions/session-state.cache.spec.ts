import { AppConfig } from '@/platform/config';
import { SessionStateCache } from './session-state.cache';
import { SessionsRepository, SessionState } from './sessions.repository';

describe('SessionStateCache', () => {
  const NOW = Date.parse('2026-01-01T00:00:00Z');
  const states = new Map<number, Partial<SessionState>>();
  let reads: number[];
  const repository = {
    findState: async (id: number) => {
      reads.push(id);
      const state = states.get(id);
      return state ? ({ ...state } as SessionState) : null;
    },
  } as unknown as SessionsRepository;
  const config = { session: { stateCacheTtlMs: 60_000 } } as AppConfig;
  const state = (id: number, userId: number, extra: Partial<SessionState> = {}) =>
    states.set(id, {
      id,
      userId,
      revokedAt: null,
      userActive: true,
      expiresAt: new Date(NOW + 60_000),
      permissions: ['session.read'],
      ...extra,
    });

  beforeEach(() => {
    reads = [];
    states.clear();
  });

  it('tells a live session, an ended one and one whose owner is inactive apart', async () => {
    const cache = new SessionStateCache(repository, config);
    state(1, 10);
    state(2, 10, { revokedAt: new Date(NOW) });
    state(3, 10, { expiresAt: new Date(NOW) });
    state(4, 11, { userActive: false });
    expect((await cache.check(1, NOW)).verdict).toBe('live');
    expect((await cache.check(2, NOW)).verdict).toBe('ended');
    expect((await cache.check(3, NOW)).verdict).toBe('ended');
    expect((await cache.check(5, NOW)).verdict).toBe('ended');
    expect((await cache.check(4, NOW)).verdict).toBe('ownerInactive');
    expect(await cache.active(4, NOW)).toBeNull();
  });

  it("invalidateUser re-reads that user's sessions only", async () => {
    const cache = new SessionStateCache(repository, config);
    state(1, 10);
    state(2, 10);
    state(3, 20);
    for (const id of [1, 2, 3]) await cache.active(id, NOW);
    states.set(1, { ...states.get(1), permissions: [] });
    cache.invalidateUser(10);
    reads = [];
    for (const id of [1, 2, 3]) await cache.active(id, NOW + 1);
    expect(reads).toEqual([1, 2]);
    expect((await cache.active(1, NOW + 2))?.permissions).toEqual([]);
  });

  it('answers a settled, fresh entry synchronously, and nothing else', async () => {
    const cache = new SessionStateCache(repository, config);
    state(1, 10);
    expect(cache.checkCached(1, NOW)).toBeUndefined();
    const pending = cache.check(1, NOW);
    // Asked while the query is in flight: not settled yet, so the caller must await.
    expect(cache.checkCached(1, NOW)).toBeUndefined();
    await pending;
    expect(cache.checkCached(1, NOW + 1)?.verdict).toBe('live');
    expect(cache.checkCached(1, NOW + 60_000)).toBeUndefined();
    cache.invalidate(1);
    expect(cache.checkCached(1, NOW + 2)).toBeUndefined();
    expect(reads).toEqual([1]);
  });

  it('a synchronous hit still sees the session expire', async () => {
    const cache = new SessionStateCache(repository, config);
    state(1, 10, { expiresAt: new Date(NOW + 1000) });
    await cache.check(1, NOW);
    expect(cache.checkCached(1, NOW + 999)?.verdict).toBe('live');
    expect(cache.checkCached(1, NOW + 1000)?.verdict).toBe('ended');
  });
});
