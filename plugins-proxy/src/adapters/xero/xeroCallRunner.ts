/**
 * How one gateway call runs: a permit from the shared limiter, then a current token and the tenant,
 * a XeroClient per call, the metrics event, one retry after a short 429, and one refresh after a 401.
 */
import { XeroClient } from 'xero-node';
import type { AccountingApi } from 'xero-node';
import { Clock } from './clock';
import { normaliseHeaders, toXeroError, XeroError } from './errors';
import { AccessTokenProvider, XeroAccess, XeroCallEvent, XeroResult } from './gateway';
import { Permit, XeroRateLimiter } from './limiter';
import { TIMEOUT_MARKER_HEADER } from './xeroNodeAxios';

export type SdkOptions = { headers: { [name: string]: string } };
export type SdkAnswer<T> = Promise<{ response: { status: number; headers: unknown }; body: T }>;
export type Invoke<T> = (api: AccountingApi, tenantId: string, options: SdkOptions) => SdkAnswer<T>;

/**
 * What to do when Xero refuses the token (reference §4; docs/xero-behaviour.md#401-and-403): a
 * 401 gets one refresh and one retry; a second 401, or a 403, is explained by the OAuth side.
 */
export interface AccessRecovery {
  /** A freshly refreshed token for the connection; `rejected` is the one Xero refused. */
  refreshed(connectionId: string, rejected: string): Promise<XeroAccess>;
  /** The error to throw instead of Xero's refusal: the connection needs a person, or retry later. */
  explain(connectionId: string, refusal: XeroError, access: XeroAccess, operation: string): Promise<Error>;
}

export interface XeroCallRunnerOptions {
  getAccessToken: AccessTokenProvider;
  limiter: XeroRateLimiter;
  basePath: string;
  timeoutMs: number;
  maxRateLimitWaitMs: number;
  clock: Clock;
  onCall?: (event: XeroCallEvent) => void;
  recovery?: AccessRecovery;
}

export class XeroCallRunner {
  /** Each connection's tenant, so the permit can come before the token. */
  private readonly tenants = new Map<string, string>();

  constructor(private readonly options: XeroCallRunnerOptions) {}

  private client(accessToken: string): AccountingApi {
    const xero = new XeroClient({ clientId: '', clientSecret: '', redirectUris: [], scopes: [] });
    // No expires_at: token freshness is the token provider's job, not the SDK's.
    xero.setTokenSet({ access_token: accessToken, token_type: 'Bearer' });
    xero.accountingApi.basePath = this.options.basePath;
    return xero.accountingApi;
  }

  /**
   * A permit, then the token: a token taken before a long wait could expire while it waits. A
   * reconnect may have moved the connection to another tenant, whose permit is taken instead.
   */
  private async permitted(connectionId: string): Promise<{ permit: Permit; access: XeroAccess }> {
    let tenantId =
      this.tenants.get(connectionId) ?? (await this.options.getAccessToken(connectionId)).tenantId;
    for (;;) {
      this.refuseLongWait(tenantId);
      const permit = await this.options.limiter.acquire(tenantId);
      let access: XeroAccess;
      try {
        access = await this.options.getAccessToken(connectionId);
      } catch (error) {
        permit.release();
        throw error;
      }
      this.tenants.set(connectionId, access.tenantId);
      if (access.tenantId === tenantId) return { permit, access };
      permit.release();
      tenantId = access.tenantId;
    }
  }

  async call<T>(connectionId: string, operation: string, invoke: Invoke<T>): Promise<XeroResult<T>> {
    let refreshed = false;
    let rateLimited = false;
    for (;;) {
      const { permit, access } = await this.permitted(connectionId);
      const started = this.options.clock.now();
      const report = (status: number) =>
        this.options.onCall?.({
          tenantId: access.tenantId,
          connectionId,
          operation,
          status,
          ms: this.options.clock.now() - started,
        });
      try {
        const answer = await invoke(this.client(access.accessToken), access.tenantId, {
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
        if (error.kind === 'rateLimit' && !rateLimited && shortWait) {
          rateLimited = true;
          continue;
        }
        const recovery = this.options.recovery;
        if (recovery && error.status === 401 && !refreshed) {
          refreshed = true;
          await recovery.refreshed(connectionId, access.accessToken);
          continue;
        }
        if (recovery && (error.status === 401 || error.status === 403))
          throw await recovery.explain(connectionId, error, access, operation);
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
