// Admin operations for tests and the demo: organisations, "made in Xero" payments and voids, limits,
// time scale, faults, latency, the clock, the request log, webhooks, consent without a browser, and
// read-only lists for the demo's side panel. Exposed in-process (typed) and over /_admin (JSON).
import type { Clock } from './clock';
import type { DomainEvent, OrgContext } from './domain/orgContext';
import { findInvoice, saveInvoice } from './domain/invoices';
import { createPayment, deletePayment } from './domain/payments';
import { renderContact, renderInvoice, renderPayment } from './domain/render';
import { todayIn } from './domain/xeroDates';
import type { Grants, TokenPair } from './identity/grants';
import { scopesNotAllowed } from './identity/scopes';
import type { OrgSeed, RateLimitSettings, WebhookSettings } from './options';
import type { FaultRule, Faults } from './ops/faults';
import type { RateLimiter } from './ops/rateLimiter';
import type { IntentResult, WebhookSender, WebhookStatus } from './ops/webhooks';
import type { RequestLogEntry, Store } from './store';
import { createOrganisation } from './seed';

type Json = Record<string, unknown>;

export interface AdminDeps {
  store: Store;
  clock: Clock;
  grants: Grants;
  limiter: RateLimiter;
  faults: Faults;
  webhooks: WebhookSender;
  origin: () => string;
  clientId: string;
  redirectUris: string[];
  legacyScopes: boolean;
  onEvents: (events: DomainEvent[]) => void;
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export interface RequestLogReport {
  total: number;
  byEndpoint: Record<string, number>;
  byTenant: Record<string, number>;
  requests: RequestLogEntry[];
}

export interface PaymentInput {
  tenantId: string;
  invoiceId?: string;
  invoiceNumber?: string;
  amount?: number;
  date?: string;
  accountCode?: string;
  reference?: string;
}

/** What tests consent to unless they say otherwise: the granular scopes a new app gets (§4). */
export const DEFAULT_SCOPE =
  'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings';

export class AdminService {
  constructor(private readonly deps: AdminDeps) {}

  private context(tenantId: string): OrgContext | undefined {
    const org = this.deps.store.organisations.get(tenantId, tenantId);
    if (!org) return undefined;
    return {
      store: this.deps.store,
      tenantId,
      org,
      now: this.deps.clock.now(),
      unitdp: 4,
      events: [],
      origin: this.deps.origin(),
    };
  }

  private inTenant<T>(tenantId: string, work: (ctx: OrgContext) => AdminResult<T>): AdminResult<T> {
    const ctx = this.context(tenantId);
    if (!ctx) return { ok: false, status: 404, message: `Organisation '${tenantId}' does not exist.` };
    const result = this.deps.store.transaction(() => work(ctx));
    if (result.ok) this.deps.onEvents(ctx.events);
    return result;
  }

  tenants(): { tenantId: string; name: string }[] {
    return this.deps.store
      .tenantIds()
      .map((tenantId) => ({ tenantId, name: this.deps.store.organisations.get(tenantId, tenantId)!.Name }));
  }

  createOrganisation(seed: OrgSeed): { tenantId: string; name: string } {
    const org = createOrganisation(this.deps.store, seed, this.deps.clock.now());
    return { tenantId: org.TenantID, name: org.Name };
  }

  recordPayment(input: PaymentInput): AdminResult<Json> {
    return this.inTenant(input.tenantId, (ctx) => {
      const invoice = findInvoice(ctx, input.invoiceId ?? input.invoiceNumber ?? '');
      if (!invoice)
        return {
          ok: false,
          status: 404,
          message: `Invoice '${input.invoiceId ?? input.invoiceNumber}' not found.`,
        };
      const result = createPayment(ctx, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Account: { Code: input.accountCode ?? '090' },
        Amount: input.amount ?? invoice.AmountDue,
        Date: input.date ?? todayIn(ctx.now, ctx.org.Timezone),
        Reference: input.reference ?? 'Payment recorded in Xero',
      });
      return result.ok
        ? { ok: true, value: renderPayment(ctx, result.record) }
        : { ok: false, status: 400, message: result.errors.join(' ') };
    });
  }

  voidInvoice(input: { tenantId: string; invoiceId?: string; invoiceNumber?: string }): AdminResult<Json> {
    return this.inTenant(input.tenantId, (ctx) => {
      const invoice = findInvoice(ctx, input.invoiceId ?? input.invoiceNumber ?? '');
      if (!invoice) return { ok: false, status: 404, message: 'Invoice not found.' };
      const result = saveInvoice(ctx, { Status: 'VOIDED' }, 'createOrUpdate', invoice.InvoiceID);
      return result.ok
        ? { ok: true, value: renderInvoice(ctx, result.record) }
        : { ok: false, status: 400, message: result.errors.join(' ') };
    });
  }

