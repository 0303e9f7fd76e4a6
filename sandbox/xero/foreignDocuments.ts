// Documents the organisation's own staff entered in Xero, not the app: a demo organisation holds a
// few, with a Reference and a bill number a Dynamics document might share, so a look-up that
// matched on those alone would adopt them (docs/xero-behaviour.md#look-ups).
import { saveCreditNote } from './domain/creditNotes';
import { saveInvoice } from './domain/invoices';
import type { OrgContext } from './domain/orgContext';
import type { Organisation } from './domain/types';
import type { Store } from './store';

type Json = Record<string, unknown>;

const line = (description: string, amount: number, accountCode: string, taxType: string): Json => ({
  Description: description,
  Quantity: 1,
  UnitAmount: amount,
  AccountCode: accountCode,
  TaxType: taxType,
});

export const FOREIGN_INVOICES: Json[] = [
  {
    Type: 'ACCREC',
    Contact: { Name: 'Bayside Club' },
    Date: '2026-10-15',
    DueDate: '2026-11-15',
    Reference: 'PO-7730',
    Status: 'AUTHORISED',
    LineItems: [line('Annual membership print run', 450, '200', 'OUTPUT')],
  },
  {
    Type: 'ACCPAY',
    Contact: { Name: 'PowerDirect' },
    Date: '2026-10-20',
    DueDate: '2026-11-20',
    InvoiceNumber: 'BILL-1001',
    Status: 'AUTHORISED',
    LineItems: [line('Electricity, October', 181.5, '445', 'INPUT')],
  },
];

export const FOREIGN_CREDIT_NOTES: Json[] = [
  {
    Type: 'ACCRECCREDIT',
    Contact: { Name: 'Ridgeway University' },
    Date: '2026-10-22',
    Reference: 'Return of one widget',
    Status: 'AUTHORISED',
    LineItems: [line('Returned goods', 55, '200', 'OUTPUT')],
  },
];

export function seedForeignDocuments(store: Store, org: Organisation, now: number): void {
  // No clientId: these were not created by any app.
  const ctx: OrgContext = { store, tenantId: org.TenantID, org, now, unitdp: 2, events: [], origin: '' };
  for (const invoice of FOREIGN_INVOICES) saveInvoice(ctx, invoice, 'create');
  for (const note of FOREIGN_CREDIT_NOTES) saveCreditNote(ctx, note, 'create');
}
