/**
 * The relay's HTTP app, built from configuration and dependencies only, so route tests drive it
 * through app.inject() with fakes. Routes stay thin: parse, verify, enqueue, reply.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Store } from '../adapters/store/store';
import type { Config } from '../config';
import type { MetricsRegistry } from '../metrics';
import { registerDataverseWebhook } from '../routes/dataverseWebhook';
import { addErrorHandling } from '../routes/errors';
import { registerNudge } from '../routes/nudge';
import { registerObservability } from '../routes/observability';
import { addSecurityHeaders } from '../routes/securityHeaders';
import type { JobQueue } from '../jobs/jobQueue';
import type { SyncRequestSource } from '../adapters/dataverse/syncRequestSource';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppDependencies {
  readonly config: Pick<Config, 'dataverseWebhookSecret' | 'dataverseOrigin' | 'dynamicsOrgId'>;
  readonly logger: Logger;
  readonly store: Store;
  readonly queue: JobQueue;
  readonly syncRequestSource: Pick<SyncRequestSource, 'get'>;
  /** Resolves when the relay can get a Dataverse token; rejects otherwise (for /ready). */
  readonly checkDataverseToken: () => Promise<void>;
  readonly metrics: MetricsRegistry;
  /** More routes (OAuth, Xero webhook), registered after the core ones and under the same hooks. */
  readonly routes?: ReadonlyArray<(app: FastifyInstance) => void>;
}

export function buildApp(deps: AppDependencies): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
  });
  // JSON only: text/plain would otherwise be parsed as a string and reach the handlers.
  app.removeContentTypeParser('text/plain');
  addSecurityHeaders(app);
  addErrorHandling(app);

  const requests = deps.metrics.counter('relay_http_requests_total', 'HTTP requests by route and status', [
    'route',
    'status',
  ]);
  app.addHook('onResponse', async (request, reply) => {
    requests.inc({ route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode });
  });

  registerDataverseWebhook(app, {
    webhookSecret: deps.config.dataverseWebhookSecret,
    dynamicsOrgId: deps.config.dynamicsOrgId,
    queue: deps.queue,
    syncRequestSource: deps.syncRequestSource,
  });
  registerNudge(app, {
    allowedOrigin: deps.config.dataverseOrigin,
    queue: deps.queue,
    syncRequestSource: deps.syncRequestSource,
  });
  registerObservability(app, {
    store: deps.store,
    checkDataverseToken: deps.checkDataverseToken,
    metrics: deps.metrics,
  });
  for (const register of deps.routes ?? []) register(app);
  return app;
}
