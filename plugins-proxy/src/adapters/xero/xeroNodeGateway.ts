/**
 * XeroGateway over the official xero-node SDK: each method maps to one AccountingApi call with
 * summarizeErrors=false and unitdp=4 where the API takes them; xeroCallRunner.ts runs it (token,
 * base path, limiter, metrics, one retry after a short 429).
 */
import type { Allocation, Contact, CreditNote, Invoice, Item } from 'xero-node';
import { Clock, systemClock } from './clock';
import {
  AccessTokenProvider,
  ContactQuery,
  InvoiceLookup,
  InvoiceQuery,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  PagedQuery,
  whereString,
  WriteOptions,
  XeroCallEvent,
  XeroGateway,
  XeroResult,
} from './gateway';
import { XeroRateLimiter } from './limiter';
import { Invoke, SdkAnswer, XeroCallRunner } from './xeroCallRunner';
import { installXeroNodeAxiosFixes } from './xeroNodeAxios';

export const XERO_API_BASE_PATH = 'https://api.xero.com/api.xro/2.0';

export interface XeroNodeGatewayOptions {
  getAccessToken: AccessTokenProvider;
  limiter: XeroRateLimiter;
  /** Accounting API base, e.g. `http://127.0.0.1:4020/api.xro/2.0` for the emulator. */
  basePath?: string;
  timeoutMs?: number;
  onCall?: (event: XeroCallEvent) => void;
  clock?: Clock;
  /**
   * Longest rate-limit wait a call sits through (default 60 s). A longer one (a daily limit's
   * Retry-After can be hours) rejects at once with a retryable rateLimit error carrying
   * retryAfterMs, so the job queue reschedules instead of a worker blocking.
   */
  maxRateLimitWaitMs?: number;
}

const UNITDP = 4;
const SUMMARIZE_ERRORS = false;
const CLOSED_STATUSES = new Set(['DELETED', 'VOIDED']);

export class XeroNodeGateway implements XeroGateway {
  private readonly runner: XeroCallRunner;

  constructor(options: XeroNodeGatewayOptions) {
    installXeroNodeAxiosFixes();
    this.runner = new XeroCallRunner({
      getAccessToken: options.getAccessToken,
      limiter: options.limiter,
      basePath: (options.basePath ?? XERO_API_BASE_PATH).replace(/\/+$/, ''),
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
      clock: options.clock ?? systemClock,
      onCall: options.onCall,
    });
  }

  private call<T>(connectionId: string, operation: string, invoke: Invoke<T>): Promise<XeroResult<T>> {
    return this.runner.call(connectionId, operation, invoke);
  }

  async createInvoices(connectionId: string, invoices: Invoice[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createInvoices', (api, tenant, o) =>
      api.createInvoices(tenant, { invoices }, SUMMARIZE_ERRORS, UNITDP, key, o),
    );
  }

  async updateOrCreateInvoices(connectionId: string, invoices: Invoice[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'updateOrCreateInvoices', (api, tenant, o) =>
      api.updateOrCreateInvoices(tenant, { invoices }, SUMMARIZE_ERRORS, UNITDP, key, o),
    );
  }

