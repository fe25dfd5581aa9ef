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

  describe('refresh-ahead and ends', () => {
    const TTL = 1_000;
    /** A loader whose answers the test hands out one by one, in the order they were asked. */
    let pending: Array<{ id: number; answer: (state: SessionState | null) => void }>;
    const controlled = {
      findState: (id: number) =>
        new Promise<SessionState | null>((answer) => pending.push({ id, answer })),
    } as unknown as SessionsRepository;
    const live = (id: number, permissions: string[]) =>
      ({
        id,
        userId: 10,
        revokedAt: null,
        userActive: true,
        expiresAt: new Date(NOW + 60_000),
        permissions,
      }) as unknown as SessionState;
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    /** A cache whose entry for session 1 was loaded at NOW with `old`. */
    const primed = async () => {
      const cache = new SessionStateCache(controlled, {
        session: { stateCacheTtlMs: TTL },
      } as AppConfig);
      const first = cache.active(1, NOW);
      pending.shift()!.answer(live(1, ['old']));
      await first;
      return cache;
    };

    beforeEach(() => (pending = []));

    it('answers from the cache before half the TTL without a query', async () => {
      const cache = await primed();
      expect((await cache.active(1, NOW + TTL / 2 - 1))?.permissions).toEqual(['old']);
      expect(pending).toHaveLength(0);
    });

    it('after half the TTL answers the cached state at once and refreshes once in the background', async () => {
      const cache = await primed();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => cache.active(1, NOW + TTL / 2 + i)),
      );
      expect(answers.map((state) => state?.permissions)).toEqual(Array(20).fill(['old']));
      expect(pending.map((load) => load.id)).toEqual([1]);

      pending.shift()!.answer(live(1, ['new']));
      await flush();
      // The fresh state counts from when its query was sent (NOW + TTL/2): no new query yet.
      expect((await cache.active(1, NOW + TTL - 1))?.permissions).toEqual(['new']);
      expect(pending).toHaveLength(0);
    });

    it('a failed refresh keeps the cached state and lets a later read try again', async () => {
      const cache = await primed();
      await cache.active(1, NOW + TTL / 2);
      const failing = pending.shift()!;
      (failing.answer as unknown as (value: Promise<never>) => void)(
        Promise.reject(new Error('db down')),
      );
      await flush();
      expect((await cache.active(1, NOW + TTL / 2 + 1))?.permissions).toEqual(['old']);
      expect(pending).toHaveLength(1);
    });

    it('an end that arrives while a refresh is in flight wins over the refreshed state', async () => {
      const cache = await primed();
      await cache.active(1, NOW + TTL / 2);
      const refresh = pending.shift()!;

      // The session ends locally while the refresh's query (sent before the end) is still out.
      cache.invalidate(1);
      const afterEnd = cache.check(1, NOW + TTL / 2 + 1);
      const reload = pending.shift()!;
      refresh.answer(live(1, ['stale']));
      await flush();
      reload.answer({ ...live(1, ['stale']), revokedAt: new Date(NOW) } as SessionState);

      expect((await afterEnd).verdict).toBe('ended');
      expect((await cache.check(1, NOW + TTL / 2 + 2)).verdict).toBe('ended');
      expect(pending).toHaveLength(0);
    });

    it('a stale refresh is not cached after invalidateUser or invalidateAll either', async () => {
      for (const end of [
        (cache: SessionStateCache) => cache.invalidateUser(10),
        (cache: SessionStateCache) => cache.invalidateAll(),
      ]) {
        const cache = await primed();
        await cache.active(1, NOW + TTL / 2);
        const refresh = pending.shift()!;
        end(cache);
        refresh.answer(live(1, ['stale']));
        await flush();
        const next = cache.active(1, NOW + TTL / 2 + 1);
        expect(pending).toHaveLength(1);
        pending.shift()!.answer(null);
        expect(await next).toBeNull();
      }
    });
  });
});
