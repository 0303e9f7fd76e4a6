/**
 * An in-memory XeroGateway for unit tests of the sync; what it models, and what it leaves to the Xero
 * emulator, is in adapters/xero/README.md.
 */
import { randomUUID } from 'node:crypto';
import { Invoice } from 'xero-node';
import type {
  Account,
  BrandingTheme,
  Contact,
  CreditNote,
  Item,
  Organisation,
  Payment,
  TaxRate,
  TrackingCategory,
} from 'xero-node';
import type {
  XeroContactModel,
  XeroCreditNoteModel,
  XeroInvoiceModel,
  XeroItemModel,
} from '../../domain/xeroModels';
import { XeroError } from './errors';
import type {
  ContactQuery,
  InvoiceQuery,
  PagedQuery,
  WriteOptions,
  XeroGateway,
  XeroResult,
} from './gateway';

interface Ledger {
  invoices: Invoice[];
  creditNotes: CreditNote[];
  contacts: Contact[];
  items: Item[];
  payments: Payment[];
  emailed: string[];
}

export interface FakeXeroReferenceData {
  organisation?: Organisation;
  accounts?: Account[];
  taxRates?: TaxRate[];
  brandingThemes?: BrandingTheme[];
  trackingCategories?: TrackingCategory[];
}

export interface FakeXeroCall {
  operation: string;
  connectionId: string;
  idempotencyKey?: string;
}

const LOCKED_STATUSES = new Set(['PAID', 'VOIDED', 'DELETED']);

/** The domain's models are the SDK's, narrowed (as in the real gateway). */
function sdk<T>(model: unknown): T {
  return model as T;
}

function ok<T>(body: T, status = 200): XeroResult<T> {
  return { body, status, headers: {} };
}

/** `Field=="value"` terms joined by OR (what the relay's look-ups send); undefined for no filter. */
function whereEquals(where: string | undefined): [string, string][] | undefined {
  if (!where) return undefined;
  return [...where.matchAll(/(Reference|InvoiceNumber)=="((?:[^"\\]|\\.)*)"/g)].map(
    (m) => [m[1], m[2].replace(/\\(.)/g, '$1')] as [string, string],
  );
}

function validation(message: string): XeroError {
  return new XeroError({ kind: 'validation', status: 400, messages: [message], retryable: false });
}

export class FakeXeroGateway implements XeroGateway {
  readonly calls: FakeXeroCall[] = [];
  private readonly ledgers = new Map<string, Ledger>();
  private readonly replays = new Map<string, unknown>();
  private readonly failures = new Map<string, XeroError[]>();
  /** Ids of the documents created through this gateway: what createdByMyApp=true lists. */
  private readonly mine = new Set<string>();
  private numberSeed = 0;

  constructor(
    private readonly reference: FakeXeroReferenceData = {},
    private readonly now: () => number = Date.now,
  ) {}

  ledger(connectionId: string): Ledger {
    let ledger = this.ledgers.get(connectionId);
    if (!ledger) {
      ledger = { invoices: [], creditNotes: [], contacts: [], items: [], payments: [], emailed: [] };
      this.ledgers.set(connectionId, ledger);
    }
    return ledger;
  }

  /** The next call of `operation` rejects with `error` (queue several for several calls). */
  failNext(operation: string, error: XeroError): void {
    this.failures.set(operation, [...(this.failures.get(operation) ?? []), error]);
  }

  async createInvoices(connectionId: string, models: XeroInvoiceModel[], write: WriteOptions) {
    const invoices = sdk<Invoice[]>(models);
    return this.write(connectionId, 'createInvoices', write, () => ({
      invoices: invoices.map((i) => this.addInvoice(connectionId, i)),
    }));
  }

  async updateInvoice(connectionId: string, invoiceId: string, model: XeroInvoiceModel, write: WriteOptions) {
    const invoice = sdk<Invoice>(model);
    return this.write(connectionId, 'updateInvoice', write, () => ({
      invoices: [this.editInvoice(connectionId, invoiceId, invoice, true)],
    }));
  }