  async updateInvoice(connectionId: string, invoiceId: string, invoice: Invoice, write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'updateInvoice', (api, tenant, o) =>
      api.updateInvoice(tenant, invoiceId, { invoices: [invoice] }, UNITDP, key, o),
    );
  }

  getInvoices(connectionId: string, q: InvoiceQuery) {
    return this.call(connectionId, 'getInvoices', (api, tenant, o) =>
      api.getInvoices(
        tenant,
        q.modifiedSince,
        q.where,
        undefined,
        nonEmpty(q.ids),
        nonEmpty(q.invoiceNumbers),
        nonEmpty(q.contactIds),
        nonEmpty(q.statuses),
        q.page,
        undefined,
        undefined,
        UNITDP,
        undefined,
        q.pageSize,
        q.searchTerm,
        o,
      ),
    );
  }

  async findInvoiceByNumberOrReference(connectionId: string, lookup: InvoiceLookup): Promise<Invoice | null> {
    const live = (invoices: Invoice[] | undefined) =>
      (invoices ?? []).find(
        (i) => !CLOSED_STATUSES.has(String(i.status)) && (!lookup.type || String(i.type) === lookup.type),
      ) ?? null;
    if (lookup.invoiceNumber) {
      const byNumber = await this.getInvoices(connectionId, {
        invoiceNumbers: [lookup.invoiceNumber],
        page: 1,
      });
      const found = live(byNumber.body.invoices);
      if (found) return found;
    }
    if (lookup.reference) {
      const where = `Reference==${whereString(lookup.reference)}`;
      const byReference = await this.getInvoices(connectionId, { where, page: 1 });
      return live(byReference.body.invoices);
    }
    return null;
  }

  async emailInvoice(connectionId: string, invoiceId: string, write: WriteOptions) {
    const key = checkedKey(write);
    return this.call<void>(
      connectionId,
      'emailInvoice',
      (api, tenant, o) => api.emailInvoice(tenant, invoiceId, {}, key, o) as unknown as SdkAnswer<void>,
    );
  }

  getOnlineInvoice(connectionId: string, invoiceId: string) {
    return this.call(connectionId, 'getOnlineInvoice', (api, tenant, o) =>
      api.getOnlineInvoice(tenant, invoiceId, o),
    );
  }

  async createCreditNotes(connectionId: string, creditNotes: CreditNote[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createCreditNotes', (api, tenant, o) =>
      api.createCreditNotes(tenant, { creditNotes }, SUMMARIZE_ERRORS, UNITDP, key, o),
    );
  }

  getCreditNotes(connectionId: string, q: PagedQuery) {
    return this.call(connectionId, 'getCreditNotes', (api, tenant, o) =>
      api.getCreditNotes(tenant, q.modifiedSince, q.where, undefined, q.page, UNITDP, q.pageSize, o),
    );
  }

  async createAllocation(
    connectionId: string,
    creditNoteId: string,
    allocation: Allocation,
    write: WriteOptions,
  ) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createAllocation', (api, tenant, o) =>
      api.createCreditNoteAllocation(
        tenant,
        creditNoteId,
        { allocations: [allocation] },
        SUMMARIZE_ERRORS,
        key,
        o,
      ),
    );
  }

  getPayments(connectionId: string, q: PagedQuery) {
    return this.call(connectionId, 'getPayments', (api, tenant, o) =>
      api.getPayments(tenant, q.modifiedSince, q.where, undefined, q.page, q.pageSize, o),
    );
  }

  getContacts(connectionId: string, q: ContactQuery) {
    const clauses = [q.where, q.contactNumber ? `ContactNumber==${whereString(q.contactNumber)}` : undefined];
    const where = clauses.filter(Boolean).join(' AND ') || undefined;
    return this.call(connectionId, 'getContacts', (api, tenant, o) =>
      api.getContacts(
        tenant,
        undefined,
        where,
        undefined,
        nonEmpty(q.ids),
        q.page,
        q.includeArchived,
        undefined,
        q.searchTerm,
        undefined,
        o,
      ),
    );
  }

  async createContacts(connectionId: string, contacts: Contact[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createContacts', (api, tenant, o) =>
      api.createContacts(tenant, { contacts }, SUMMARIZE_ERRORS, key, o),
    );
  }

  getItems(connectionId: string, q: { codes?: string[] }) {
    const where = q.codes?.length ? q.codes.map((c) => `Code==${whereString(c)}`).join(' OR ') : undefined;
    return this.call(connectionId, 'getItems', (api, tenant, o) =>
      api.getItems(tenant, undefined, where, undefined, UNITDP, o),
    );
  }

  async createItems(connectionId: string, items: Item[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createItems', (api, tenant, o) =>
      api.createItems(tenant, { items }, SUMMARIZE_ERRORS, UNITDP, key, o),
    );
  }

  getAccounts(connectionId: string, q: { where?: string } = {}) {
    return this.call(connectionId, 'getAccounts', (api, tenant, o) =>
      api.getAccounts(tenant, undefined, q.where, undefined, o),
    );
  }

  getTaxRates(connectionId: string) {
    return this.call(connectionId, 'getTaxRates', (api, tenant, o) =>
      api.getTaxRates(tenant, undefined, undefined, o),
    );
  }

  getBrandingThemes(connectionId: string) {
    return this.call(connectionId, 'getBrandingThemes', (api, tenant, o) => api.getBrandingThemes(tenant, o));
  }

  getTrackingCategories(connectionId: string, q: { includeArchived?: boolean } = {}) {
    return this.call(connectionId, 'getTrackingCategories', (api, tenant, o) =>
      api.getTrackingCategories(tenant, undefined, undefined, q.includeArchived, o),
    );
  }

  getCurrencies(connectionId: string) {
    return this.call(connectionId, 'getCurrencies', (api, tenant, o) =>
      api.getCurrencies(tenant, undefined, undefined, o),
    );
  }

  async getOrganisation(connectionId: string) {
    const result = await this.call(connectionId, 'getOrganisation', (api, tenant, o) =>
      api.getOrganisations(tenant, o),
    );
    return { ...result, body: result.body.organisations?.[0] };
  }
}

function checkedKey(write: WriteOptions): string {
  if (!write.idempotencyKey || write.idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new Error(`Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  return write.idempotencyKey;
}

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}
