import { CHOICES, COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { codesOf, IDS, line, snapshot, wireDoc, INVOICE, LINE } from './fixtures';

const DT = CHOICES.documentType.values;

describe('document types', () => {
  it.each([
    [DT.salesInvoice, 'PUT', '/Invoices', 'Invoices', 'ACCREC'],
    [DT.purchaseInvoice, 'PUT', '/Invoices', 'Invoices', 'ACCPAY'],
    [DT.salesCreditNote, 'PUT', '/CreditNotes', 'CreditNotes', 'ACCRECCREDIT'],
    [DT.purchaseCreditNote, 'PUT', '/CreditNotes', 'CreditNotes', 'ACCPAYCREDIT'],
  ])('maps document type %p to %s %s with a %s body of Type %s', (choice, method, path, key, type) => {
    const result = mapInvoice(snapshot({ invoice: { [COLUMNS.invoice.documentType]: choice } }));
    expect(result.endpoint).toEqual({ method, path });
    expect(Object.keys(result.document)).toEqual([key]);
    expect(wireDoc(result).Type).toBe(type);
    expect(result.blocked).toBe(false);
  });

  it('updates an already synced invoice with POST /Invoices/{InvoiceID}', () => {
    const result = mapInvoice(snapshot({ invoice: { [COLUMNS.invoice.xeroId]: IDS.xeroContact } }));
    expect(result.endpoint).toEqual({ method: 'POST', path: `/Invoices/${IDS.xeroContact}` });
    expect(wireDoc(result).InvoiceID).toBe(IDS.xeroContact);
  });

  it('blocks an unknown document type value', () => {
    const result = mapInvoice(snapshot({ invoice: { [COLUMNS.invoice.documentType]: 42 } }));
    expect(codesOf(result)).toContain('DOCUMENT_TYPE_UNKNOWN');
    expect(result.blocked).toBe(true);
  });

  it('blocks a negative sales invoice and advises a credit note', () => {
    const result = mapInvoice(snapshot({ lines: [line({ [LINE.quantity]: -2 })] }));
    const negative = result.findings.find((f) => f.code === 'NEGATIVE_TOTAL');
    expect(negative?.message).toMatch(/credit note/);
    expect(negative?.field).toBe(`invoice.${INVOICE.totalAmount}`);
    expect(result.blocked).toBe(true);
  });

  it('blocks an invoice of another connection', () => {
    const result = mapInvoice(
      snapshot({ invoice: { [`_${COLUMNS.invoice.connectionId}_value`]: IDS.otherConnection } }),
    );
    expect(codesOf(result)).toContain('CONNECTION_MISMATCH');
  });

  it('blocks an invoice without lines', () => {
    expect(codesOf(mapInvoice(snapshot({ lines: [] })))).toContain('NO_LINES');
  });
});
