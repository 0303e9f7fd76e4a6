/**
 * The relay's view of the Xero Accounting API: every method takes the Dynamics connection id and sends
 * its tenant id; bodies go in as domain models, answers are xero-node models, rejections XeroError.
 */
import type {
  Accounts,
  BrandingThemes,
  Contacts,
  CreditNotes,
  Invoices,
  Items,
  OnlineInvoices,
  Organisation,
  Payments,
  TaxRates,
  TrackingCategories,
} from 'xero-node';
import type {
  XeroContactModel,
  XeroCreditNoteModel,
  XeroInvoiceModel,
  XeroItemModel,
} from '../../domain/xeroModels';
import type { ResponseHeaders } from './errors';

export interface XeroAccess {
  accessToken: string;
  tenantId: string;
}

/** Supplies a current access token and the Xero tenant for a Dynamics connection. */
export type AccessTokenProvider = (connectionId: string) => Promise<XeroAccess>;

export interface XeroResult<T> {
  body: T;
  status: number;
  headers: ResponseHeaders;
}

/** Metrics hook: one event per HTTP call, including each retry. */
export interface XeroCallEvent {
  tenantId: string;
  connectionId: string;
  operation: string;
  /** HTTP status, or 0 when no answer arrived. */
  status: number;
  ms: number;
}

export interface WriteOptions {
  /** Deterministic, at most 128 characters (reference/xero-api.md §3.3). */
  idempotencyKey: string;
}

export interface InvoiceQuery {
  ids?: string[];
  invoiceNumbers?: string[];
  contactIds?: string[];
  where?: string;
  statuses?: string[];
  searchTerm?: string;
  modifiedSince?: Date;
  /** Only invoices this app created (spec GET /Invoices `createdByMyApp`). */
  createdByMyApp?: boolean;
  page?: number;
  pageSize?: number;
}

export interface PagedQuery {
  modifiedSince?: Date;
  where?: string;
  page?: number;
  pageSize?: number;
}

export interface ContactQuery {
  ids?: string[];
  where?: string;
  searchTerm?: string;
  contactNumber?: string;
  page?: number;
  includeArchived?: boolean;
}

export interface XeroGateway {
  createInvoices(
    connectionId: string,
    invoices: XeroInvoiceModel[],
    options: WriteOptions,
  ): Promise<XeroResult<Invoices>>;
  updateInvoice(
    connectionId: string,
    invoiceId: string,
    invoice: XeroInvoiceModel,
    options: WriteOptions,
  ): Promise<XeroResult<Invoices>>;
  getInvoices(connectionId: string, query: InvoiceQuery): Promise<XeroResult<Invoices>>;
  emailInvoice(connectionId: string, invoiceId: string, options: WriteOptions): Promise<XeroResult<void>>;
  getOnlineInvoice(connectionId: string, invoiceId: string): Promise<XeroResult<OnlineInvoices>>;
  createCreditNotes(
    connectionId: string,
    creditNotes: XeroCreditNoteModel[],
    options: WriteOptions,
  ): Promise<XeroResult<CreditNotes>>;
  /** POST /CreditNotes/{id}: Xero's PUT only creates (reference §3.7). */
  updateCreditNote(
    connectionId: string,
    creditNoteId: string,
    creditNote: XeroCreditNoteModel,
    options: WriteOptions,
  ): Promise<XeroResult<CreditNotes>>;
  getCreditNotes(connectionId: string, query: PagedQuery): Promise<XeroResult<CreditNotes>>;
  getPayments(connectionId: string, query: PagedQuery): Promise<XeroResult<Payments>>;
  getContacts(connectionId: string, query: ContactQuery): Promise<XeroResult<Contacts>>;
  createContacts(
    connectionId: string,
    contacts: XeroContactModel[],
    options: WriteOptions,
  ): Promise<XeroResult<Contacts>>;
  getItems(connectionId: string, query: { codes?: string[] }): Promise<XeroResult<Items>>;
  createItems(
    connectionId: string,
    items: XeroItemModel[],
    options: WriteOptions,
  ): Promise<XeroResult<Items>>;
  getAccounts(connectionId: string, query?: { where?: string }): Promise<XeroResult<Accounts>>;
  getTaxRates(connectionId: string): Promise<XeroResult<TaxRates>>;
  getBrandingThemes(connectionId: string): Promise<XeroResult<BrandingThemes>>;
  getTrackingCategories(
    connectionId: string,
    query?: { includeArchived?: boolean },
  ): Promise<XeroResult<TrackingCategories>>;
  getOrganisation(connectionId: string): Promise<XeroResult<Organisation | undefined>>;
}

/** OR'd terms per `where`: a short URL, and no filter long enough for Xero to time out on. */
const MAX_WHERE_TERMS = 10;
const MAX_WHERE_CHARS = 1000;

/**
 * `where` filters of at most 10 OR'd terms and about 1,000 characters each (reference §3.4:
 * explicit lists such as IDs or InvoiceNumbers are faster where Xero has them; where it has none,
 * long OR chains are cut into several calls).
 */
export function orFilters(terms: readonly string[]): string[] {
  const filters: string[] = [];
  let current: string[] = [];
  for (const term of [...new Set(terms)]) {
    const length = current.join(' OR ').length + term.length + 4;
    if (current.length && (current.length >= MAX_WHERE_TERMS || length > MAX_WHERE_CHARS)) {
      filters.push(current.join(' OR '));
      current = [];
    }
    current.push(term);
  }
  if (current.length) filters.push(current.join(' OR '));
  return filters;
}

/** A string literal for Xero's `where` syntax: `"` and `\` escaped. */
export function whereString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;
