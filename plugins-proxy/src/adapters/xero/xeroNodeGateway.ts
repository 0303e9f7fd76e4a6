/**
 * XeroGateway over the official xero-node SDK: each method is one AccountingApi call, with
 * summarizeErrors=false and unitdp=4 where the API takes them; xeroCallRunner.ts runs it.
 */
import type { Contact, CreditNote, Invoice, Item, Items } from 'xero-node';
import type {
  XeroContactModel,
  XeroCreditNoteModel,
  XeroInvoiceModel,
  XeroItemModel,
} from '../../domain/xeroModels';
import { Clock, systemClock } from './clock';
import {
  AccessTokenProvider,
  ContactQuery,
  InvoiceQuery,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  orFilters,
  PagedQuery,
  whereString,
  WriteOptions,
  XeroCallEvent,
  XeroGateway,
  XeroResult,
} from './gateway';
import { XeroRateLimiter } from './limiter';
import { AccessRecovery, Invoke, SdkAnswer, XeroCallRunner } from './xeroCallRunner';
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
  /** One refresh after a 401, and what a 403 means; without it a refusal is thrown as it is. */
  recovery?: AccessRecovery;
}

const UNITDP = 4;
const SUMMARIZE_ERRORS = false;

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
      recovery: options.recovery,
    });
  }

  private call<T>(connectionId: string, operation: string, invoke: Invoke<T>): Promise<XeroResult<T>> {
    return this.runner.call(connectionId, operation, invoke);
  }

  async createInvoices(connectionId: string, invoices: XeroInvoiceModel[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createInvoices', (api, tenant, o) =>
      api.createInvoices(tenant, { invoices: sdk<Invoice[]>(invoices) }, SUMMARIZE_ERRORS, UNITDP, key, o),
    );
  }

  async updateInvoice(
    connectionId: string,
    invoiceId: string,
    invoice: XeroInvoiceModel,
    write: WriteOptions,
  ) {
    const key = checkedKey(write);
    return this.call(connectionId, 'updateInvoice', (api, tenant, o) =>
      api.updateInvoice(tenant, invoiceId, { invoices: [sdk<Invoice>(invoice)] }, UNITDP, key, o),
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
        q.createdByMyApp,
        UNITDP,
        undefined,
        q.pageSize,
        q.searchTerm,
        o,
      ),
    );
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

  async createCreditNotes(connectionId: string, creditNotes: XeroCreditNoteModel[], write: WriteOptions) {
    const key = checkedKey(write);
    const body = { creditNotes: sdk<CreditNote[]>(creditNotes) };
    return this.call(connectionId, 'createCreditNotes', (api, tenant, o) =>
      api.createCreditNotes(tenant, body, SUMMARIZE_ERRORS, UNITDP, key, o),
    );
  }

  async updateCreditNote(
    connectionId: string,
    creditNoteId: string,
    creditNote: XeroCreditNoteModel,
    write: WriteOptions,
  ) {
    const key = checkedKey(write);
    const body = { creditNotes: [sdk<CreditNote>(creditNote)] };
    return this.call(connectionId, 'updateCreditNote', (api, tenant, o) =>
      api.updateCreditNote(tenant, creditNoteId, body, UNITDP, key, o),
    );
  }

  getCreditNotes(connectionId: string, q: PagedQuery) {
    return this.call(connectionId, 'getCreditNotes', (api, tenant, o) =>
      api.getCreditNotes(tenant, q.modifiedSince, q.where, undefined, q.page, UNITDP, q.pageSize, o),
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

  async createContacts(connectionId: string, contacts: XeroContactModel[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createContacts', (api, tenant, o) =>
      api.createContacts(tenant, { contacts: sdk<Contact[]>(contacts) }, SUMMARIZE_ERRORS, key, o),
    );
  }

  /** Items by code: Xero has no code list, so short OR'd `where` filters, one call each. */
  async getItems(connectionId: string, q: { codes?: string[] }) {
    const filters = q.codes?.length ? orFilters(q.codes.map((c) => `Code==${whereString(c)}`)) : [undefined];
    let merged: XeroResult<Items> | undefined;
    for (const where of filters) {
      const result = await this.call(connectionId, 'getItems', (api, tenant, o) =>
        api.getItems(tenant, undefined, where, undefined, UNITDP, o),
      );
      merged = merged
        ? { ...result, body: { items: [...(merged.body.items ?? []), ...(result.body.items ?? [])] } }
        : result;
    }
    return merged!;
  }

  async createItems(connectionId: string, items: XeroItemModel[], write: WriteOptions) {
    const key = checkedKey(write);
    return this.call(connectionId, 'createItems', (api, tenant, o) =>
      api.createItems(tenant, { items: sdk<Item[]>(items) }, SUMMARIZE_ERRORS, UNITDP, key, o),
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

  async getOrganisation(connectionId: string) {
    const result = await this.call(connectionId, 'getOrganisation', (api, tenant, o) =>
      api.getOrganisations(tenant, o),
    );
    return { ...result, body: result.body.organisations?.[0] };
  }
}

/**
 * The domain's models are the SDK's models narrowed (enum fields as the strings the serializer
 * writes), so they go to xero-node as they are.
 */
function sdk<T>(model: unknown): T {
  return model as T;
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
