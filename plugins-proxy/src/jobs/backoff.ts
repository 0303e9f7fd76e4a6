/**
 * When to try a job again: exponential backoff with jitter (so many jobs that failed together do
 * not retry together), never sooner than the server's Retry-After hint.
 */
export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 2_000, maxDelayMs: 10 * 60_000 };

/**
 * The delay before attempt `attempts + 1`, given `attempts` made so far (1 after the first try).
 * Half the exponential delay is fixed and half random, so the spread never collapses to zero.
 */
export function retryDelayMs(
  attempts: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.round(Math.max(jittered, retryAfterMs));
}
