/**
 * The xero-node model of the document and its endpoint; properties set in the order of xero-node's
 * attribute maps, so the plain wire form is byte-identical to the SDK's.
 */
import type { MappingContext } from './context';
import type { Header } from './header';
import type { Numbering } from './numbering';
import type {
  XeroContactRef,
  XeroCreditNoteModel,
  XeroDocumentModel,
  XeroInvoiceModel,
  XeroLineItem,
} from './xeroModels';

export interface DocumentParts {
  contact: XeroContactRef;
  lineItems: XeroLineItem[];
  header: Header;
  numbering: Numbering;
  xeroId?: string;
}

export function buildDocumentModel(
  ctx: MappingContext,
  parts: DocumentParts,
): { model: XeroDocumentModel; path: string } {
  const { contact, lineItems, header, numbering, xeroId } = parts;
  const doc = ctx.doc;
  if (doc.documentKind === 'invoice') {
    const invoice: XeroInvoiceModel = {
      type: doc.xeroType as XeroInvoiceModel['type'],
      contact,
      lineItems,
      date: header.date,
      dueDate: header.dueDate,
      lineAmountTypes: ctx.lineAmountType,
      invoiceNumber: numbering.number,
      reference: numbering.reference,
      brandingThemeID: header.brandingThemeID,
      currencyCode: header.currencyCode,
      status: ctx.status,
      invoiceID: xeroId,
    };
    return { model: { invoices: [invoice] }, path: xeroId ? `/Invoices/${xeroId}` : '/Invoices' };
  }
  const creditNote: XeroCreditNoteModel = {
    type: doc.xeroType as XeroCreditNoteModel['type'],
    contact,
    date: header.date,
    status: ctx.status,
    lineAmountTypes: ctx.lineAmountType,
    lineItems,
    currencyCode: header.currencyCode,
    creditNoteID: xeroId,
    creditNoteNumber: numbering.number,
    reference: numbering.reference,
    brandingThemeID: header.brandingThemeID,
  };
  return { model: { creditNotes: [creditNote] }, path: xeroId ? `/CreditNotes/${xeroId}` : '/CreditNotes' };
}
