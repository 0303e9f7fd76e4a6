/** A time source with timers, injected so limiters and retries can be tested without waiting. */
export interface Clock {
  now(): number;
  /** Run `fn` after `ms`; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    // A pending limiter timer must not keep the process alive on shutdown.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Resolve after `ms` on the given clock. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimer(resolve, Math.max(0, ms));
  });
}
