/** A clock that only moves when the test says so; timers fire in time order during `advance`. */
import type { Clock } from '../../../src/adapters/xero/clock';

interface Timer {
  at: number;
  fn: () => void;
  cancelled: boolean;
}

export class ManualClock implements Clock {
  private current = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer: Timer = { at: this.current + Math.max(0, ms), fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Move time forward, firing due timers, letting promise callbacks run between them. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushPromises();
      const due = this.timers.filter((t) => !t.cancelled && t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
    await flushPromises();
  }
}

export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
