import { MetricsRegistry } from '../src/metrics';
import { relayMetrics } from '../src/relayMetrics';

describe('MetricsRegistry', () => {
  it('renders a labelled counter in Prometheus text', async () => {
    const registry = new MetricsRegistry();
    registry.counter('relay_xero_calls_total', 'Xero API calls', ['tenant_id']).inc({ tenant_id: 't"1' }, 2);
    expect(await registry.render()).toBe(
      '# HELP relay_xero_calls_total Xero API calls\n# TYPE relay_xero_calls_total counter\nrelay_xero_calls_total{tenant_id="t\\"1"} 2\n',
    );
  });

  it('returns the same metric when a name is registered twice', () => {
    const registry = new MetricsRegistry();
    registry.counter('c', 'h').inc();
    registry.counter('c', 'h').inc();
    expect(registry.counter('c', 'h').get()).toBe(2);
  });

  it('refuses to reuse a name for another metric type', () => {
    const registry = new MetricsRegistry();
    registry.counter('c', 'h');
    expect(() => registry.gauge('c', 'h')).toThrow(/another type/);
  });

  it('refuses a label the metric did not declare', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('c', 'h', ['tenant_id']).inc({ tenant: 'x' })).toThrow(
      /Unknown label tenant/,
    );
  });

  it('renders cumulative histogram buckets with sum and count', async () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('relay_latency_ms', 'Latency', ['op'], [10, 100]);
    latency.observe({ op: 'put' }, 5);
    latency.observe({ op: 'put' }, 50);
    latency.observe({ op: 'put' }, 500);
    const text = await registry.render();
    expect(text).toContain('relay_latency_ms_bucket{op="put",le="10"} 1');
    expect(text).toContain('relay_latency_ms_bucket{op="put",le="100"} 2');
    expect(text).toContain('relay_latency_ms_bucket{op="put",le="+Inf"} 3');
    expect(text).toContain('relay_latency_ms_sum{op="put"} 555');
    expect(text).toContain('relay_latency_ms_count{op="put"} 3');
  });

  it('runs collectors before rendering so gauges are current', async () => {
    const registry = new MetricsRegistry();
    const depth = registry.gauge('relay_queue_depth', 'Queued jobs');
    let queued = 3;
    registry.addCollector(() => depth.set({}, queued));
    expect(await registry.render()).toContain('relay_queue_depth 3');
    queued = 5;
    expect(await registry.render()).toContain('relay_queue_depth 5');
  });
});

describe('relayMetrics', () => {
  it('counts Xero calls and 429s per tenant and records their latency', async () => {
    const registry = new MetricsRegistry();
    const recorded = relayMetrics(registry, 'org-1');
    recorded.xeroCall({ tenantId: 't1', operation: 'createInvoices', status: 200, ms: 120 });
    recorded.xeroCall({ tenantId: 't1', operation: 'createInvoices', status: 429, ms: 30 });
    const text = await registry.render();
    expect(text).toContain(
      'relay_xero_calls_total{org_id="org-1",tenant_id="t1",operation="createInvoices",status="429"} 1',
    );
    expect(text).toContain('relay_xero_429_total{org_id="org-1",tenant_id="t1"} 1');
    expect(text).toContain(
      'relay_xero_call_duration_ms_count{org_id="org-1",tenant_id="t1",operation="createInvoices"} 2',
    );
  });
});
