import { CHOICES, COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { lookupKey } from '../../src/domain/snapshot';
import { codesOf, IDS, line, snapshot, wireDoc, writeIn } from './fixtures';

const DT = CHOICES.documentType.values;
const GL = lookupKey(COLUMNS.invoiceDetail.glCodeId);
const TAX = lookupKey(COLUMNS.invoiceDetail.taxRateId);
const bill = { [COLUMNS.invoice.documentType]: DT.purchaseInvoice };

function mapped(lines: ReturnType<typeof line>[], invoice = {}, defaults?: Record<string, unknown> | null) {
  const result = mapInvoice(snapshot({ lines, invoice, defaults }));
  return { result, item: wireDoc(result).LineItems[0] };
}

describe('account code and tax type resolution', () => {
  it.each([
    ['the line GL code first', [line({ [GL]: IDS.glOther })], {}, '260'],
    ['the product sales GL code on a sales invoice', [line()], {}, '200'],
    ['the product purchase GL code on a bill', [line()], bill, '400'],
    ['the defaults sales GL code for a write-in', [writeIn('Fee', { [GL]: null })], {}, '200'],
  ])('takes %s', (_, lines, invoice, code) => {
    expect(mapped(lines, invoice).item.AccountCode).toBe(code);
  });

  it.each([
    ['the line tax rate first', [line({ [TAX]: IDS.taxOutputLow })], {}, 'OUTPUT2'],
    ['the product sales tax rate on a sales invoice', [line()], {}, 'OUTPUT'],
    ['the product purchase tax rate on a bill', [line()], bill, 'INPUT'],
    ['the defaults tax rate for a write-in', [writeIn('Fee', { [TAX]: null })], {}, 'OUTPUT'],
  ])('takes %s', (_, lines, invoice, taxType) => {
    expect(mapped(lines, invoice).item.TaxType).toBe(taxType);
  });

  it('blocks a line with no account code anywhere in the chain, naming the line and field', () => {
    const { result } = mapped([writeIn('Fee', { [GL]: null })], {}, null);
    const f = result.findings.find((x) => x.code === 'ACCOUNT_CODE_MISSING');
    expect(f?.field).toBe(`invoicedetail.${COLUMNS.invoiceDetail.glCodeId}`);
    expect(f?.message).toMatch(/^Line 1 "Fee": no sales account code/);
  });

  it('blocks a line with no tax rate anywhere in the chain', () => {
    expect(codesOf(mapped([writeIn('Fee', { [TAX]: null })], {}, null).result)).toContain('TAX_TYPE_MISSING');
  });

  it('does not require a tax rate when amounts are sent with no tax', () => {
    const s = snapshot({
      lines: [writeIn('Fee', { [TAX]: null })],
      defaults: null,
      connection: { [COLUMNS.connection.lineAmountType]: CHOICES.lineAmountType.values.noTax },
    });
    expect(codesOf(mapInvoice(s))).not.toContain('TAX_TYPE_MISSING');
  });

  it.each([
    ['a GL code of another connection', { [GL]: IDS.glForeign }, 'ACCOUNT_CODE_UNKNOWN'],
    ['an inactive GL code', { [GL]: IDS.glInactive }, 'ACCOUNT_CODE_UNKNOWN'],
    ['a GL code that is not synced', { [GL]: IDS.invoice }, 'ACCOUNT_CODE_UNKNOWN'],
    ['a tax rate of another connection', { [TAX]: IDS.taxForeign }, 'TAX_TYPE_UNKNOWN'],
  ])('blocks %s', (_, patch, code) => {
    const { result } = mapped([line(patch)]);
    expect(codesOf(result)).toContain(code);
    expect(result.blocked).toBe(true);
  });

  it.each([
    ['an expenses-only tax rate on a sales invoice', {}, IDS.taxInput],
    ['a revenue-only tax rate on a bill', bill, IDS.taxOutput],
  ])('blocks %s', (_, invoice, taxId) => {
    const { result } = mapped([line({ [TAX]: taxId })], invoice);
    expect(codesOf(result)).toContain('TAX_TYPE_NOT_FOR_DOCUMENT');
  });
});
