/**
 * Payments recorded, deleted and voided through the Xero emulator's admin API end in the right
 * Dynamics state, through the webhook path (a targeted pull) and through the scheduled pull, over
 * real HTTP against both emulators; history rows only when something changed.
 */
import { CHOICES, COLUMNS, INVOICE_STATE, STATE_COLUMNS, TABLES } from '../../../solution/names';
import { SCHEDULED_TASKS } from '../../src/connections/connectionServices';
import type { Row } from '../integration/webApi';
import { xeroClientFor } from '../../../sandbox/test/xero/helpers';
import { startPullHarness, type PullHarness } from './pullHarness';

const I = COLUMNS.invoice;
const P = COLUMNS.payment;
const HC = COLUMNS.syncHistory;
let p: PullHarness;

beforeAll(async () => {
  p = await startPullHarness();
}, 60_000);
afterAll(() => p?.stop());

function recordPayment(xeroId: string, amount?: number): string {
  const result = p.h.xero.admin.recordPayment({ tenantId: p.h.tenantId, invoiceId: xeroId, amount });
  if (!result.ok) throw new Error(result.message);
  return String(result.value.PaymentID);
}

function ok<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

async function invoiceState(invoiceId: string) {
  const row = await p.h.invoiceRow(invoiceId);
  return {
    amountPaid: row[I.amountPaid],
    amountDue: row[I.amountDue],
    xeroStatus: row[I.xeroStatus],
    statecode: row[STATE_COLUMNS.stateCode],
    statuscode: row[STATE_COLUMNS.statusCode],
  };
}

async function paymentRows(invoiceId: string): Promise<Row[]> {
  return p.h.api.list(
    `${TABLES.payment.entitySet}?$select=${P.xeroPaymentId},${P.amount},${P.status},${P.accountCode}&$filter=_${P.invoiceId}_value eq ${invoiceId}`,
  );
}

async function pullHistory(invoiceId: string): Promise<Row[]> {
  return p.h.api.list(
    `${TABLES.syncHistory.entitySet}?$select=${HC.trigger},${HC.status},${HC.message}&$filter=_${HC.invoiceId}_value eq ${invoiceId} and ${HC.operation} eq ${CHOICES.operation.values.pullPayments}`,
  );
}

const webhookFor = (xeroId: string) =>
  p.services.onXeroEvents([{ tenantId: p.h.tenantId, category: 'INVOICE', resourceId: xeroId }]);
const scheduledPull = () => p.scheduler.runNow(SCHEDULED_TASKS.payments);

describe('through a Xero webhook', () => {
  it('marks an invoice paid in full Paid / Complete with its payment row', async () => {
    const { invoiceId, xeroId } = await p.syncedInvoice();
    const paymentId = recordPayment(xeroId);
    await webhookFor(xeroId);
    expect(await invoiceState(invoiceId)).toEqual({
      amountPaid: 110,
      amountDue: 0,
      xeroStatus: 'PAID',
      ...INVOICE_STATE.paidComplete,
    });
    expect(await paymentRows(invoiceId)).toEqual([
      expect.objectContaining({
        [P.xeroPaymentId]: paymentId,
        [P.amount]: 110,
        [P.status]: CHOICES.paymentStatus.values.authorised,
      }),
    ]);
    expect(await pullHistory(invoiceId)).toEqual([
      expect.objectContaining({
        [HC.trigger]: CHOICES.trigger.values.xeroWebhook,
        [HC.status]: CHOICES.syncHistoryStatus.values.succeeded,
      }),
    ]);
  });

  it('marks a partly paid invoice Paid / Partial', async () => {
    const { invoiceId, xeroId } = await p.syncedInvoice();
    recordPayment(xeroId, 40);
    await webhookFor(xeroId);
    expect(await invoiceState(invoiceId)).toMatchObject({
      amountPaid: 40,
      amountDue: 70,
      ...INVOICE_STATE.paidPartial,
    });
  });

  it('cancels an invoice voided in Xero', async () => {
    const { invoiceId, xeroId } = await p.syncedInvoice();
    ok(p.h.xero.admin.voidInvoice({ tenantId: p.h.tenantId, invoiceId: xeroId }));
    await webhookFor(xeroId);
    expect(await invoiceState(invoiceId)).toMatchObject({ xeroStatus: 'VOIDED', ...INVOICE_STATE.canceled });
  });

  it('reverses a payment deleted in Xero and reopens the invoice', async () => {
    const { invoiceId, xeroId } = await p.syncedInvoice();
    const paymentId = recordPayment(xeroId);
    await webhookFor(xeroId);
    ok(p.h.xero.admin.deletePayment({ tenantId: p.h.tenantId, paymentId }));
    await webhookFor(xeroId);
    expect(await invoiceState(invoiceId)).toEqual({
      amountPaid: 0,
      amountDue: 110,
      xeroStatus: 'AUTHORISED',
      ...INVOICE_STATE.active,
    });
    expect(await paymentRows(invoiceId)).toEqual([
      expect.objectContaining({
        [P.xeroPaymentId]: paymentId,
        [P.status]: CHOICES.paymentStatus.values.deleted,
      }),
    ]);
  });
});

