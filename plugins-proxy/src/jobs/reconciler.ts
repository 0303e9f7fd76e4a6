/**
 * The safety net for intake: enqueues Queued sync rows that neither the webhook nor a nudge announced.
 * Enqueueing is idempotent, so a row announced three ways is still one job.
 */
import type { Logger } from 'pino';
import type { JobQueue } from './jobQueue';
import { jobForSyncRequest, type SyncRequest } from '../domain/syncRequest';

export interface ReconcilerOptions {
  readonly queue: JobQueue;
  /** Reads Queued stl_synchistory rows with the relay's own identity. */
  readonly listQueuedSyncRows: () => Promise<SyncRequest[]>;
  readonly logger: Logger;
}

export interface ReconcileResult {
  readonly seen: number;
  readonly enqueued: number;
}

export function createReconciler(options: ReconcilerOptions): { runOnce(): Promise<ReconcileResult> } {
  return {
    async runOnce() {
      const rows = await options.listQueuedSyncRows();
      let enqueued = 0;
      for (const row of rows) {
        const job = jobForSyncRequest(row);
        if (!job.ok) {
          options.logger.warn({ syncRowId: row.id, reason: job.failure }, 'reconciler skipped a sync row');
          continue;
        }
        if (await options.queue.enqueue(job.value)) enqueued += 1;
      }
      if (enqueued > 0)
        options.logger.info({ seen: rows.length, enqueued }, 'reconciler picked up unannounced sync rows');
      return { seen: rows.length, enqueued };
    },
  };
}
