/**
 * The relay's named metrics over a registry, so every module records the same names and labels
 * (docs/architecture.md#metrics-logs-and-configuration).
 */
import type { MetricsRegistry } from './metrics';

/** The shape of the Xero gateway's XeroCallEvent (structural, so this module imports no adapter). */
export interface XeroCallSample {
  readonly tenantId: string;
  readonly operation: string;
  /** HTTP status, or 0 when no answer arrived. */
  readonly status: number;
  readonly ms: number;
}

/** The shape of the Dataverse client's DataverseRequestEvent. */
export interface DataverseRequestSample {
  readonly method: string;
  readonly status: number;
  readonly ms: number;
}

export interface RelayMetrics {
  xeroCall(sample: XeroCallSample): void;
  dataverseRequest(sample: DataverseRequestSample): void;
}

export function relayMetrics(registry: MetricsRegistry, orgId: string): RelayMetrics {
  const xeroCalls = registry.counter(
    'relay_xero_calls_total',
    'Xero API calls by tenant, operation and status',
    ['org_id', 'tenant_id', 'operation', 'status'],
  );
  const xero429 = registry.counter('relay_xero_429_total', 'Xero 429 (rate limited) replies by tenant', [
    'org_id',
    'tenant_id',
  ]);
  const xeroLatency = registry.histogram('relay_xero_call_duration_ms', 'Xero call latency in milliseconds', [
    'org_id',
    'tenant_id',
    'operation',
  ]);
  const dataverseRequests = registry.counter('relay_dataverse_requests_total', 'Dataverse Web API requests', [
    'org_id',
    'method',
    'status',
  ]);
  const dataverseLatency = registry.histogram(
    'relay_dataverse_request_duration_ms',
    'Dataverse request latency in milliseconds',
    ['org_id', 'method'],
  );
  return {
    xeroCall({ tenantId, operation, status, ms }) {
      xeroCalls.inc({ org_id: orgId, tenant_id: tenantId, operation, status });
      if (status === 429) xero429.inc({ org_id: orgId, tenant_id: tenantId });
      xeroLatency.observe({ org_id: orgId, tenant_id: tenantId, operation }, ms);
    },
    dataverseRequest({ method, status, ms }) {
      dataverseRequests.inc({ org_id: orgId, method, status });
      dataverseLatency.observe({ org_id: orgId, method }, ms);
    },
  };
}
