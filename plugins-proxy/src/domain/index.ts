/**
 * The sync domain's public surface: pure functions shared by the relay and the invoice form's
 * PCF control (no I/O, no runtime import of xero-node).
 */
export { mapInvoice, type MappingResult } from './mapInvoice';
export { parseSnapshot, type InvoiceSnapshot } from './snapshot';
export { mapPayments, type XeroInvoiceLike } from './payments';
export { parseXeroDate, toOrgDate } from './dates';
export { withContactId } from './withContactId';
export { MESSAGES, XERO_SIDE_FINDINGS, type Finding } from './findings';
export { failure, success, type Result } from './result';
export { computeLine, xeroLineAmount } from './totals';
export type { XeroCreditNoteModel, XeroInvoiceModel, XeroItemModel } from './xeroModels';
