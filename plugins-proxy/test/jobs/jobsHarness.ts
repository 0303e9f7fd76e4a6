import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Job } from '../../src/adapters/store/store';
import { createLogger } from '../../src/logger';
import type { JobOutcome } from '../../src/jobs/outcomes';
import { JobQueue, type JobQueueOptions } from '../../src/jobs/jobQueue';
import type { WorkerLoop } from '../../src/jobs/workerLoop';

export const silentLogger = createLogger({ level: 'silent' });

export class ManualClock {
  constructor(public current = 1_700_000_000_000) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export function queueWithClock(options: JobQueueOptions = {}) {
  const clock = new ManualClock();
  const store = openMemoryStore('org-test');
  const queue = new JobQueue(store, { clock, random: () => 0.5, ...options });
  return { clock, store, queue };
}

type Settled = { job: Job; outcome: JobOutcome | { type: 'crashed' } };

/** Resolves after the loop has settled `count` more jobs. */
export function settled(loop: WorkerLoop, count: number): Promise<Settled[]> {
  return new Promise((resolve) => {
    const seen: Settled[] = [];
    const off = loop.onSettled((job, outcome) => {
      seen.push({ job, outcome });
      if (seen.length === count) {
        off();
        resolve(seen);
      }
    });
  });
}

export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
