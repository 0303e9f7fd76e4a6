import { CHOICES, COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { codesOf, INVOICE, snapshot, wireDoc } from './fixtures';

const N = CHOICES.numbering.values;
const DT = CHOICES.documentType.values;

function numbered(numbering: number, invoice: Record<string, unknown> = {}) {
  const result = mapInvoice(snapshot({ connection: { [COLUMNS.connection.numbering]: numbering }, invoice }));
  return { result, doc: wireDoc(result) };
}

describe('numbering', () => {
  it.each([
    [
      'Xero numbers: no number, the Dynamics number as Reference',
      N.xeroNumbers,
      {},
      undefined,
      'INV-01001-A1B2C3',
    ],
    ['the Dynamics number', N.dynamicsNumber, {}, 'INV-01001-A1B2C3', undefined],
    [
      'the manual number, with the Dynamics number as Reference',
      N.manualNumber,
      { [COLUMNS.invoice.manualNumber]: 'M-77' },
      'M-77',
      'INV-01001-A1B2C3',
    ],
    [
      'the invoice reference when set',
      N.dynamicsNumber,
      { [COLUMNS.invoice.reference]: 'PO 4471' },
      'INV-01001-A1B2C3',
      'PO 4471',
    ],
  ])('uses %s', (_, mode, invoice, number, reference) => {
    const { doc } = numbered(mode, invoice);
    expect(doc.InvoiceNumber).toBe(number);
    expect(doc.Reference).toBe(reference);
  });

  it('blocks the manual mode when the manual number is empty', () => {
    const { result } = numbered(N.manualNumber);
    const f = result.findings.find((x) => x.code === 'MANUAL_NUMBER_MISSING');
    expect(f?.field).toBe(`invoice.${COLUMNS.invoice.manualNumber}`);
    expect(result.blocked).toBe(true);
  });

  it('blocks the Dynamics mode when the invoice has no number', () => {
    expect(codesOf(numbered(N.dynamicsNumber, { [INVOICE.invoiceNumber]: null }).result)).toContain(
      'INVOICE_NUMBER_MISSING',
    );
  });

  it.each([
    ['a number', { [COLUMNS.invoice.manualNumber]: 'M'.repeat(256) }],
    ['a reference', { [COLUMNS.invoice.manualNumber]: 'M-1', [COLUMNS.invoice.reference]: 'R'.repeat(256) }],
  ])('blocks %s longer than 255 characters', (_, invoice) => {
    expect(codesOf(numbered(N.manualNumber, invoice).result)).toContain('NUMBER_TOO_LONG');
  });

  it('puts the number in CreditNoteNumber on a credit note', () => {
    const { doc } = numbered(N.dynamicsNumber, { [COLUMNS.invoice.documentType]: DT.salesCreditNote });
    expect(doc.CreditNoteNumber).toBe('INV-01001-A1B2C3');
    expect(doc.InvoiceNumber).toBeUndefined();
  });

  it('sends no Reference on a bill', () => {
    const { doc } = numbered(N.xeroNumbers, { [COLUMNS.invoice.documentType]: DT.purchaseInvoice });
    expect(doc.Reference).toBeUndefined();
  });

  it('numbers a bill with the Dynamics number even when Xero numbers documents, the key it is found by', () => {
    const { doc } = numbered(N.xeroNumbers, { [COLUMNS.invoice.documentType]: DT.purchaseInvoice });
    expect(doc.InvoiceNumber).toBe('INV-01001-A1B2C3');
  });

  it('numbers a purchase credit note with the Dynamics number and sends no Reference, which Xero ignores on ACCPAYCREDIT', () => {
    const { doc } = numbered(N.xeroNumbers, {
      [COLUMNS.invoice.documentType]: DT.purchaseCreditNote,
      [COLUMNS.invoice.reference]: 'SUP-RET-9',
    });
    expect(doc.CreditNoteNumber).toBe('INV-01001-A1B2C3');
    expect(doc.Reference).toBeUndefined();
  });

  it('keeps the manual number on a bill in manual mode', () => {
    const { doc } = numbered(N.manualNumber, {
      [COLUMNS.invoice.documentType]: DT.purchaseInvoice,
      [COLUMNS.invoice.manualNumber]: 'SUP-88231',
    });
    expect(doc.InvoiceNumber).toBe('SUP-88231');
  });
});
