import type { Job } from '../../src/adapters/store/store';
import { JobOutcomes, type JobHandler } from '../../src/jobs/outcomes';
import { WorkerLoop } from '../../src/jobs/workerLoop';
import { deferred, queueWithClock, settled, silentLogger } from './jobsHarness';

function loopFor(
  setup: ReturnType<typeof queueWithClock>,
  handler: JobHandler,
  extra: Partial<ConstructorParameters<typeof WorkerLoop>[0]> = {},
) {
  return new WorkerLoop({
    queue: setup.queue,
    handler,
    owner: 'loop',
    concurrency: 2,
    logger: silentLogger,
    ...extra,
  });
}

describe('WorkerLoop', () => {
  const loops: WorkerLoop[] = [];
  afterEach(async () => {
    await Promise.all(loops.splice(0).map((l) => l.stop()));
  });
  function track(loop: WorkerLoop): WorkerLoop {
    loops.push(loop);
    return loop;
  }

  it('runs a job enqueued after it started and marks it succeeded', async () => {
    const setup = queueWithClock();
    const loop = track(loopFor(setup, async () => JobOutcomes.succeeded()));
    loop.start();
    const done = settled(loop, 1);
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    await done;
    expect((await setup.store.getJob('a'))?.state).toBe('succeeded');
  });

  it('never runs more jobs at once than its concurrency', async () => {
    const setup = queueWithClock();
    for (const id of ['a', 'b', 'c', 'd', 'e']) await setup.queue.enqueue({ id, kind: 'push' });
    let running = 0;
    let peak = 0;
    const loop = track(
      loopFor(setup, async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running -= 1;
        return JobOutcomes.succeeded();
      }),
    );
    const done = settled(loop, 5);
    loop.start();
    await done;
    expect(peak).toBe(2);
    expect((await setup.store.countJobsByState()).succeeded).toBe(5);
  });

  it('records a final failure with its message', async () => {
    const setup = queueWithClock();
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    const loop = track(loopFor(setup, async () => JobOutcomes.failed('Account code 999 is not valid')));
    const done = settled(loop, 1);
    loop.start();
    await done;
    expect(await setup.store.getJob('a')).toMatchObject({
      state: 'failed',
      lastError: 'Account code 999 is not valid',
    });
  });

  it('requeues a retry after at least the hinted delay', async () => {
    const setup = queueWithClock();
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    const loop = track(loopFor(setup, async () => JobOutcomes.retry(60_000, 'Xero 429')));
    const done = settled(loop, 1);
    loop.start();
    await done;
    const job = await setup.store.getJob('a');
    expect(job).toMatchObject({ state: 'queued', lastError: 'Xero 429' });
    expect(job!.nextAttemptAt - setup.clock.now()).toBeGreaterThanOrEqual(60_000);
  });

  it('holds a job the handler cannot run yet', async () => {
    const setup = queueWithClock();
    await setup.queue.enqueue({ id: 'a', kind: 'push', connectionId: 'c1' });
    const loop = track(loopFor(setup, async () => JobOutcomes.held('Reconnect to Xero')));
    const done = settled(loop, 1);
    loop.start();
    await done;
    expect((await setup.store.getJob('a'))?.state).toBe('held');
  });

  it('retries a job whose handler threw, with a generic message', async () => {
    const setup = queueWithClock();
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    const loop = track(
      loopFor(setup, async () => {
        throw new Error('TypeError deep inside');
      }),
    );
    const done = settled(loop, 1);
    loop.start();
    const [{ outcome }] = await done;
    expect(outcome.type).toBe('crashed');
    expect(await setup.store.getJob('a')).toMatchObject({
      state: 'queued',
      lastError: expect.stringMatching(/unexpected error/),
    });
  });

  it('takes over the job of a worker that crashed once its lease expires', async () => {
    const setup = queueWithClock({ leaseMs: 5000 });
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    await setup.queue.claim('crashed-worker', 1);
    const seen: Job[] = [];
    const loop = track(
      loopFor(setup, async (job) => {
        seen.push(job);
        return JobOutcomes.succeeded();
      }),
    );
    loop.start();
    setup.clock.advance(5000);
    const done = settled(loop, 1);
    loop.poke();
    await done;
    expect(seen.map((j) => [j.id, j.attempts])).toEqual([['a', 2]]);
    expect((await setup.store.getJob('a'))?.state).toBe('succeeded');
  });

  it('renews the lease while a job runs', async () => {
    const setup = queueWithClock({ leaseMs: 5000 });
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    const release = deferred();
    const renewed = deferred();
    const renew = setup.queue.renew.bind(setup.queue);
    jest.spyOn(setup.queue, 'renew').mockImplementation(async (job, owner) => {
      setup.clock.advance(1000);
      const held = await renew(job, owner);
      renewed.resolve();
      return held;
    });
    const loop = track(
      loopFor(setup, async () => (await release.promise, JobOutcomes.succeeded()), { renewEveryMs: 5 }),
    );
    loop.start();
    await renewed.promise;
    expect((await setup.store.getJob('a'))?.leaseExpiresAt).toBeGreaterThanOrEqual(setup.clock.now() + 4000);
    release.resolve();
  });

  it('signals the handler when another worker took its job over, and does not overwrite that worker', async () => {
    const setup = queueWithClock({ leaseMs: 5000 });
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    const started = deferred();
    const aborted = deferred();
    const slow = track(
      loopFor(
        setup,
        async (_job, { signal }) => {
          started.resolve();
          await new Promise((r) => signal.addEventListener('abort', r));
          aborted.resolve();
          return JobOutcomes.failed('should not be recorded');
        },
        { owner: 'slow', renewEveryMs: 5 },
      ),
    );
    slow.start();
    await started.promise;
    setup.clock.advance(60_000);
    const [takenOver] = await setup.queue.claim('other', 1);
    expect(takenOver.leaseOwner).toBe('other');
    await aborted.promise;
    await slow.stop();
    expect(await setup.store.getJob('a')).toMatchObject({ state: 'running', leaseOwner: 'other' });
  });

  it('lets running jobs finish when stopped and claims nothing afterwards', async () => {
    const setup = queueWithClock();
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    const release = deferred();
    const started = deferred();
    const loop = loopFor(setup, async () => {
      started.resolve();
      await release.promise;
      return JobOutcomes.succeeded();
    });
    loop.start();
    await started.promise;
    const stopping = loop.stop();
    await setup.queue.enqueue({ id: 'b', kind: 'push' });
    release.resolve();
    await stopping;
    expect((await setup.store.getJob('a'))?.state).toBe('succeeded');
    expect((await setup.store.getJob('b'))?.state).toBe('queued');
  });

  it('finishes a job handed over by a claim that was in flight when stop() was called', async () => {
    const setup = queueWithClock();
    await setup.queue.enqueue({ id: 'a', kind: 'push' });
    const claimStarted = deferred();
    const releaseClaim = deferred();
    const claim = setup.queue.claim.bind(setup.queue);
    jest.spyOn(setup.queue, 'claim').mockImplementationOnce(async (...args) => {
      claimStarted.resolve();
      await releaseClaim.promise;
      return claim(...args);
    });
    const loop = loopFor(setup, async () => JobOutcomes.succeeded());
    loop.start();
    await claimStarted.promise;
    const stopping = loop.stop();
    releaseClaim.resolve();
    await stopping;
    expect((await setup.store.getJob('a'))?.state).toBe('succeeded');
  });
});
