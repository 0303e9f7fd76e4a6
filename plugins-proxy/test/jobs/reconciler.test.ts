import { CHOICES } from '../../../solution/names';
import { createReconciler } from '../../src/jobs/reconciler';
import type { SyncRequest } from '../../src/domain/syncRequest';
import { queueWithClock, silentLogger } from './jobsHarness';

const queued = (
  id: string,
  operation: number | null = CHOICES.operation.values.pushDocument,
): SyncRequest => ({
  id,
  status: CHOICES.syncHistoryStatus.values.queued,
  operation,
  invoiceId: 'inv',
  connectionId: 'con',
});

describe('reconciler', () => {
  it('enqueues Queued rows that have no job yet and counts only those', async () => {
    const { queue, store } = queueWithClock();
    await queue.enqueue({ id: 'known', kind: 'push' });
    const reconciler = createReconciler({
      queue,
      listQueuedSyncRows: async () => [queued('known'), queued('new-1'), queued('new-2')],
      logger: silentLogger,
    });
    expect(await reconciler.runOnce()).toEqual({ seen: 3, enqueued: 2 });
    expect((await store.listJobs()).map((j) => j.id).sort()).toEqual(['known', 'new-1', 'new-2']);
  });

  it('maps each operation to its job kind', async () => {
    const { queue, store } = queueWithClock();
    const { operation } = CHOICES;
    const reconciler = createReconciler({
      queue,
      listQueuedSyncRows: async () => [
        queued('p', operation.values.pushDocument),
        queued('e', operation.values.emailDocument),
        queued('y', operation.values.pullPayments),
        queued('r', operation.values.refreshReferenceData),
      ],
      logger: silentLogger,
    });
    await reconciler.runOnce();
    const kinds = Object.fromEntries((await store.listJobs()).map((j) => [j.id, j.kind]));
    expect(kinds).toEqual({ p: 'push', e: 'email', y: 'pullPayments', r: 'refreshReference' });
  });

  it('skips a row with an unknown operation', async () => {
    const { queue, store } = queueWithClock();
    const reconciler = createReconciler({
      queue,
      listQueuedSyncRows: async () => [queued('odd', 1)],
      logger: silentLogger,
    });
    expect(await reconciler.runOnce()).toEqual({ seen: 1, enqueued: 0 });
    expect(await store.listJobs()).toEqual([]);
  });
});
