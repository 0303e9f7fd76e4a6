/**
 * Point a mapped document at a contact by ContactID, once created (`create`) or chosen (`needsReview`);
 * wire or model form, the argument left untouched (docs/domain-rules.md).
 */
import type { WireBody, WireDocument, XeroDocumentModel } from './xeroModels';

export function withContactId<T extends WireDocument | XeroDocumentModel>(document: T, contactId: string): T {
  if ('Invoices' in document) {
    return {
      Invoices: document.Invoices.map((d: WireBody) => ({ ...d, Contact: { ContactID: contactId } })),
    } as unknown as T;
  }
  if ('CreditNotes' in document) {
    return {
      CreditNotes: document.CreditNotes.map((d: WireBody) => ({ ...d, Contact: { ContactID: contactId } })),
    } as unknown as T;
  }
  if ('invoices' in document) {
    return {
      invoices: document.invoices.map((d) => ({ ...d, contact: { contactID: contactId } })),
    } as unknown as T;
  }
  return {
    creditNotes: document.creditNotes.map((d) => ({ ...d, contact: { contactID: contactId } })),
  } as unknown as T;
}
