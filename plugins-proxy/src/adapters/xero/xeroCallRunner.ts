/**
 * How one gateway call runs: token and tenant, a XeroClient per call (concurrent tenants never share a
 * token), a permit from the shared limiter, the metrics event, and one retry after a short 429.
 */
import { XeroClient } from 'xero-node';
import type { AccountingApi } from 'xero-node';
import { Clock } from './clock';
import { normaliseHeaders, toXeroError, XeroError } from './errors';
import { AccessTokenProvider, XeroCallEvent, XeroResult } from './gateway';
import { XeroRateLimiter } from './limiter';
import { TIMEOUT_MARKER_HEADER } from './xeroNodeAxios';

export type SdkOptions = { headers: { [name: string]: string } };
export type SdkAnswer<T> = Promise<{ response: { status: number; headers: unknown }; body: T }>;
export type Invoke<T> = (api: AccountingApi, tenantId: string, options: SdkOptions) => SdkAnswer<T>;

export interface XeroCallRunnerOptions {
  getAccessToken: AccessTokenProvider;
  limiter: XeroRateLimiter;
  basePath: string;
  timeoutMs: number;
  maxRateLimitWaitMs: number;
  clock: Clock;
  onCall?: (event: XeroCallEvent) => void;
}

export class XeroCallRunner {
  constructor(private readonly options: XeroCallRunnerOptions) {}

  private client(accessToken: string): AccountingApi {
    const xero = new XeroClient({ clientId: '', clientSecret: '', redirectUris: [], scopes: [] });
    // No expires_at: token freshness is the token provider's job, not the SDK's.
    xero.setTokenSet({ access_token: accessToken, token_type: 'Bearer' });
    xero.accountingApi.basePath = this.options.basePath;
    return xero.accountingApi;
  }

  async call<T>(connectionId: string, operation: string, invoke: Invoke<T>): Promise<XeroResult<T>> {
    const { accessToken, tenantId } = await this.options.getAccessToken(connectionId);
    const api = this.client(accessToken);
    for (let attempt = 1; ; attempt++) {
      this.refuseLongWait(tenantId);
      const permit = await this.options.limiter.acquire(tenantId);
      const started = this.options.clock.now();
      const report = (status: number) =>
        this.options.onCall?.({
          tenantId,
          connectionId,
          operation,
          status,
          ms: this.options.clock.now() - started,
        });
      try {
        const answer = await invoke(api, tenantId, {
          headers: { [TIMEOUT_MARKER_HEADER]: String(this.options.timeoutMs) },
        });
        const headers = normaliseHeaders(answer.response.headers);
        permit.release({ status: answer.response.status, headers });
        report(answer.response.status);
        return { body: answer.body, status: answer.response.status, headers };
      } catch (rejection) {
        const error: XeroError = toXeroError(rejection);
        permit.release({ status: error.status, headers: error.headers, retryAfterMs: error.retryAfterMs });
        report(error.status);
        const shortWait = (error.retryAfterMs ?? 0) <= this.options.maxRateLimitWaitMs;
        if (error.kind === 'rateLimit' && attempt === 1 && shortWait) continue;
        throw error;
      }
    }
  }

  private refuseLongWait(tenantId: string): void {
    const waitMs = this.options.limiter.waitEstimate(tenantId);
    if (waitMs <= this.options.maxRateLimitWaitMs) return;
    throw new XeroError({
      kind: 'rateLimit',
      status: 429,
      messages: [
        `Xero's rate limit for this organisation is spent; try again in ${Math.ceil(waitMs / 1000)} s`,
      ],
      retryable: true,
      retryAfterMs: waitMs,
      problem: 'local',
    });
  }
}
