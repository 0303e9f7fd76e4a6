/**
 * Two fixes to the axios instance xero-node calls, only on requests this gateway marks: no `data: {}` on
 * GETs (strict servers answer 415, reference/xero-api.md §2) and a timeout (adapters/xero/README.md).
 */
import { createRequire } from 'node:module';

export const TIMEOUT_MARKER_HEADER = 'x-stellarise-timeout-ms';

interface HeaderBag {
  get?(name: string): unknown;
  delete?(name: string): unknown;
  [name: string]: unknown;
}

interface RequestConfig {
  method?: string;
  data?: unknown;
  timeout?: number;
  headers?: HeaderBag;
}

interface AxiosLike {
  interceptors: { request: { use(fn: (config: RequestConfig) => RequestConfig): number } };
}

let installed = false;

function readMarker(headers: HeaderBag): string | undefined {
  const value =
    typeof headers.get === 'function' ? headers.get(TIMEOUT_MARKER_HEADER) : headers[TIMEOUT_MARKER_HEADER];
  if (typeof headers.delete === 'function') headers.delete(TIMEOUT_MARKER_HEADER);
  else delete headers[TIMEOUT_MARKER_HEADER];
  return value === undefined || value === null ? undefined : String(value);
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}

export function markedRequestFix(config: RequestConfig): RequestConfig {
  if (!config.headers) return config;
  const marker = readMarker(config.headers);
  if (marker === undefined) return config;
  const timeout = Number(marker);
  if (Number.isFinite(timeout) && timeout > 0) config.timeout = timeout;
  const method = (config.method ?? 'get').toLowerCase();
  if ((method === 'get' || method === 'delete' || method === 'head') && isEmptyObject(config.data)) {
    config.data = undefined;
  }
  return config;
}

/** Install once per process on the axios copy that xero-node resolves. */
export function installXeroNodeAxiosFixes(): void {
  if (installed) return;
  const requireFromXeroNode = createRequire(require.resolve('xero-node'));
  const axios = requireFromXeroNode('axios') as { default?: AxiosLike } & AxiosLike;
  (axios.default ?? axios).interceptors.request.use(markedRequestFix);
  installed = true;
}
