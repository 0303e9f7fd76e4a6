import { CHOICES, COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { codesOf, INVOICE, line, LINE, snapshot, wireDoc } from './fixtures';

const DT = CHOICES.documentType.values;
const discounted = () =>
  line({ [LINE.quantity]: 3, [LINE.pricePerUnit]: 10, [LINE.manualDiscountAmount]: 1 });

describe('discounts', () => {
  it('sends a line discount as DiscountAmount on a sales invoice', () => {
    const result = mapInvoice(snapshot({ lines: [discounted()] }));
    expect(wireDoc(result).LineItems[0]).toMatchObject({ Quantity: 3, UnitAmount: 10, DiscountAmount: 1 });
    expect(result.totals.difference).toBe(0);
  });

  it.each([
    ['a bill', DT.purchaseInvoice],
    ['a sales credit note', DT.salesCreditNote],
    ['a purchase credit note', DT.purchaseCreditNote],
  ])('folds the line discount into the unit amount on %s, with a warning', (_, type) => {
    const result = mapInvoice(
      snapshot({ lines: [discounted()], invoice: { [COLUMNS.invoice.documentType]: type } }),
    );
    const item = wireDoc(result).LineItems[0];
    expect(item.DiscountAmount).toBeUndefined();
    expect(item).toMatchObject({ Quantity: 3, UnitAmount: 9.6667 });
    expect(codesOf(result)).toContain('DISCOUNT_FOLDED');
    expect(result.totals.xero.subTotal).toBe(29);
  });

  it('sends quantity 1 at the net amount when folding cannot keep the line total', () => {
    const big = line({ [LINE.quantity]: 300, [LINE.pricePerUnit]: 1, [LINE.manualDiscountAmount]: 0.01 });
    const result = mapInvoice(
      snapshot({ lines: [big], invoice: { [COLUMNS.invoice.documentType]: DT.purchaseInvoice } }),
    );
    expect(wireDoc(result).LineItems[0]).toMatchObject({ Quantity: 1, UnitAmount: 299.99 });
  });

  it('blocks a discount larger than the line', () => {
    const result = mapInvoice(snapshot({ lines: [line({ [LINE.manualDiscountAmount]: 11 })] }));
    expect(codesOf(result)).toContain('DISCOUNT_EXCEEDS_LINE');
  });

  it.each([
    ['a fixed invoice discount', { [INVOICE.discountAmount]: 5 }, 'Invoice discount (5)', -5],
    ['a percentage invoice discount', { [INVOICE.discountPercentage]: 10 }, 'Invoice discount (10%)', -2.35],
    ['freight', { [INVOICE.freightAmount]: 7.5 }, 'Freight', 7.5],
  ])('adds %s as a zero-tax line so the Xero total equals totalamount', (_, invoice, description, amount) => {
    const result = mapInvoice(snapshot({ invoice }));
    const extra = wireDoc(result).LineItems.at(-1);
    expect(extra).toMatchObject({
      Description: description,
      Quantity: 1,
      UnitAmount: amount,
      TaxType: 'NONE',
      AccountCode: '200',
    });
    expect(result.totals.difference).toBe(0);
    expect(result.findings).toEqual([]);
  });

  it('warns when no zero-rate tax type is synced for the adjustment line', () => {
    const s = snapshot({ invoice: { [INVOICE.freightAmount]: 7.5 } });
    s.taxRates = s.taxRates.filter((t) => t[COLUMNS.taxRate.taxType] !== 'NONE');
    const result = mapInvoice(s);
    expect(codesOf(result)).toEqual(expect.arrayContaining(['NO_ZERO_TAX_RATE', 'TOTAL_DIFFERS']));
  });
});
