import { retryDelayMs } from '../../src/jobs/backoff';
import { queueWithClock } from './jobsHarness';

const OWNER = 'w1';

describe('JobQueue', () => {
  it('tells listeners about a new job but not about a duplicate', async () => {
    const { queue } = queueWithClock();
    const heard: string[] = [];
    queue.onEnqueued((job) => heard.push(job.id));
    await queue.enqueue({ id: 'a', kind: 'push' });
    await queue.enqueue({ id: 'a', kind: 'push' });
    expect(heard).toEqual(['a']);
  });

  it('schedules a retry after exponential backoff', async () => {
    const { queue, clock, store } = queueWithClock({ backoff: { baseDelayMs: 1000, maxDelayMs: 60_000 } });
    await queue.enqueue({ id: 'a', kind: 'push' });
    let [job] = await queue.claim(OWNER, 1);
    expect(await queue.retry(job, OWNER, 'Xero 503')).toEqual({
      retried: true,
      nextAttemptAt: clock.now() + 750,
    });
    clock.advance(750);
    [job] = await queue.claim(OWNER, 1);
    expect(await queue.retry(job, OWNER, 'Xero 503')).toEqual({
      retried: true,
      nextAttemptAt: clock.now() + 1500,
    });
    expect((await store.getJob('a'))?.lastError).toBe('Xero 503');
  });

  it('waits at least as long as the Retry-After hint', async () => {
    const { queue, clock } = queueWithClock({ backoff: { baseDelayMs: 1000, maxDelayMs: 60_000 } });
    await queue.enqueue({ id: 'a', kind: 'push' });
    const [job] = await queue.claim(OWNER, 1);
    const result = await queue.retry(job, OWNER, 'Xero 429', 42_000);
    expect(result).toEqual({ retried: true, nextAttemptAt: clock.now() + 42_000 });
    clock.advance(41_999);
    expect(await queue.claim(OWNER, 1)).toEqual([]);
  });

  it('fails the job with a message saying what to do once it has used its attempts', async () => {
    const { queue, clock, store } = queueWithClock({ maxAttempts: 2 });
    await queue.enqueue({ id: 'a', kind: 'push' });
    let [job] = await queue.claim(OWNER, 1);
    await queue.retry(job, OWNER, 'Xero 500');
    clock.advance(10 * 60_000);
    [job] = await queue.claim(OWNER, 1);
    expect(await queue.retry(job, OWNER, 'Xero 500')).toEqual({ retried: false, failed: true });
    const stored = await store.getJob('a');
    expect(stored?.state).toBe('failed');
    expect(stored?.lastError).toMatch(/^Gave up after 2 attempts: Xero 500 Queue the sync again/);
  });

  it('fails instead of running a job whose workers kept crashing', async () => {
    const { queue, clock, store } = queueWithClock({ maxAttempts: 2, leaseMs: 1000 });
    await queue.enqueue({ id: 'a', kind: 'push' });
    await queue.claim('crash-1', 1);
    clock.advance(1000);
    await queue.claim('crash-2', 1);
    clock.advance(1000);
    expect(await queue.claim(OWNER, 1)).toEqual([]);
    expect((await store.getJob('a'))?.state).toBe('failed');
    expect((await store.getJob('a'))?.lastError).toMatch(/Gave up after 2 attempts/);
  });
});

describe('retryDelayMs', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 8000 };

  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [3, 0, 2000],
    [3, 1, 4000],
    [10, 1, 8000],
  ])('after %i attempts with random %d waits %d ms', (attempts, random, expected) => {
    expect(retryDelayMs(attempts, policy, 0, () => random)).toBe(expected);
  });

  it('never waits less than the Retry-After hint', () => {
    expect(retryDelayMs(1, policy, 30_000, () => 1)).toBe(30_000);
  });
});