  async getInvoices(connectionId: string, q: InvoiceQuery) {
    this.enter(connectionId, 'getInvoices');
    const terms = whereEquals(q.where);
    const invoices = this.ledger(connectionId).invoices.filter(
      (i) =>
        (!q.ids?.length || q.ids.includes(String(i.invoiceID))) &&
        (!q.invoiceNumbers?.length || q.invoiceNumbers.includes(String(i.invoiceNumber))) &&
        (!q.statuses?.length || q.statuses.includes(String(i.status))) &&
        (!q.createdByMyApp || this.mine.has(String(i.invoiceID))) &&
        (!terms ||
          terms.some(([field, value]) => (field === 'Reference' ? i.reference : i.invoiceNumber) === value)),
    );
    return ok({ invoices });
  }

  async emailInvoice(
    connectionId: string,
    invoiceId: string,
    write: WriteOptions,
  ): Promise<XeroResult<void>> {
    await this.write(connectionId, 'emailInvoice', write, () => {
      this.ledger(connectionId).emailed.push(invoiceId);
      return undefined;
    });
    return ok(undefined, 204);
  }

  async getOnlineInvoice(connectionId: string, invoiceId: string) {
    this.enter(connectionId, 'getOnlineInvoice');
    return ok({ onlineInvoices: [{ onlineInvoiceUrl: `https://in.xero.com/fake/${invoiceId}` }] });
  }

  async createCreditNotes(connectionId: string, models: XeroCreditNoteModel[], write: WriteOptions) {
    const creditNotes = sdk<CreditNote[]>(models);
    return this.write(connectionId, 'createCreditNotes', write, () => ({
      creditNotes: creditNotes.map((c) => {
        // PUT only creates (reference §3.7): an existing id is an element error, not an update.
        if (
          c.creditNoteID &&
          this.ledger(connectionId).creditNotes.some((n) => n.creditNoteID === c.creditNoteID)
        )
          return { ...c, hasErrors: true, validationErrors: [{ message: 'Credit note already exists' }] };
        const created = {
          ...c,
          creditNoteID: randomUUID(),
          creditNoteNumber: c.creditNoteNumber ?? this.nextNumber('CN'),
          updatedDateUTC: new Date(this.now()),
        };
        this.ledger(connectionId).creditNotes.push(created);
        this.mine.add(created.creditNoteID);
        return created;
      }),
    }));
  }

  async updateCreditNote(
    connectionId: string,
    creditNoteId: string,
    model: XeroCreditNoteModel,
    write: WriteOptions,
  ) {
    const changes = sdk<CreditNote>(model);
    return this.write(connectionId, 'updateCreditNote', write, () => {
      const notes = this.ledger(connectionId).creditNotes;
      const index = notes.findIndex((n) => n.creditNoteID === creditNoteId);
      if (index < 0)
        throw new XeroError({
          kind: 'notFound',
          status: 404,
          messages: ['Credit note not found'],
          retryable: false,
        });
      notes[index] = {
        ...notes[index],
        ...changes,
        creditNoteID: creditNoteId,
        updatedDateUTC: new Date(this.now()),
      };
      return { creditNotes: [notes[index]] };
    });
  }

  async getCreditNotes(connectionId: string, _q: PagedQuery) {
    this.enter(connectionId, 'getCreditNotes');
    return ok({ creditNotes: this.ledger(connectionId).creditNotes });
  }

  async getPayments(connectionId: string, _q: PagedQuery) {
    this.enter(connectionId, 'getPayments');
    return ok({ payments: this.ledger(connectionId).payments });
  }

  async getContacts(connectionId: string, q: ContactQuery) {
    this.enter(connectionId, 'getContacts');
    const term = q.searchTerm?.toLowerCase();
    const contacts = this.ledger(connectionId).contacts.filter(
      (c) =>
        (!q.ids?.length || q.ids.includes(String(c.contactID))) &&
        (!q.contactNumber || c.contactNumber === q.contactNumber) &&
        (!term || [c.name, c.emailAddress].some((v) => v?.toLowerCase().includes(term))),
    );
    return ok({ contacts });
  }

  async createContacts(connectionId: string, models: XeroContactModel[], write: WriteOptions) {
    const contacts = sdk<Contact[]>(models);
    return this.write(connectionId, 'createContacts', write, () => ({
      contacts: contacts.map((c) => {
        if (this.ledger(connectionId).contacts.some((e) => e.name === c.name)) {
          return {
            ...c,
            hasValidationErrors: true,
            validationErrors: [{ message: 'The contact name must be unique' }],
          };
        }
        const created = { ...c, contactID: randomUUID() };
        this.ledger(connectionId).contacts.push(created);
        return created;
      }),
    }));
  }

