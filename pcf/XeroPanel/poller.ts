/**
 * Follows one sync history row until it reaches a final status, with backoff (1 s, 2 s, 4 s … at
 * most 10 s) so a long sync costs few reads. `stop()` (from destroy) cancels the next read.
 */
export const POLL_DELAYS_MS = { first: 1000, max: 10_000 } as const;

export interface Scheduler {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const timerScheduler: Scheduler = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PollOptions<T> {
  read: () => Promise<T>;
  isFinal: (value: T) => boolean;
  onValue: (value: T) => void;
  /** A failed read is retried at the next delay; it is reported so the panel can say so. */
  onError: (error: unknown) => void;
  scheduler?: Scheduler;
}

export interface Poll {
  stop(): void;
  readonly stopped: boolean;
}

export function nextDelay(previous: number | undefined): number {
  return previous === undefined ? POLL_DELAYS_MS.first : Math.min(previous * 2, POLL_DELAYS_MS.max);
}

export function pollUntilFinal<T>(options: PollOptions<T>): Poll {
  const scheduler = options.scheduler ?? timerScheduler;
  let handle: unknown;
  let stopped = false;
  const poll: Poll = {
    stop() {
      stopped = true;
      if (handle !== undefined) scheduler.clear(handle);
    },
    get stopped() {
      return stopped;
    },
  };
  const schedule = (delay: number) => {
    handle = scheduler.set(() => {
      handle = undefined;
      void tick(delay);
    }, delay);
  };
  const tick = async (delay: number) => {
    if (stopped) return;
    try {
      const value = await options.read();
      if (stopped) return;
      options.onValue(value);
      if (options.isFinal(value)) {
        stopped = true;
        return;
      }
    } catch (error) {
      if (stopped) return;
      options.onError(error);
    }
    schedule(nextDelay(delay));
  };
  schedule(nextDelay(undefined));
  return poll;
}
