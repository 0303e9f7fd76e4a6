/**
 * The sync domain's public surface: pure functions shared by the relay and the invoice form's
 * PCF control (no I/O, no runtime import of xero-node).
 */
export { mapInvoice, type ContactDecision, type MappingResult } from './mapInvoice';
export {
  parseSnapshot,
  invoiceSnapshotSchema,
  lookupKey,
  xeroSideNotYetRead,
  type InvoiceSnapshot,
  type ParseSnapshotResult,
} from './snapshot';
export {
  mapPayments,
  type DataverseUpdate,
  type ExistingPayment,
  type PaymentRow,
  type XeroInvoiceLike,
} from './payments';
export { parseXeroDate, xeroDateOnly, toOrgDate } from './dates';
export { withContactId } from './withContactId';
export { MESSAGES, XERO_SIDE_FINDINGS, type Finding, type FindingCode, type Severity } from './findings';
export { round2, round4, sumMoney } from './money';
export { failure, success, type Result } from './result';
export { computeLine, sumTotals, xeroLineAmount, xeroLineTax, type Totals } from './totals';
export { plainWireSerializer } from './wireForm';
export type {
  WireBody,
  WireDocument,
  WireSerializer,
  XeroContactModel,
  XeroCreditNoteModel,
  XeroDocumentModel,
  XeroInvoiceModel,
  XeroItemModel,
} from './xeroModels';
export type { ContactCandidate } from './contact';
