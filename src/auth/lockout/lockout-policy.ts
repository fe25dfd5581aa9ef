export interface LockoutPolicy {
  /** Failed attempts at which the first lock starts. */
  threshold: number;
  /** Length of the first lock; it doubles with every further failure. */
  baseSeconds: number;
  /** No lock lasts longer than this. */
  maxSeconds: number;
}

/**
 * When an account with `failedAttempts` consecutive failures is locked until,
 * or null when it is not locked: base * 2^(attempts - threshold), capped.
 * Doubling makes online guessing pointless while a user who mistypes a few
 * times more is only briefly inconvenienced; the cap bounds how long an
 * attacker can keep a victim out by failing on purpose.
 */
export function lockoutUntil(
  failedAttempts: number,
  now: Date,
  policy: LockoutPolicy,
): Date | null {
  if (Number.isNaN(failedAttempts) || failedAttempts < policy.threshold) return null;
  const doublings = Math.floor(failedAttempts) - policy.threshold;
  // 2^1024 is Infinity; stop doubling long before that, the cap applies anyway.
  const seconds = Math.min(policy.baseSeconds * 2 ** Math.min(doublings, 64), policy.maxSeconds);
  return new Date(now.getTime() + Math.max(0, seconds) * 1000);
}
