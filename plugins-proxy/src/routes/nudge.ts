/**
 * `POST /api/sync-requests/:id/nudge`: the browser says "look at this row now". It carries no authority,
 * and the reply is always the same 202 (docs/architecture.md#intake-webhooks-and-nudges).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JobQueue } from '../jobs/jobQueue';
import type { SyncRequestSource } from '../adapters/dataverse/syncRequestSource';
import { jobForSyncRequest } from '../domain/syncRequest';
import { normaliseGuid } from './guid';

export interface NudgeDeps {
  readonly allowedOrigin: string;
  readonly queue: JobQueue;
  readonly syncRequestSource: Pick<SyncRequestSource, 'get'>;
}

export const NUDGE_PATH = '/api/sync-requests/:id/nudge';

type Params = { id: string };

/** True when the request may go on: no Origin (not a browser) or the allowed one. */
function applyCors(request: FastifyRequest, reply: FastifyReply, allowedOrigin: string): boolean {
  reply.header('vary', 'Origin');
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin !== allowedOrigin) return false;
  reply.header('access-control-allow-origin', allowedOrigin);
  return true;
}

export function registerNudge(app: FastifyInstance, deps: NudgeDeps): void {
  app.options<{ Params: Params }>(NUDGE_PATH, async (request, reply) => {
    if (!request.headers.origin || !applyCors(request, reply, deps.allowedOrigin)) {
      return reply.code(403).send({ error: 'Origin not allowed.' });
    }
    return reply
      .code(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '600')
      .send();
  });

  app.post<{ Params: Params }>(NUDGE_PATH, async (request, reply) => {
    if (!applyCors(request, reply, deps.allowedOrigin)) {
      request.log.warn({ origin: request.headers.origin }, 'nudge refused: origin not allowed');
      return reply.code(403).send({ error: 'Origin not allowed.' });
    }
    const id = normaliseGuid(request.params.id);
    if (!id) return reply.code(400).send({ error: 'The sync request id must be a GUID.' });
    try {
      const row = await deps.syncRequestSource.get(id);
      const job = row ? jobForSyncRequest(row) : null;
      if (job?.ok) await deps.queue.enqueue(job.value);
      request.log.info(
        { syncRowId: id, queued: job?.ok ?? false, reason: job && !job.ok ? job.failure : undefined },
        'nudge',
      );
    } catch (error) {
      // The reconciler will find the row later; the caller learns nothing either way.
      request.log.warn({ err: error, syncRowId: id }, 'nudge could not read the sync row');
    }
    return reply.code(202).send({ status: 'accepted' });
  });
}
