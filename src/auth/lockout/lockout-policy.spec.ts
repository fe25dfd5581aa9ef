import { lockoutUntil, type LockoutPolicy } from '@/auth/lockout/lockout-policy';

const NOW = new Date('2024-05-20T04:23:26.000Z');
const POLICY: LockoutPolicy = { threshold: 5, baseSeconds: 60, maxSeconds: 3600 };

function lockedSeconds(failedAttempts: number, policy = POLICY): number | null {
  const until = lockoutUntil(failedAttempts, NOW, policy);
  return until === null ? null : (until.getTime() - NOW.getTime()) / 1000;
}

describe('lockoutUntil', () => {
  it('does not lock below the threshold', () => {
    for (const attempts of [0, 1, 2, 3, 4]) expect(lockoutUntil(attempts, NOW, POLICY)).toBeNull();
  });

  it('locks for baseSeconds at the threshold, doubling with each further failure', () => {
    expect(lockedSeconds(5)).toBe(60);
    expect(lockedSeconds(6)).toBe(120);
    expect(lockedSeconds(7)).toBe(240);
    expect(lockedSeconds(8)).toBe(480);
    expect(lockedSeconds(9)).toBe(960);
    expect(lockedSeconds(10)).toBe(1920);
  });

  it('caps the lock at maxSeconds', () => {
    expect(lockedSeconds(11)).toBe(3600); // 3840 uncapped
    expect(lockedSeconds(50)).toBe(3600);
    expect(lockedSeconds(5000)).toBe(3600); // 2^4995 overflows a double; still capped
    expect(lockedSeconds(Number.MAX_SAFE_INTEGER)).toBe(3600);
    expect(lockedSeconds(Number.POSITIVE_INFINITY)).toBe(3600);
  });

  it('returns an absolute instant after now without touching now', () => {
    const now = new Date(NOW);
    const until = lockoutUntil(5, now, POLICY);
    expect(until).toEqual(new Date('2024-05-20T04:24:26.000Z'));
    expect(now).toEqual(NOW);
  });

  it('follows the configured threshold', () => {
    const strict: LockoutPolicy = { threshold: 1, baseSeconds: 10, maxSeconds: 100 };
    expect(lockedSeconds(0, strict)).toBeNull();
    expect(lockedSeconds(1, strict)).toBe(10);
    expect(lockedSeconds(2, strict)).toBe(20);
    expect(lockedSeconds(4, strict)).toBe(80);
    expect(lockedSeconds(5, strict)).toBe(100);
  });

  it('never exceeds maxSeconds even when base is larger', () => {
    expect(lockedSeconds(5, { threshold: 5, baseSeconds: 7200, maxSeconds: 3600 })).toBe(3600);
  });

  it('does not lock on NaN or negative counts', () => {
    expect(lockoutUntil(Number.NaN, NOW, POLICY)).toBeNull();
    expect(lockoutUntil(-1, NOW, POLICY)).toBeNull();
  });
});
