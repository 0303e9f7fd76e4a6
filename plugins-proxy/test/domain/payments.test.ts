import { CHOICES, COLUMNS, INVOICE_STATE, SYSTEM_COLUMNS } from '../../../solution/names';
import { mapPayments, type XeroInvoiceLike } from '../../src/domain';

const I = COLUMNS.invoice;
const P = COLUMNS.payment;
const PS = CHOICES.paymentStatus.values;

const payment = (id: string, amount: number, status = 'AUTHORISED') => ({
  PaymentID: id,
  Date: '/Date(1715299200000+0000)/',
  Amount: amount,
  Reference: 'D365 receipt 77',
  Account: { Code: '090' },
  Status: status,
});

const invoice = (patch: Partial<XeroInvoiceLike>): XeroInvoiceLike => ({
  InvoiceID: 'i-1',
  Type: 'ACCREC',
  Status: 'AUTHORISED',
  Total: 100,
  AmountDue: 100,
  AmountPaid: 0,
  AmountCredited: 0,
  Payments: [],
  ...patch,
});

describe('payments back to Dynamics', () => {
  it.each([
    [
      'fully paid → Complete',
      invoice({ Status: 'PAID', AmountDue: 0, AmountPaid: 100, Payments: [payment('p1', 100)] }),
      INVOICE_STATE.paidComplete,
      100,
      0,
    ],
    [
      'partly paid → Partial',
      invoice({ AmountDue: 60, AmountPaid: 40, Payments: [payment('p1', 40)] }),
      INVOICE_STATE.paidPartial,
      40,
      60,
    ],
    ['voided → Canceled', invoice({ Status: 'VOIDED', AmountDue: 0 }), INVOICE_STATE.canceled, 0, 0],
    ['unpaid → Active', invoice({}), INVOICE_STATE.active, 0, 100],
    [
      'settled by a credit note → Complete',
      invoice({ Status: 'PAID', AmountDue: 0, AmountCredited: 100 }),
      INVOICE_STATE.paidComplete,
      100,
      0,
    ],
  ])('sets the invoice for %s', (_, doc, state, paid, due) => {
    const update = mapPayments({ invoice: doc });
    expect(update.invoice).toEqual({
      [I.amountPaid]: paid,
      [I.amountDue]: due,
      [I.xeroStatus]: doc.Status,
      ...state,
    });
  });

  it('writes one stl_payment row per Xero payment with its date as YYYY-MM-DD', () => {
    const update = mapPayments({
      invoice: invoice({ AmountDue: 60, AmountPaid: 40, Payments: [payment('p1', 40)] }),
    });
    expect(update.payments).toEqual([
      {
        [P.xeroPaymentId]: 'p1',
        [P.name]: 'Payment 40 D365 receipt 77',
        [P.paymentDate]: '2024-05-10',
        [P.amount]: 40,
        [P.reference]: 'D365 receipt 77',
        [P.accountCode]: '090',
        [P.status]: PS.authorised,
      },
    ]);
  });

  it('marks a payment deleted in Xero as deleted', () => {
    const update = mapPayments({ invoice: invoice({ Payments: [payment('p1', 40, 'DELETED')] }) });
    expect(update.payments[0][P.status]).toBe(PS.deleted);
  });

  it('marks an existing row deleted when its payment is gone from Xero', () => {
    const update = mapPayments({
      invoice: invoice({}),
      existingPayments: [{ [P.xeroPaymentId]: 'gone', [P.status]: PS.authorised }],
    });
    expect(update.payments).toEqual([
      expect.objectContaining({ [P.xeroPaymentId]: 'gone', [P.status]: PS.deleted }),
    ]);
  });

  it('keeps the last known amount, date and reference of a payment that vanished from Xero', () => {
    const update = mapPayments({
      invoice: invoice({}),
      existingPayments: [
        {
          [P.xeroPaymentId]: 'gone',
          [P.status]: PS.authorised,
          [P.name]: 'Payment 40 REF-1',
          [P.amount]: 40,
          [P.paymentDate]: '2026-03-02',
          [P.reference]: 'REF-1',
          [P.accountCode]: '090',
        },
      ],
    });
    expect(update.payments).toEqual([
      {
        [P.xeroPaymentId]: 'gone',
        [P.name]: 'Payment 40 REF-1',
        [P.paymentDate]: '2026-03-02',
        [P.amount]: 40,
        [P.reference]: 'REF-1',
        [P.accountCode]: '090',
        [P.status]: PS.deleted,
      },
    ]);
  });

  it('writes a row for each credit note allocated to the invoice', () => {
    const update = mapPayments({
      invoice: invoice({
        AmountDue: 70,
        AmountCredited: 30,
        CreditNotes: [
          {
            CreditNoteID: 'cn-1',
            CreditNoteNumber: 'CN-0001',
            AppliedAmount: 30,
            Date: '2024-05-11T00:00:00',
          },
        ],
      }),
    });
    expect(update.payments[0]).toMatchObject({
      [P.xeroPaymentId]: 'cn-1',
      [P.amount]: 30,
      [P.reference]: 'CN-0001',
      [P.paymentDate]: '2024-05-11',
    });
    expect(update.invoice).toMatchObject({
      [I.amountPaid]: 30,
      [I.amountDue]: 70,
      ...INVOICE_STATE.paidPartial,
    });
  });

  it('reads a credit note: remaining credit is due, allocations are rows', () => {
    const update = mapPayments({
      invoice: {
        CreditNoteID: 'cn-1',
        Type: 'ACCRECCREDIT',
        Status: 'AUTHORISED',
        Total: 50,
        RemainingCredit: 20,
        Allocations: [
          {
            AllocationID: 'a-1',
            Amount: 30,
            Date: '/Date(1715385600000)/',
            Invoice: { InvoiceID: 'i-1', InvoiceNumber: 'INV-1' },
          },
        ],
      },
    });
    expect(update.invoice).toMatchObject({
      [I.amountPaid]: 30,
      [I.amountDue]: 20,
      ...INVOICE_STATE.paidPartial,
    });
    expect(update.payments[0]).toMatchObject({
      [P.xeroPaymentId]: 'a-1',
      [P.amount]: 30,
      [P.reference]: 'INV-1',
      [P.paymentDate]: '2024-05-11',
    });
  });

  it('does not throw on an empty document', () => {
    expect(mapPayments({ invoice: {} }).invoice[SYSTEM_COLUMNS.invoice.stateCode]).toBe(
      INVOICE_STATE.active.statecode,
    );
  });
});
