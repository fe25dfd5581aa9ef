import { Logger } from '@nestjs/common';
import { AppConfig } from '@/platform/config';
import { SessionActivity } from './session-activity.service';
import { SessionCheck, SessionStateCache } from './session-state.cache';
import { SessionsRepository, SessionState } from './sessions.repository';
import { SessionsService } from './sessions.service';

describe('SessionActivity', () => {
  const IDLE_SECONDS = 1_800;
  const OWNER = '0f0e0d0c-0b0a-4908-8706-050403020100';
  let verdict: SessionCheck;
  let touches: Array<{ id: number; idleSeconds: number; settle: (error?: Error) => void }>;
  let invalidated: number[];
  let ended: number[];
  let warn: jest.SpyInstance;

  const cache = {
    // No synchronous hits here: every check goes through `check` (the cache's own spec covers checkCached).
    checkCached: () => undefined,
    check: async () => verdict,
    invalidate: (id: number) => invalidated.push(id),
  } as unknown as SessionStateCache;
  const repository = {
    touch: (id: number, idleSeconds: number) =>
      new Promise<void>((resolve, reject) =>
        touches.push({ id, idleSeconds, settle: (error) => (error ? reject(error) : resolve()) }),
      ),
  } as unknown as SessionsRepository;
  const lifecycle = {
    endForInactiveOwner: async (id: number) => void ended.push(id),
  } as unknown as SessionsService;
  const config = { session: { idleTimeoutSeconds: IDLE_SECONDS } } as AppConfig;
  const activity = () => new SessionActivity(cache, repository, lifecycle, config);
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  /** A live session last written `ageMs` ago. */
  const liveFor = (ageMs: number): SessionCheck => ({
    verdict: 'live',
    state: { id: 7, userGuid: OWNER, lastUpdatedAt: new Date(Date.now() - ageMs) } as SessionState,
  });

  beforeEach(() => {
    touches = [];
    invalidated = [];
    ended = [];
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('answers a recently written live session without writing', async () => {
    verdict = liveFor(30_000);
    expect(await activity().liveSession(7, OWNER)).toBe(verdict.state);
    expect(touches).toHaveLength(0);
  });

  it('slides the idle expiry of a session idle for over a minute, then drops its cached state', async () => {
    verdict = liveFor(61_000);
    expect(await activity().liveSession(7, OWNER)).toBe(verdict.state);
    expect(touches.map(({ id, idleSeconds }) => ({ id, idleSeconds }))).toEqual([
      { id: 7, idleSeconds: IDLE_SECONDS },
    ]);
    // The request does not wait for the write; the cache is dropped only once it is done.
    expect(invalidated).toEqual([]);
    touches[0].settle();
    await flush();
    expect(invalidated).toEqual([7]);
  });

  it('writes once for concurrent requests of one session, again once that write is done', async () => {
    verdict = liveFor(61_000);
    const service = activity();
    await Promise.all(Array.from({ length: 10 }, () => service.liveSession(7, OWNER)));
    expect(touches).toHaveLength(1);

    touches[0].settle();
    await flush();
    await service.liveSession(7, OWNER);
    expect(touches).toHaveLength(2);
  });

  it('a failed write does not fail the request, is logged, keeps the cache and may be retried', async () => {
    verdict = liveFor(61_000);
    const service = activity();
    expect(await service.liveSession(7, OWNER)).toBe(verdict.state);
    touches[0].settle(new Error('connection reset'));
    await flush();
    expect(warn).toHaveBeenCalledWith('idle slide failed for session 7: connection reset');
    expect(invalidated).toEqual([]);
    await service.liveSession(7, OWNER);
    expect(touches).toHaveLength(2);
  });

  it('ends a session whose owner is no longer active and answers null, without a write', async () => {
    verdict = { verdict: 'ownerInactive', state: liveFor(61_000).state as SessionState };
    expect(await activity().liveSession(7, OWNER)).toBeNull();
    expect(ended).toEqual([7]);
    expect(touches).toHaveLength(0);
  });

  it('answers null for an ended session, ending nothing and writing nothing', async () => {
    verdict = { verdict: 'ended', state: null };
    expect(await activity().liveSession(7, OWNER)).toBeNull();
    expect(ended).toEqual([]);
    expect(touches).toHaveLength(0);
  });

  it("answers another user's token for the session null, and writes nothing", async () => {
    verdict = liveFor(61_000);
    expect(await activity().liveSession(7, OWNER.replace('0f', '1f'))).toBeNull();
    expect(touches).toHaveLength(0);
  });
});
