import { createScheduler, jitteredDelay } from '../../src/jobs/scheduler';
import { deferred, silentLogger } from './jobsHarness';

describe('scheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a task every interval', async () => {
    const scheduler = createScheduler({ logger: silentLogger, random: () => 0.5 });
    let runs = 0;
    scheduler.every('tick', 1000, async () => {
      runs += 1;
    });
    await jest.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
    await scheduler.stop();
  });

  it('runs at once when asked to', async () => {
    const scheduler = createScheduler({ logger: silentLogger, random: () => 0.5 });
    let runs = 0;
    scheduler.every('tick', 60_000, async () => void (runs += 1), { runImmediately: true });
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await scheduler.stop();
  });

  it('never overlaps a run of the same task', async () => {
    const scheduler = createScheduler({ logger: silentLogger, random: () => 0.5 });
    const release = deferred();
    let active = 0;
    let peak = 0;
    scheduler.every('slow', 100, async () => {
      active += 1;
      peak = Math.max(peak, active);
      await release.promise;
      active -= 1;
    });
    await jest.advanceTimersByTimeAsync(1000);
    const manual = scheduler.runNow('slow');
    release.resolve();
    await manual;
    expect(peak).toBe(1);
    await scheduler.stop();
  });

  it('keeps scheduling after a task fails', async () => {
    const scheduler = createScheduler({ logger: silentLogger, random: () => 0.5 });
    let runs = 0;
    scheduler.every('flaky', 1000, async () => {
      runs += 1;
      throw new Error('Dataverse 503');
    });
    await jest.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(2);
    await scheduler.stop();
  });

  it('stops running tasks after stop()', async () => {
    const scheduler = createScheduler({ logger: silentLogger, random: () => 0.5 });
    let runs = 0;
    scheduler.every('tick', 1000, async () => void (runs += 1));
    await scheduler.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(0);
  });

  it.each([
    [0, 900],
    [0.5, 1000],
    [1, 1100],
  ])('spreads a 1000 ms interval by ±10%% (random %d → %d ms)', (random, expected) => {
    expect(jitteredDelay(1000, 0.1, () => random)).toBe(expected);
  });
});
