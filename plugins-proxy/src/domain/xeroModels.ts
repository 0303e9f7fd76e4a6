/**
 * The Xero request bodies the domain builds, as xero-node model objects; only xero-node's types are
 * imported, so the domain stays SDK-free at run time for the PCF bundle (docs/domain-rules.md).
 */
import type {
  Address,
  Contact,
  CreditNote,
  Invoice,
  Item,
  LineItem,
  LineItemTracking,
  Phone,
  Purchase,
} from 'xero-node';

type Override<T, R> = Omit<T, keyof R> & R;

export type XeroInvoiceType = 'ACCREC' | 'ACCPAY';
export type XeroCreditNoteType = 'ACCRECCREDIT' | 'ACCPAYCREDIT';
export type XeroDocumentType = XeroInvoiceType | XeroCreditNoteType;
export type XeroStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED';
export type XeroLineAmountType = 'Exclusive' | 'Inclusive' | 'NoTax';

export type XeroTracking = Pick<
  LineItemTracking,
  'trackingCategoryID' | 'trackingOptionID' | 'name' | 'option'
>;

export type XeroLineItem = Override<
  Pick<
    LineItem,
    | 'description'
    | 'quantity'
    | 'unitAmount'
    | 'itemCode'
    | 'accountCode'
    | 'taxType'
    | 'discountAmount'
    | 'discountRate'
    | 'tracking'
  >,
  { tracking?: XeroTracking[] }
>;

/** A contact reference on a document: an existing ContactID, or a Name until it is created. */
export type XeroContactRef = Pick<Contact, 'contactID' | 'name'>;

type DocumentFields = {
  contact: XeroContactRef;
  lineItems: XeroLineItem[];
  lineAmountTypes: XeroLineAmountType;
  status: XeroStatus;
  currencyCode?: string;
};

export type XeroInvoiceModel = Override<
  Pick<
    Invoice,
    | 'type'
    | 'contact'
    | 'lineItems'
    | 'date'
    | 'dueDate'
    | 'lineAmountTypes'
    | 'invoiceNumber'
    | 'reference'
    | 'brandingThemeID'
    | 'currencyCode'
    | 'status'
    | 'invoiceID'
    | 'url'
  >,
  DocumentFields & { type: XeroInvoiceType }
>;

export type XeroCreditNoteModel = Override<
  Pick<
    CreditNote,
    | 'type'
    | 'contact'
    | 'lineItems'
    | 'date'
    | 'lineAmountTypes'
    | 'creditNoteNumber'
    | 'reference'
    | 'brandingThemeID'
    | 'currencyCode'
    | 'status'
    | 'creditNoteID'
  >,
  DocumentFields & { type: XeroCreditNoteType }
>;

/** The argument of xero-node's createInvoices / createCreditNotes. */
export type XeroDocumentModel = { invoices: XeroInvoiceModel[] } | { creditNotes: XeroCreditNoteModel[] };

export type XeroAddress = Override<
  Pick<
    Address,
    | 'addressType'
    | 'addressLine1'
    | 'addressLine2'
    | 'addressLine3'
    | 'city'
    | 'region'
    | 'postalCode'
    | 'country'
  >,
  { addressType: 'POBOX' | 'STREET' }
>;
export type XeroPhone = Override<
  Pick<Phone, 'phoneType' | 'phoneNumber'>,
  { phoneType: 'DEFAULT' | 'MOBILE' }
>;

export type XeroContactModel = Override<
  Pick<
    Contact,
    'name' | 'firstName' | 'lastName' | 'emailAddress' | 'contactNumber' | 'addresses' | 'phones'
  >,
  { name: string; addresses?: XeroAddress[]; phones?: XeroPhone[] }
>;

export type XeroItemDetails = Pick<Purchase, 'unitPrice' | 'accountCode' | 'taxType'>;

export type XeroItemModel = Override<
  Pick<Item, 'code' | 'name' | 'description' | 'purchaseDescription' | 'salesDetails' | 'purchaseDetails'>,
  { salesDetails?: XeroItemDetails; purchaseDetails?: XeroItemDetails }
>;

/** A PascalCase body exactly as it goes on the wire. */
export type WireBody = Record<string, unknown>;

/** The wire form of a document request: `{Invoices:[…]}` or `{CreditNotes:[…]}`. */
export type WireDocument = { Invoices: WireBody[] } | { CreditNotes: WireBody[] };

/**
 * Turns models into wire bodies. The relay and the preview pass xero-node's ObjectSerializer
 * (adapters/xero/wire.ts); the browser uses `plainWireSerializer` (wireForm.ts), which a test proves
 * gives byte-identical JSON for every body the mapper makes.
 */
export interface WireSerializer {
  document(model: XeroDocumentModel): WireDocument;
  contact(model: XeroContactModel): WireBody;
  item(model: XeroItemModel): WireBody;
}
