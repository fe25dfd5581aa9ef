/**
 * How long after failed attempt number `attempt` (1-based) the next one waits:
 * exponential (base, 2×base, 4×base, … capped at `maxMs`) with "equal
 * jitter" (half fixed, half random), so receivers that failed together are
 * not retried in lockstep.
 */
export function retryDelayMs(
  attempt: number,
  policy: { retryBaseMs: number; retryMaxMs: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    policy.retryMaxMs,
    policy.retryBaseMs * 2 ** Math.min(attempt - 1, 40),
  );
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
