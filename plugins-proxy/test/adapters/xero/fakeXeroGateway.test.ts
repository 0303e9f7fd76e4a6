import { Invoice } from 'xero-node';
import { readBatchElements } from '../../../src/adapters/xero/batchResults';
import { XeroError } from '../../../src/adapters/xero/errors';
import { FakeXeroGateway } from '../../../src/adapters/xero/fakeXeroGateway';
import type { XeroInvoiceModel } from '../../../src/domain';

const sale = (n: string): XeroInvoiceModel => ({
  type: 'ACCREC',
  invoiceNumber: n,
  contact: { contactID: 'c' },
  lineItems: [],
  lineAmountTypes: 'Exclusive',
  status: 'DRAFT',
});

describe('FakeXeroGateway', () => {
  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const xero = new FakeXeroGateway();
    const first = await xero.createInvoices('k1', [sale('INV-1')], { idempotencyKey: 'row-1' });
    const again = await xero.createInvoices('k1', [sale('INV-1')], { idempotencyKey: 'row-1' });
    expect(again.body.invoices?.[0].invoiceID).toBe(first.body.invoices?.[0].invoiceID);
    expect(xero.ledger('k1').invoices).toHaveLength(1);
  });

  it('fails a duplicate sales invoice number as its own batch element', async () => {
    const xero = new FakeXeroGateway();
    await xero.createInvoices('k1', [sale('INV-1')], { idempotencyKey: 'a' });
    const result = await xero.createInvoices('k1', [sale('INV-1'), sale('INV-2')], { idempotencyKey: 'b' });
    expect(readBatchElements(result.body.invoices, 'invoiceID').map((r) => r.ok)).toEqual([false, true]);
  });

  it('refuses to update a paid invoice with the reason', async () => {
    const xero = new FakeXeroGateway();
    const created = await xero.createInvoices('k1', [sale('INV-1')], { idempotencyKey: 'a' });
    const id = String(created.body.invoices?.[0].invoiceID);
    xero.ledger('k1').invoices[0].status = Invoice.StatusEnum.PAID;
    await expect(xero.updateInvoice('k1', id, sale('INV-1'), { idempotencyKey: 'u' })).rejects.toMatchObject({
      kind: 'validation',
      messages: [expect.stringContaining('cannot be edited')],
    });
  });

  it('rejects the next call of an operation with a scripted error, once', async () => {
    const xero = new FakeXeroGateway();
    xero.failNext(
      'getContacts',
      new XeroError({ kind: 'server', status: 500, messages: ['boom'], retryable: true }),
    );
    await expect(xero.getContacts('k1', {})).rejects.toMatchObject({ kind: 'server' });
    await expect(xero.getContacts('k1', {})).resolves.toMatchObject({ status: 200 });
  });
});