  async getItems(connectionId: string, q: { codes?: string[] }) {
    this.enter(connectionId, 'getItems');
    const items = this.ledger(connectionId).items.filter((i) => !q.codes?.length || q.codes.includes(i.code));
    return ok({ items });
  }

  async createItems(connectionId: string, models: XeroItemModel[], write: WriteOptions) {
    const items = sdk<Item[]>(models);
    return this.write(connectionId, 'createItems', write, () => ({
      items: items.map((i) => {
        const created = { ...i, itemID: randomUUID() };
        this.ledger(connectionId).items.push(created);
        return created;
      }),
    }));
  }

  async getAccounts(connectionId: string) {
    this.enter(connectionId, 'getAccounts');
    return ok({ accounts: this.reference.accounts ?? [] });
  }

  async getTaxRates(connectionId: string) {
    this.enter(connectionId, 'getTaxRates');
    return ok({ taxRates: this.reference.taxRates ?? [] });
  }

  async getBrandingThemes(connectionId: string) {
    this.enter(connectionId, 'getBrandingThemes');
    return ok({ brandingThemes: this.reference.brandingThemes ?? [] });
  }

  async getTrackingCategories(connectionId: string) {
    this.enter(connectionId, 'getTrackingCategories');
    return ok({ trackingCategories: this.reference.trackingCategories ?? [] });
  }

  async getOrganisation(connectionId: string) {
    this.enter(connectionId, 'getOrganisation');
    return ok(this.reference.organisation);
  }

  private enter(connectionId: string, operation: string, idempotencyKey?: string): void {
    this.calls.push({ operation, connectionId, idempotencyKey });
    const scripted = this.failures.get(operation)?.shift();
    if (scripted) throw scripted;
  }

  private async write<T>(connectionId: string, operation: string, write: WriteOptions, apply: () => T) {
    this.enter(connectionId, operation, write.idempotencyKey);
    const replayKey = `${connectionId}\u0000${operation}\u0000${write.idempotencyKey}`;
    if (!this.replays.has(replayKey)) this.replays.set(replayKey, apply());
    return ok(this.replays.get(replayKey) as T);
  }

  private nextNumber(prefix: string): string {
    this.numberSeed++;
    return `${prefix}-${String(this.numberSeed).padStart(4, '0')}`;
  }

  private addInvoice(connectionId: string, invoice: Invoice): Invoice {
    const ledger = this.ledger(connectionId);
    const duplicate =
      String(invoice.type) === 'ACCREC' &&
      invoice.invoiceNumber !== undefined &&
      ledger.invoices.some((i) => i.invoiceNumber === invoice.invoiceNumber && String(i.type) === 'ACCREC');
    if (duplicate)
      return { ...invoice, hasErrors: true, validationErrors: [{ message: 'Invoice # must be unique.' }] };
    const created: Invoice = {
      status: Invoice.StatusEnum.DRAFT,
      ...invoice,
      invoiceID: randomUUID(),
      invoiceNumber: invoice.invoiceNumber ?? this.nextNumber('INV'),
      updatedDateUTC: new Date(this.now()),
    };
    ledger.invoices.push(created);
    this.mine.add(String(created.invoiceID));
    return created;
  }

  private editInvoice(
    connectionId: string,
    invoiceId: string,
    changes: Invoice,
    throwIfLocked = false,
  ): Invoice {
    const ledger = this.ledger(connectionId);
    const index = ledger.invoices.findIndex((i) => i.invoiceID === invoiceId);
    if (index < 0)
      throw new XeroError({
        kind: 'notFound',
        status: 404,
        messages: ['Invoice not found'],
        retryable: false,
      });
    if (LOCKED_STATUSES.has(String(ledger.invoices[index].status))) {
      const message = 'This document cannot be edited as it has a payment or credit note allocated to it.';
      if (throwIfLocked) throw validation(message);
      return { ...changes, invoiceID: invoiceId, hasErrors: true, validationErrors: [{ message }] };
    }
    ledger.invoices[index] = { ...ledger.invoices[index], ...changes, invoiceID: invoiceId };
    return ledger.invoices[index];
  }
}
