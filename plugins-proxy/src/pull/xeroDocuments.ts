/**
 * The Xero side of a payments pull: what changed since the cursor, and documents by id, in Xero's
 * PascalCase wire form, which the domain's mapPayments reads (docs/architecture.md#the-payments-pull).
 */
import { ObjectSerializer } from 'xero-node';
import type { CreditNote, Invoice, Payment } from 'xero-node';
import type { XeroGateway, XeroResult } from '../adapters/xero/gateway';
import { orFilters, whereString } from '../adapters/xero/gateway';
import { collectPages } from '../adapters/xero/paging';
import type { XeroInvoiceLike, XeroPaymentLike } from '../domain/payments';
import { piecesOf } from './batchRequests';

export type XeroDocumentsGateway = Pick<XeroGateway, 'getPayments' | 'getInvoices' | 'getCreditNotes'>;

/** An invoice or credit note as mapPayments reads it, with its number for messages. */
export interface XeroDocument extends XeroInvoiceLike {
  readonly id: string;
  readonly number: string | null;
}

export interface ChangedInXero {
  readonly payments: XeroPaymentLike[];
  /** Invoices and credit notes the changed payments point at. */
  readonly paidInvoiceIds: string[];
  readonly paidCreditNoteIds: string[];
  readonly documents: XeroDocument[];
}

const PAGE_SIZE = 100;
const IDS_PER_CALL = 40;

function wire<T>(model: T, type: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(model, type))) as Record<string, unknown>;
}

export function invoiceDocument(invoice: Invoice): XeroDocument {
  const doc = wire(invoice, 'Invoice') as XeroInvoiceLike & { InvoiceNumber?: string };
  return { ...doc, id: String(doc.InvoiceID), number: doc.InvoiceNumber ?? null };
}

export function creditNoteDocument(note: CreditNote): XeroDocument {
  const doc = wire(note, 'CreditNote') as XeroInvoiceLike & { CreditNoteNumber?: string };
  return { ...doc, id: String(doc.CreditNoteID), number: doc.CreditNoteNumber ?? null };
}

export class XeroDocuments {
  constructor(
    private readonly xero: XeroDocumentsGateway,
    private readonly connectionId: string,
    private readonly onHeaders: (headers: Record<string, string>) => void = () => undefined,
  ) {}

  private seen<T>(result: XeroResult<T>): T {
    this.onHeaders(result.headers);
    return result.body;
  }

  async changedSince(since: Date | undefined): Promise<ChangedInXero> {
    const modifiedSince = since;
    const payments = await collectPages<Payment>(
      async (page, pageSize) => {
        const body = this.seen(
          await this.xero.getPayments(this.connectionId, { modifiedSince, page, pageSize }),
        );
        return { items: body.payments ?? [], pageCount: body.pagination?.pageCount };
      },
      { pageSize: PAGE_SIZE },
    );
    const invoices = await collectPages<Invoice>(
      async (page, pageSize) => {
        const body = this.seen(
          await this.xero.getInvoices(this.connectionId, { modifiedSince, page, pageSize }),
        );
        return { items: body.invoices ?? [], pageCount: body.pagination?.pageCount };
      },
      { pageSize: PAGE_SIZE },
    );
    const notes = await collectPages<CreditNote>(
      async (page, pageSize) => {
        const body = this.seen(
          await this.xero.getCreditNotes(this.connectionId, { modifiedSince, page, pageSize }),
        );
        return { items: body.creditNotes ?? [], pageCount: body.pagination?.pageCount };
      },
      { pageSize: PAGE_SIZE },
    );
    const wirePayments = payments.map((p) => wire(p, 'Payment') as XeroPaymentLike & PaymentTarget);
    return {
      payments: wirePayments,
      paidInvoiceIds: wirePayments.map((p) => p.Invoice?.InvoiceID).filter(isId),
      paidCreditNoteIds: wirePayments.map((p) => p.CreditNote?.CreditNoteID).filter(isId),
      documents: [...invoices.map(invoiceDocument), ...notes.map(creditNoteDocument)],
    };
  }

  /** Invoices by id (paged GETs carry payments and credit notes). */
  async invoices(ids: readonly string[]): Promise<XeroDocument[]> {
    const found: XeroDocument[] = [];
    for (const piece of piecesOf(ids, IDS_PER_CALL)) {
      const body = this.seen(
        await this.xero.getInvoices(this.connectionId, { ids: piece, page: 1, pageSize: IDS_PER_CALL }),
      );
      found.push(...(body.invoices ?? []).map(invoiceDocument));
    }
    return found;
  }

  /** Credit notes by id: Xero's credit note query has no id list, so short OR'd `where` filters. */
  async creditNotes(ids: readonly string[]): Promise<XeroDocument[]> {
    const found: XeroDocument[] = [];
    for (const where of orFilters(ids.map((id) => `CreditNoteID==Guid(${whereString(id)})`))) {
      const body = this.seen(
        await this.xero.getCreditNotes(this.connectionId, { where, page: 1, pageSize: IDS_PER_CALL }),
      );
      found.push(...(body.creditNotes ?? []).map(creditNoteDocument));
    }
    return found;
  }
}

interface PaymentTarget {
  Invoice?: { InvoiceID?: string } | null;
  CreditNote?: { CreditNoteID?: string } | null;
}

/** Ids of the other side of credit allocations: invoices a credit note settles, and vice versa. */
export function allocationCounterparts(doc: XeroDocument): { invoiceIds: string[]; creditNoteIds: string[] } {
  const invoiceIds = (doc.Allocations ?? []).map((a) => a?.Invoice?.InvoiceID).filter(isId);
  const creditNoteIds = (doc.CreditNotes ?? []).map((c) => c?.CreditNoteID).filter(isId);
  return { invoiceIds, creditNoteIds };
}

const isId = (id: unknown): id is string => typeof id === 'string' && id !== '';
