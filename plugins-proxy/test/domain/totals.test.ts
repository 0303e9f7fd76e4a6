import { computeLine, sumTotals, xeroLineAmount, xeroLineTax } from '../../src/domain/totals';

describe('Xero-exact line figures', () => {
  it.each([
    [{ quantity: 3, unitAmount: 3.3333, taxRate: 0 }, 10],
    [{ quantity: 2, unitAmount: 10.5, discountRate: 10, taxRate: 0 }, 18.9],
    [{ quantity: 2, unitAmount: 10.5, discountAmount: 1.25, taxRate: 0 }, 19.75],
    [{ quantity: 0.5, unitAmount: 0.015, taxRate: 0 }, 0.01],
  ])('computes the line amount of %p as %p', (line, expected) => {
    expect(xeroLineAmount(line)).toBe(expected);
  });

  it.each([
    [10.05, 10, 'Exclusive' as const, 1.01],
    [11.05, 10, 'Inclusive' as const, 1],
    [115, 15, 'Inclusive' as const, 15],
    [99.99, 15, 'NoTax' as const, 0],
  ])('computes tax on %p at %p%% %s as %p', (amount, rate, type, expected) => {
    expect(xeroLineTax(amount, rate, type)).toBe(expected);
  });

  it('rounds tax per line before summing, as Xero does (11.46, where the subtotal taxed once gives 11.45)', () => {
    const lines = [1, 2, 3].map(() =>
      computeLine({ quantity: 1, unitAmount: 38.15, taxRate: 10 }, 'Exclusive'),
    );
    expect(sumTotals(lines, 'Exclusive')).toEqual({ subTotal: 114.45, totalTax: 11.46, total: 125.91 });
  });

  it('derives the subtotal from the inclusive total minus tax', () => {
    const lines = [computeLine({ quantity: 1, unitAmount: 110, taxRate: 10 }, 'Inclusive')];
    expect(sumTotals(lines, 'Inclusive')).toEqual({ subTotal: 100, totalTax: 10, total: 110 });
  });
});
