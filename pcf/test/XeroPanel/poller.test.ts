import { nextDelay, pollUntilFinal, type Scheduler } from '../../XeroPanel/poller';

/** A scheduler the test runs by hand: `fire()` runs the pending callback and says after what delay. */
class ManualScheduler implements Scheduler {
  pending: { callback: () => void; ms: number } | undefined;
  readonly delays: number[] = [];

  set(callback: () => void, ms: number): unknown {
    this.pending = { callback, ms };
    this.delays.push(ms);
    return this.pending;
  }

  clear(handle: unknown): void {
    if (this.pending === handle) this.pending = undefined;
  }

  async fire(): Promise<void> {
    const pending = this.pending;
    if (!pending) throw new Error('nothing is scheduled');
    this.pending = undefined;
    pending.callback();
    // Let the read's promise chain settle before the test looks.
    await Promise.resolve();
    await Promise.resolve();
  }
}

describe('pollUntilFinal', () => {
  it.each([
    [undefined, 1000],
    [1000, 2000],
    [4000, 8000],
    [8000, 10_000],
    [10_000, 10_000],
  ])('waits %p ms then %p ms (doubling, at most 10 s)', (previous, next) => {
    expect(nextDelay(previous)).toBe(next);
  });

  it('backs off 1 s, 2 s, 4 s … while the row is not final', async () => {
    const scheduler = new ManualScheduler();
    pollUntilFinal({
      read: async () => 'queued',
      isFinal: () => false,
      onValue: () => undefined,
      onError: () => undefined,
      scheduler,
    });

    for (let i = 0; i < 5; i += 1) await scheduler.fire();

    expect(scheduler.delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('stops once the row reaches a final status', async () => {
    const scheduler = new ManualScheduler();
    const statuses = ['queued', 'inProgress', 'succeeded'];
    const seen: string[] = [];
    const poll = pollUntilFinal({
      read: async () => statuses.shift() ?? 'never',
      isFinal: (s) => s === 'succeeded',
      onValue: (s) => seen.push(s),
      onError: () => undefined,
      scheduler,
    });

    for (let i = 0; i < 3; i += 1) await scheduler.fire();

    expect(seen).toEqual(['queued', 'inProgress', 'succeeded']);
    expect(scheduler.pending).toBeUndefined();
    expect(poll.stopped).toBe(true);
  });

  it('cancels the next read when stopped', () => {
    const scheduler = new ManualScheduler();
    const read = jest.fn(async () => 'queued');
    const poll = pollUntilFinal({
      read,
      isFinal: () => false,
      onValue: () => undefined,
      onError: () => undefined,
      scheduler,
    });

    poll.stop();

    expect(scheduler.pending).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it('reports a failed read and tries again at the next delay', async () => {
    const scheduler = new ManualScheduler();
    const errors: unknown[] = [];
    pollUntilFinal({
      read: () => Promise.reject({ message: 'Network error' }),
      isFinal: () => false,
      onValue: () => undefined,
      onError: (e) => errors.push(e),
      scheduler,
    });

    await scheduler.fire();

    expect(errors).toEqual([{ message: 'Network error' }]);
    expect(scheduler.pending?.ms).toBe(2000);
  });
});
