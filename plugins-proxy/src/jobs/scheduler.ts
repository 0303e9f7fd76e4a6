/**
 * Interval tasks with jitter, so relay instances do not fire together; a task never overlaps itself.
 * stop() cancels what is pending and waits for what runs (docs/architecture.md#jobs-and-schedules).
 */
import type { Logger } from 'pino';

export interface ScheduledTaskOptions {
  /** Spread each delay by up to ± this fraction of the interval (default 0.1). */
  readonly jitterRatio?: number;
  /** Run once straight away instead of after the first interval (default false). */
  readonly runImmediately?: boolean;
}

export interface SchedulerOptions {
  readonly logger: Logger;
  readonly random?: () => number;
}

export interface Scheduler {
  every(name: string, intervalMs: number, task: () => Promise<unknown>, options?: ScheduledTaskOptions): void;
  /** Runs the named task now (outside its schedule); resolves when it finishes. */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface Entry {
  readonly run: () => Promise<void>;
  timer: NodeJS.Timeout | null;
  active: Promise<void> | null;
}

export function jitteredDelay(intervalMs: number, jitterRatio: number, random: () => number): number {
  return Math.max(0, Math.round(intervalMs * (1 + jitterRatio * (2 * random() - 1))));
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const random = options.random ?? Math.random;
  const entries = new Map<string, Entry>();
  let stopped = false;

  return {
    every(name, intervalMs, task, taskOptions = {}) {
      if (entries.has(name)) throw new Error(`Task ${name} is already scheduled`);
      const jitter = taskOptions.jitterRatio ?? 0.1;
      const schedule = (delay: number) => {
        if (stopped) return;
        entry.timer = setTimeout(
          () => void entry.run().finally(() => schedule(jitteredDelay(intervalMs, jitter, random))),
          delay,
        );
        entry.timer.unref();
      };
      const entry: Entry = {
        timer: null,
        active: null,
        run: () => {
          if (entry.active) return entry.active;
          entry.active = task()
            .then(
              () => undefined,
              (error: unknown) => options.logger.error({ err: error, task: name }, 'scheduled task failed'),
            )
            .finally(() => {
              entry.active = null;
            });
          return entry.active;
        },
      };
      entries.set(name, entry);
      schedule(taskOptions.runImmediately ? 0 : jitteredDelay(intervalMs, jitter, random));
    },

    async runNow(name) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`No task named ${name}`);
      await entry.run();
    },

    async stop() {
      stopped = true;
      for (const entry of entries.values()) if (entry.timer) clearTimeout(entry.timer);
      await Promise.allSettled([...entries.values()].map((e) => e.active));
    },
  };
}