describe('through the scheduled pull', () => {
  it('writes a full payment, a partial payment, a void and a deleted payment in one pass', async () => {
    const paid = await p.syncedInvoice();
    const partly = await p.syncedInvoice();
    const voided = await p.syncedInvoice();
    const reopened = await p.syncedInvoice();
    await scheduledPull();
    recordPayment(paid.xeroId);
    recordPayment(partly.xeroId, 10);
    ok(p.h.xero.admin.voidInvoice({ tenantId: p.h.tenantId, invoiceId: voided.xeroId }));
    const removed = recordPayment(reopened.xeroId);
    await scheduledPull();
    expect(await invoiceState(reopened.invoiceId)).toMatchObject(INVOICE_STATE.paidComplete);
    ok(p.h.xero.admin.deletePayment({ tenantId: p.h.tenantId, paymentId: removed }));
    await scheduledPull();

    expect(await invoiceState(paid.invoiceId)).toMatchObject({ amountDue: 0, ...INVOICE_STATE.paidComplete });
    expect(await invoiceState(partly.invoiceId)).toMatchObject({
      amountPaid: 10,
      ...INVOICE_STATE.paidPartial,
    });
    expect(await invoiceState(voided.invoiceId)).toMatchObject(INVOICE_STATE.canceled);
    expect(await invoiceState(reopened.invoiceId)).toMatchObject({ amountPaid: 0, ...INVOICE_STATE.active });
  });

  it('records the account code of a payment, which only GET /Payments carries', async () => {
    const { invoiceId, xeroId } = await p.syncedInvoice();
    recordPayment(xeroId);
    await scheduledPull();
    expect(await paymentRows(invoiceId)).toEqual([expect.objectContaining({ [P.accountCode]: '090' })]);
  });

  it('writes no history row when nothing changed in Xero', async () => {
    const { invoiceId, xeroId } = await p.syncedInvoice();
    recordPayment(xeroId, 5);
    await scheduledPull();
    const before = await pullHistory(invoiceId);
    await scheduledPull();
    await webhookFor(xeroId);
    expect(before).toHaveLength(1);
    expect(await pullHistory(invoiceId)).toHaveLength(1);
  });

  it('records one history row when a webhook pull and the scheduled pull see a payment at once', async () => {
    const { invoiceId, xeroId } = await p.syncedInvoice();
    recordPayment(xeroId, 7);
    await Promise.all([scheduledPull(), webhookFor(xeroId)]);
    expect(await pullHistory(invoiceId)).toHaveLength(1);
  });

  it('keeps the daily calls left on the connection row', async () => {
    await scheduledPull();
    const row = await p.h.api.get(`${TABLES.connection.entitySet}(${p.connectionId})`);
    expect(row[COLUMNS.connection.dailyCallsLeft]).toEqual(expect.any(Number));
    expect(row[COLUMNS.connection.dailyCallsLeft]).toBeGreaterThan(0);
  });
});

describe('credit note allocations', () => {
  it('updates both the invoice and the credit note when Xero allocates credit', async () => {
    const invoice = await p.syncedInvoice();
    const credit = await p.syncedInvoice(CHOICES.documentType.values.salesCreditNote);
    // A bookkeeper allocates the credit in Xero (xero-node straight against the emulator).
    const xero = xeroClientFor(p.h.xero, p.h.xero.admin.issueTokenSet().access_token);
    await xero.accountingApi.createCreditNoteAllocation(p.h.tenantId, credit.xeroId, {
      allocations: [
        { invoice: { invoiceID: invoice.xeroId }, amount: 30, date: new Date().toISOString().slice(0, 10) },
      ],
    });
    await p.services.onXeroEvents([
      { tenantId: p.h.tenantId, category: 'CREDITNOTE', resourceId: credit.xeroId },
    ]);
    expect(await invoiceState(invoice.invoiceId)).toMatchObject({
      amountPaid: 30,
      amountDue: 80,
      ...INVOICE_STATE.paidPartial,
    });
    expect(await invoiceState(credit.invoiceId)).toMatchObject({ amountPaid: 30, amountDue: 80 });
  });
});
