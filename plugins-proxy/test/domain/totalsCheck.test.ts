import { CHOICES, COLUMNS } from '../../../solution/names';
import { mapInvoice, MESSAGES } from '../../src/domain';
import { corpus } from './corpus';
import { codesOf, INVOICE, line, LINE, snapshot } from './fixtures';

describe('Xero-exact totals against Dynamics', () => {
  it.each([
    [0.01, true],
    [-0.01, true],
    [0.004, false],
  ])('warns about a difference of %p: %p', (offset, warns) => {
    const s = snapshot();
    const inv = s.invoice as Record<string, number>;
    inv[INVOICE.totalAmount] = 25.85 + offset;
    const result = mapInvoice(s);
    expect(codesOf(result).includes('TOTAL_DIFFERS')).toBe(warns);
    expect(result.blocked).toBe(false);
  });

  it('reports the Dynamics and Xero totals and their difference', () => {
    const s = snapshot({ invoice: { [INVOICE.totalAmount]: 26, [INVOICE.totalTax]: 2.5 } });
    expect(mapInvoice(s).totals).toEqual({
      dynamics: { subTotal: 23.5, totalTax: 2.5, total: 26 },
      xero: { subTotal: 23.5, totalTax: 2.35, total: 25.85 },
      difference: -0.15,
    });
  });

  it('computes inclusive totals with tax inside the line amounts', () => {
    const s = snapshot({
      lines: [line({ [LINE.quantity]: 1, [LINE.pricePerUnit]: 110, [LINE.tax]: 10 })],
      invoice: { [INVOICE.totalAmount]: 110 },
      connection: { [COLUMNS.connection.lineAmountType]: CHOICES.lineAmountType.values.taxInclusive },
    });
    expect(mapInvoice(s).totals.xero).toEqual({ subTotal: 100, totalTax: 10, total: 110 });
  });

  it('uses the base currency with a warning when the invoice has none', () => {
    expect(codesOf(mapInvoice(snapshot({ currency: null })))).toEqual(['CURRENCY_MISSING']);
  });
});

describe('finding messages', () => {
  it('fills every placeholder of every message produced over the corpus', () => {
    const messages = corpus().flatMap(([, s]) => mapInvoice(s).findings.map((f) => f.message));
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.filter((m) => /\{\w+\}/.test(m))).toEqual([]);
  });

  it('gives every catalogue entry a template and a fix', () => {
    for (const entry of Object.values(MESSAGES)) {
      expect(entry.template.length).toBeGreaterThan(10);
      expect(entry.fix.length).toBeGreaterThan(5);
    }
  });
});
