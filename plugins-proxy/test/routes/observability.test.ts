import { startHarness, type Harness } from './routesHarness';

describe('health, readiness and metrics', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('reports liveness on /health', async () => {
    const reply = await h.inject({ method: 'GET', url: '/health' });
    expect([reply.statusCode, reply.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('reports ready with the queue depth when the store and Dataverse answer', async () => {
    await h.queue.enqueue({ id: 'a', kind: 'push' });
    const reply = await h.inject({ method: 'GET', url: '/ready' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      status: 'ready',
      checks: { store: 'ok', dataverse: 'ok' },
      queue: { queued: 1, running: 0, held: 0 },
    });
  });

  it('reports not ready, naming the failing check, when no Dataverse token can be had', async () => {
    h.dataverseTokenWorks = false;
    const reply = await h.inject({ method: 'GET', url: '/ready' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json().checks).toEqual({ store: 'ok', dataverse: 'failing' });
  });

  it('reports not ready when the store is closed', async () => {
    await h.store.close();
    const reply = await h.inject({ method: 'GET', url: '/ready' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json().checks.store).toBe('failing');
  });

  it('exposes jobs by state in Prometheus text', async () => {
    await h.queue.enqueue({ id: 'a', kind: 'push' });
    await h.queue.enqueue({ id: 'b', kind: 'push' });
    const reply = await h.inject({ method: 'GET', url: '/metrics' });
    expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(reply.body).toContain('# TYPE relay_jobs gauge');
    expect(reply.body).toContain(
      'relay_jobs{org_id="aaaaaaaa-0000-4000-8000-00000000000a",state="queued"} 2',
    );
    expect(reply.body).toContain(
      'relay_jobs{org_id="aaaaaaaa-0000-4000-8000-00000000000a",state="failed"} 0',
    );
  });

  it('exposes counters other modules register', async () => {
    h.metrics
      .counter('relay_xero_http_429_total', 'Xero 429 replies', ['tenant_id'])
      .inc({ tenant_id: 't1' });
    const reply = await h.inject({ method: 'GET', url: '/metrics' });
    expect(reply.body).toContain('relay_xero_http_429_total{tenant_id="t1"} 1');
  });
});
