/**
 * The one run behind the three ways reference data is pulled: pull, stamp stl_lastreferencesyncon and
 * the daily calls left, or record the failure on the row (docs/architecture.md#reference-data).
 */
import type { Logger } from 'pino';
import { COLUMNS, TABLES } from '../../../solution/names';
import type { DataverseClient } from '../adapters/dataverse/client';
import { keySegment } from '../adapters/dataverse/odata';
import type { ConnectionHealth } from '../connections/health';
import { failure, success, type Result } from '../domain/result';
import { JobOutcomes, type JobHandler } from '../jobs/outcomes';
import { classifyFailure } from './failures';
import { HISTORY_STATUS, historyFinish } from './history';
import { describeCounts, pullReferenceData, type ReferenceDataDeps, type TableCounts } from './referenceData';

export interface ReferencePullerDeps extends ReferenceDataDeps {
  readonly health: ConnectionHealth;
  readonly logger: Logger;
  /** The daily calls left for the connection's tenant, as the gateway last saw them. */
  readonly dailyCallsLeft: (connectionId: string) => number | undefined;
  readonly now?: () => number;
}

interface ReferencePulled {
  readonly counts: TableCounts[];
  readonly message: string;
}

export type ReferenceRun = Result<ReferencePulled, ReturnType<typeof classifyFailure>>;

export interface ReferencePuller {
  run(connectionId: string): Promise<ReferenceRun>;
}

export function createReferencePuller(deps: ReferencePullerDeps): ReferencePuller {
  const now = deps.now ?? Date.now;
  return {
    async run(connectionId) {
      try {
        const counts = await pullReferenceData(deps, connectionId);
        await stampPulled(deps.dataverse, connectionId, new Date(now()));
        await deps.health.update(connectionId, { dailyCallsLeft: deps.dailyCallsLeft(connectionId) });
        const message = describeCounts(counts);
        deps.logger.info({ connectionId, message }, 'reference data pulled from Xero');
        return success({ counts, message });
      } catch (error) {
        const classified = classifyFailure(connectionId, error);
        if (classified.kind === 'needsAttention') await deps.health.markNeedsAttention(classified.error);
        else await deps.health.update(connectionId, { lastError: classified.message }).catch(() => false);
        deps.logger.warn({ connectionId, err: error }, 'reference data pull failed');
        return failure(classified);
      }
    },
  };
}

async function stampPulled(client: DataverseClient, connectionId: string, at: Date): Promise<void> {
  await client.update(keySegment(TABLES.connection, connectionId), {
    [COLUMNS.connection.lastReferenceSyncOn]: at.toISOString(),
  });
}

/**
 * The refreshReference job: its id is the Refresh reference data history row, which goes In
 * progress, then Succeeded with the counts or Failed with the message. A connection that needs
 * reconnecting holds the job (the row says why) until the reconnect releases it.
 */
export function createReferenceDataHandler(deps: {
  readonly dataverse: DataverseClient;
  readonly puller: ReferencePuller;
  readonly now?: () => number;
}): JobHandler {
  const now = deps.now ?? Date.now;
  return async (job) => {
    const startedOn = new Date(now());
    const finish = async (status: number, message: string) => {
      const update = historyFinish(job.id, status, message, { startedOn, completedOn: new Date(now()) });
      await deps.dataverse.update(update.path, update.body);
    };
    if (!job.connectionId) {
      const message = 'This Refresh reference data request names no connection; create it from a connection.';
      await finish(HISTORY_STATUS.failed, message);
      return JobOutcomes.failed(message);
    }
    await deps.dataverse.update(keySegment(TABLES.syncHistory, job.id), {
      [COLUMNS.syncHistory.status]: HISTORY_STATUS.inProgress,
      [COLUMNS.syncHistory.startedOn]: startedOn.toISOString(),
      [COLUMNS.syncHistory.attempts]: job.attempts,
    });
    const result = await deps.puller.run(job.connectionId);
    if (result.ok) {
      await finish(HISTORY_STATUS.succeeded, result.value.message);
      return JobOutcomes.succeeded();
    }
    const why = result.failure;
    if (why.kind === 'needsAttention') {
      await finish(HISTORY_STATUS.queued, why.error.message);
      return JobOutcomes.held(why.error.message);
    }
    if (why.kind === 'retry') {
      await finish(HISTORY_STATUS.inProgress, `${why.message} The relay will try again.`);
      return JobOutcomes.retry(why.afterMs, why.message);
    }
    await finish(HISTORY_STATUS.failed, why.message);
    return JobOutcomes.failed(why.message);
  };
}
