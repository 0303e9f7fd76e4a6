/**
 * `GET /health` (the process is alive), `GET /ready` (it can do work: store reachable, a
 * Dataverse token obtainable, queue depth), and `GET /metrics` (Prometheus text).
 */
import type { FastifyInstance } from 'fastify';
import { JOB_STATES, type Store } from '../adapters/store/store';
import { PROMETHEUS_CONTENT_TYPE, type MetricsRegistry } from '../metrics';

export interface ObservabilityDeps {
  readonly store: Store;
  /** Resolves when a Dataverse token can be obtained; rejects otherwise. */
  readonly checkDataverseToken: () => Promise<void>;
  readonly metrics: MetricsRegistry;
}

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'failing'> {
  try {
    await probe();
    return 'ok';
  } catch {
    return 'failing';
  }
}

export function registerObservability(app: FastifyInstance, deps: ObservabilityDeps): void {
  const jobs = deps.metrics.gauge('relay_jobs', 'Jobs in the ledger by state', ['org_id', 'state']);
  deps.metrics.addCollector(async () => {
    const counts = await deps.store.countJobsByState();
    for (const state of JOB_STATES) jobs.set({ org_id: deps.store.orgId, state }, counts[state]);
  });

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (request, reply) => {
    const [store, dataverse] = await Promise.all([
      check(() => deps.store.ping()),
      check(deps.checkDataverseToken),
    ]);
    const counts = store === 'ok' ? await deps.store.countJobsByState().catch(() => null) : null;
    const ready = store === 'ok' && dataverse === 'ok';
    if (!ready) request.log.warn({ store, dataverse }, 'not ready');
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready',
      checks: { store, dataverse },
      queue: counts ? { queued: counts.queued, running: counts.running, held: counts.held } : null,
    });
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(PROMETHEUS_CONTENT_TYPE).send(await deps.metrics.render());
  });
}
