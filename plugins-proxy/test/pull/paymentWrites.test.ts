/**
 * The changeset for one document, without a network: Dynamics changes invoice state only through
 * statecode + statuscode and a closed invoice is read-only, so the order of the PATCHes matters.
 */
import { CHOICES, COLUMNS, INVOICE_STATE } from '../../../solution/names';
import type { BatchRequest } from '../../src/adapters/dataverse/batch';
import { documentChange } from '../../src/pull/paymentWrites';
import type { SyncedInvoice } from '../../src/pull/syncedDocuments';
import type { XeroDocument } from '../../src/pull/xeroDocuments';

const CONNECTION = '0c0c0c0c-0000-4000-8000-000000000001';
const INVOICE_ID = '1a1a1a1a-0000-4000-8000-000000000002';
const XERO_ID = '2b2b2b2b-0000-4000-8000-000000000003';
const PAYMENT_ID = '3c3c3c3c-0000-4000-8000-000000000004';
const I = COLUMNS.invoice;
const P = COLUMNS.payment;

const invoice = (change: Partial<SyncedInvoice> = {}): SyncedInvoice => ({
  id: INVOICE_ID,
  number: 'INV-0001',
  xeroId: XERO_ID,
  amountPaid: 0,
  amountDue: 110,
  xeroStatus: 'AUTHORISED',
  ...INVOICE_STATE.active,
  ...change,
});

const xeroInvoice = (change: Partial<XeroDocument> = {}): XeroDocument => ({
  id: XERO_ID,
  number: 'INV-0001',
  InvoiceID: XERO_ID,
  Type: 'ACCREC',
  Status: 'AUTHORISED',
  Total: 110,
  AmountDue: 110,
  AmountPaid: 0,
  AmountCredited: 0,
  Payments: [],
  ...change,
});

const paidInFull = xeroInvoice({
  Status: 'PAID',
  AmountDue: 0,
  AmountPaid: 110,
  Payments: [{ PaymentID: PAYMENT_ID, Amount: 110, Date: '2026-12-01', Reference: 'r' }],
});

function change(current: SyncedInvoice, doc: XeroDocument, existingPayments: boolean) {
  return documentChange({
    connectionId: CONNECTION,
    invoice: current,
    doc,
    existingPayments: existingPayments
      ? [
          {
            invoiceId: INVOICE_ID,
            xeroPaymentId: PAYMENT_ID,
            status: CHOICES.paymentStatus.values.authorised,
            amount: 110,
            paymentDate: '2026-12-01',
            reference: 'r',
            accountCode: null,
          },
        ]
      : [],
    paymentsById: new Map(),
    trigger: CHOICES.trigger.values.schedule,
    timings: { startedOn: new Date(), completedOn: new Date() },
  });
}

/** Each request as "METHOD table: columns", so the order reads at a glance. */
function steps(requests: readonly BatchRequest[]): string[] {
  return requests.map(
    (r) =>
      `${r.method} ${r.url.replace(/\(.*$/, '')}: ${Object.keys(r.body as object)
        .filter((k) => !k.includes('@'))
        .sort()
        .join(',')}`,
  );
}

it('sets the amounts, then the Paid state, then the payment row and the history row', () => {
  const result = change(invoice(), paidInFull, false);
  expect(steps(result!.changeset.changeset)).toEqual([
    `PATCH invoices: ${[I.amountDue, I.amountPaid, I.xeroStatus].sort().join(',')}`,
    'PATCH invoices: statecode,statuscode',
    `PATCH stl_payments: ${[P.accountCode, P.amount, P.name, P.paymentDate, P.reference, P.status, P.xeroPaymentId].sort().join(',')}`,
    expect.stringMatching(/^POST stl_synchistories: /),
  ]);
  expect(result!.changeset.changeset[1].body).toEqual(INVOICE_STATE.paidComplete);
});

it('reopens a paid invoice before changing it when its payment was deleted, and reverses the payment', () => {
  const current = invoice({
    amountPaid: 110,
    amountDue: 0,
    xeroStatus: 'PAID',
    ...INVOICE_STATE.paidComplete,
  });
  const result = change(current, xeroInvoice(), true);
  const requests = result!.changeset.changeset;
  expect(requests[0].body).toEqual(INVOICE_STATE.active);
  expect(requests[1].body).toMatchObject({ [I.amountPaid]: 0, [I.amountDue]: 110 });
  // The reversal keeps the amount that was paid; only the status says the payment is gone.
  expect(requests[2].body).toMatchObject({
    [P.status]: CHOICES.paymentStatus.values.deleted,
    [P.amount]: 110,
  });
  expect(requests).toHaveLength(4);
});

it('reopens, updates and closes again when a paid invoice is voided', () => {
  const current = invoice({
    amountPaid: 110,
    amountDue: 0,
    xeroStatus: 'PAID',
    ...INVOICE_STATE.paidComplete,
  });
  const result = change(current, { ...paidInFull, Status: 'VOIDED' }, true);
  const bodies = result!.changeset.changeset.slice(0, 3).map((r) => r.body);
  expect(bodies).toEqual([
    INVOICE_STATE.active,
    expect.objectContaining({ [I.xeroStatus]: 'VOIDED' }),
    INVOICE_STATE.canceled,
  ]);
});

it('answers no change when Dynamics already shows what Xero has', () => {
  const current = invoice({
    amountPaid: 110,
    amountDue: 0,
    xeroStatus: 'PAID',
    ...INVOICE_STATE.paidComplete,
  });
  expect(change(current, paidInFull, true)).toBeNull();
});

it('leaves a canceled invoice alone: Canceled is final in Dynamics', () => {
  expect(change(invoice({ ...INVOICE_STATE.canceled }), paidInFull, false)).toBeNull();
});
