/**
 * `POST /dataverse/webhook`: the async step on Create of stl_synchistory. Secret checked before the body is
 * parsed, job enqueued, 200 at once (docs/architecture.md#intake-webhooks-and-nudges).
 */
import type { FastifyInstance } from 'fastify';
import { COMPONENTS } from '../../../solution/names';
import type { JobQueue } from '../jobs/jobQueue';
import type { SyncRequestSource } from '../adapters/dataverse/syncRequestSource';
import { jobForSyncRequest } from '../domain/syncRequest';
import { parseRemoteExecutionContext, syncRequestFromContext } from './remoteExecutionContext';
import { secretMatches } from './webhookSecret';

export interface DataverseWebhookDeps {
  readonly webhookSecret: string;
  /** When set, contexts from any other organisation are refused. */
  readonly dynamicsOrgId?: string;
  readonly queue: JobQueue;
  /** Read when the payload lacks the row's status (Dataverse drops Target above 256 KB). */
  readonly syncRequestSource: Pick<SyncRequestSource, 'get'>;
}

export const DATAVERSE_WEBHOOK_PATH = '/dataverse/webhook';

export function registerDataverseWebhook(app: FastifyInstance, deps: DataverseWebhookDeps): void {
  app.post(DATAVERSE_WEBHOOK_PATH, {
    onRequest: async (request, reply) => {
      if (!secretMatches(request.headers[COMPONENTS.webhookAuthHeader], deps.webhookSecret)) {
        request.log.warn('dataverse webhook refused: missing or wrong secret');
        return reply.code(401).send({ error: 'Unauthorized.' });
      }
    },
    handler: async (request, reply) => {
      const parsed = parseRemoteExecutionContext(request.body);
      if (!parsed.ok) {
        request.log.warn({ reason: parsed.failure }, 'dataverse webhook refused: malformed context');
        return reply.code(400).send({ error: parsed.failure });
      }
      const context = parsed.value;
      const log = request.log.child({
        correlationId: context.correlationId ?? request.headers['x-ms-correlation-request-id'],
        syncRowId: context.primaryEntityId,
      });
      if (deps.dynamicsOrgId && context.organizationId && context.organizationId !== deps.dynamicsOrgId) {
        log.warn(
          { organizationId: context.organizationId },
          'dataverse webhook refused: foreign organisation',
        );
        return reply.code(403).send({ error: 'OrganizationId is not the organisation this relay serves.' });
      }
      const request_ =
        syncRequestFromContext(context) ?? (await deps.syncRequestSource.get(context.primaryEntityId));
      if (!request_) {
        log.warn('dataverse webhook announced a sync row the relay cannot read; nothing queued');
        return reply.code(200).send({ queued: false });
      }
      const job = jobForSyncRequest(request_);
      if (!job.ok) {
        log.info({ reason: job.failure }, 'dataverse webhook: nothing to queue');
        return reply.code(200).send({ queued: false });
      }
      const created = await deps.queue.enqueue(job.value);
      log.info({ created, kind: job.value.kind }, 'dataverse webhook queued a job');
      return reply.code(200).send({ queued: true });
    },
  });
}
