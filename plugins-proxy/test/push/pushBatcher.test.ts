import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Job, Store } from '../../src/adapters/store/store';
import { createLogger } from '../../src/logger';
import { JobOutcomes, type JobContext } from '../../src/jobs/outcomes';
import { JobQueue } from '../../src/jobs/jobQueue';
import { PushBatcher } from '../../src/push/pushBatcher';

const OWNER = 'worker-1';
const logger = createLogger({ level: 'silent' });
const context: JobContext = { signal: new AbortController().signal, logger, owner: OWNER };
let store: Store;
let queue: JobQueue;

beforeEach(() => {
  store = openMemoryStore();
  queue = new JobQueue(store);
});
afterEach(() => store.close());

async function enqueue(ids: string[], connectionId: string) {
  for (const id of ids) await queue.enqueue({ id, kind: 'push', connectionId });
}

describe('PushBatcher', () => {
  it("runs the handled job together with its connection's other queued push jobs", async () => {
    await enqueue(['a', 'b', 'c'], 'conn-1');
    await enqueue(['x'], 'conn-2');
    const runs: string[][] = [];
    const batcher = new PushBatcher({
      queue,
      windowMs: 0,
      run: async (jobs) => {
        runs.push(jobs.map((j) => j.id));
        return new Map(jobs.map((j) => [j.id, JobOutcomes.succeeded()]));
      },
    });
    const [first] = await queue.claim(OWNER, 1, { connectionId: 'conn-1' });
    expect(await batcher.handle(first, context)).toEqual(JobOutcomes.succeeded());
    expect(runs).toEqual([['a', 'b', 'c']]);
    expect((await store.getJob('b'))?.state).toBe('succeeded');
    expect((await store.getJob('x'))?.state).toBe('queued');
  });

  it('applies each companion its own outcome', async () => {
    await enqueue(['a', 'b', 'c'], 'conn-1');
    const batcher = new PushBatcher({
      queue,
      windowMs: 0,
      run: async (jobs: readonly Job[]) =>
        new Map([
          [jobs[0].id, JobOutcomes.succeeded()],
          [jobs[1].id, JobOutcomes.failed('Xero refused it')],
          [jobs[2].id, JobOutcomes.held('Reconnect Xero')],
        ]),
    });
    const [first] = await queue.claim(OWNER, 1);
    await batcher.handle(first, context);
    expect(await store.getJob('b')).toMatchObject({ state: 'failed', lastError: 'Xero refused it' });
    expect(await store.getJob('c')).toMatchObject({ state: 'held' });
  });

  it('gathers jobs handed over within the window into one run', async () => {
    await enqueue(['a', 'b'], 'conn-1');
    const runs: string[][] = [];
    const batcher = new PushBatcher({
      queue,
      windowMs: 5,
      maxJobs: 2,
      run: async (jobs) => {
        runs.push(jobs.map((j) => j.id));
        return new Map(jobs.map((j) => [j.id, JobOutcomes.succeeded()]));
      },
    });
    const claimed = await queue.claim(OWNER, 2);
    await Promise.all(claimed.map((job) => batcher.handle(job, context)));
    expect(runs).toEqual([['a', 'b']]);
  });
});