  deletePayment(input: { tenantId: string; paymentId: string }): AdminResult<Json> {
    return this.inTenant(input.tenantId, (ctx) => {
      const result = deletePayment(ctx, input.paymentId);
      return result.ok
        ? { ok: true, value: renderPayment(ctx, result.record) }
        : { ok: false, status: 400, message: result.errors.join(' ') };
    });
  }

  list(tenantId: string, kind: 'invoices' | 'contacts' | 'payments'): AdminResult<Json[]> {
    const ctx = this.context(tenantId);
    if (!ctx) return { ok: false, status: 404, message: `Organisation '${tenantId}' does not exist.` };
    const store = this.deps.store;
    if (kind === 'invoices')
      return { ok: true, value: store.invoices.all(tenantId).map((r) => renderInvoice(ctx, r)) };
    if (kind === 'contacts')
      return { ok: true, value: store.contacts.all(tenantId).map((r) => renderContact(ctx, r)) };
    return { ok: true, value: store.payments.all(tenantId).map((r) => renderPayment(ctx, r)) };
  }

  setLimits(changes: Partial<RateLimitSettings>): RateLimitSettings {
    return this.deps.limiter.update(changes);
  }

  resetLimits(): void {
    this.deps.limiter.reset();
  }

  setLatency(ms: number): void {
    this.deps.faults.latencyMs = ms;
  }

  addFault(rule: FaultRule): FaultRule[] {
    this.deps.faults.add(rule);
    return this.deps.faults.list();
  }

  clearFaults(): void {
    this.deps.faults.clear();
  }

  advanceClock(ms: number): number {
    return this.deps.clock.advance(ms);
  }

  now(): number {
    return this.deps.clock.now();
  }

  requestLog(): RequestLogReport {
    const requests = this.deps.store.requestLog();
    const count = (key: (r: RequestLogEntry) => string) =>
      requests.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }), {});
    return {
      total: requests.length,
      byEndpoint: count((r) => r.endpoint),
      byTenant: count((r) => r.tenantId ?? 'none'),
      requests,
    };
  }

  clearRequestLog(): void {
    this.deps.store.clearRequestLog();
  }

  configureWebhook(settings: WebhookSettings | null): Promise<IntentResult | undefined> {
    return this.deps.webhooks.configure(settings);
  }

  webhookStatus(): WebhookStatus {
    return this.deps.webhooks.status();
  }

  webhooksIdle(): Promise<void> {
    return this.deps.webhooks.idle();
  }

  /**
   * Consent without the browser page: connects the tenants and returns the code and redirect. The
   * scopes are checked as the consent page checks them; `userId` signs in as another Xero user.
   */
  consent(input: {
    tenantIds?: string[];
    scope?: string;
    redirectUri?: string;
    state?: string;
    codeChallenge?: string;
    nonce?: string;
    userId?: string;
  }) {
    const redirectUri = input.redirectUri ?? this.deps.redirectUris[0];
    const scope = input.scope ?? DEFAULT_SCOPE;
    const refused = scopesNotAllowed(scope, this.deps.legacyScopes);
    if (refused.length > 0)
      throw new Error(`unauthorized_client: Invalid scope for client: ${refused.join(' ')}`);
    const code = this.deps.grants.consent({
      clientId: this.deps.clientId,
      redirectUri,
      scope,
      codeChallenge: input.codeChallenge,
      nonce: input.nonce,
      tenantIds: input.tenantIds ?? this.deps.store.tenantIds(),
      userId: input.userId,
    });
    const location = new URL(redirectUri);
    location.searchParams.set('code', code);
    if (input.state) location.searchParams.set('state', input.state);
    return { code, location: location.toString() };
  }

  /** An organisation removes the app in Xero (Settings → Connected apps): its connections go. */
  dropConnection(tenantId: string): number {
    return this.deps.grants.dropTenant(this.deps.clientId, tenantId);
  }

  /** Every access token the app holds (or one user's) expires now; refresh tokens are untouched. */
  expireAccessTokens(userId?: string): number {
    return this.deps.grants.expireAccessTokens(this.deps.clientId, userId);
  }

  /** The app's connections as Xero holds them (every user), for tests of connection clean-up. */
  connections(userId?: string) {
    return this.deps.grants.allConnections(this.deps.clientId, userId);
  }

  /** A ready token set for tests (consent + code exchange), in the shape xero-node's setTokenSet takes. */
  issueTokenSet(
    input: { tenantIds?: string[]; scope?: string; userId?: string } = {},
  ): TokenPair & { expires_at: number } {
    const { code } = this.consent(input);
    const result = this.deps.grants.exchangeCode({ code, clientId: this.deps.clientId, secretOk: true });
    if (!result.ok) throw new Error(result.description);
    return { ...result.pair, expires_at: Math.floor(this.deps.clock.now() / 1000) + result.pair.expires_in };
  }
}
