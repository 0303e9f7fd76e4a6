import fc from 'fast-check';
import { CHOICES, COLUMNS, PRODUCT_TYPE_CODES } from '../../../solution/names';
import { computeLine, mapInvoice, parseSnapshot, xeroLineAmount } from '../../src/domain';
import { lookupKey } from '../../src/domain/snapshot';
import { IDS, INVOICE, line, LINE, snapshot, wireDoc, writeIn } from './fixtures';

const anyId = fc.constantFrom<string | null>(
  null,
  IDS.glSales,
  IDS.glForeign,
  IDS.taxOutput,
  IDS.taxInput,
  IDS.taxNone,
  IDS.optNorth,
  IDS.optLegacy,
  IDS.widget,
  IDS.kit,
  'not-a-guid',
);
const money = fc.oneof(
  fc.constant(null),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }),
);
const choiceOf = (values: Record<string, number>) =>
  fc.constantFrom<number | null>(null, 7, ...Object.values(values));

const randomLine = fc.record({
  writeIn: fc.boolean(),
  text: fc.string({ maxLength: 20 }),
  quantity: money,
  price: money,
  discount: money,
  tax: money,
  product: anyId,
  gl: anyId,
  taxRate: anyId,
  track1: anyId,
  track2: anyId,
  type: fc.constantFrom(...Object.values(PRODUCT_TYPE_CODES)),
  parentIndex: fc.option(fc.nat(5)),
});

const randomInvoice = fc.record({
  lines: fc.array(randomLine, { maxLength: 8 }),
  documentType: choiceOf(CHOICES.documentType.values),
  lineAmountType: choiceOf(CHOICES.lineAmountType.values),
  bundleMode: choiceOf(CHOICES.bundleMode.values),
  numbering: choiceOf(CHOICES.numbering.values),
  itemPolicy: choiceOf(CHOICES.itemPolicy.values),
  contactPolicy: choiceOf(CHOICES.contactPolicy.values),
  discountPercentage: money,
  freight: money,
  delivered: fc.constantFrom(null, 'soon', '2026-02-30', '2026-11-30T14:30:00Z', '2026-06-01'),
  timeZone: fc.constantFrom('Australia/Sydney', 'UTC', 'Mars/Olympus'),
  noDefaults: fc.boolean(),
});

type RandomInvoice = typeof randomInvoice extends fc.Arbitrary<infer T> ? T : never;

function build(r: RandomInvoice) {
  const details = r.lines.map((l) => {
    const patch = {
      [LINE.quantity]: l.quantity,
      [LINE.pricePerUnit]: l.price,
      [LINE.manualDiscountAmount]: l.discount,
      [LINE.tax]: l.tax,
      [LINE.productTypeCode]: l.type,
      [lookupKey(LINE.productId)]: l.product,
      [lookupKey(COLUMNS.invoiceDetail.glCodeId)]: l.gl,
      [lookupKey(COLUMNS.invoiceDetail.taxRateId)]: l.taxRate,
      [lookupKey(COLUMNS.invoiceDetail.trackingOption1Id)]: l.track1,
      [lookupKey(COLUMNS.invoiceDetail.trackingOption2Id)]: l.track2,
    };
    return l.writeIn ? writeIn(l.text, patch) : line({ ...patch, [LINE.description]: l.text || null });
  });
  r.lines.forEach((l, i) => {
    const parent = l.parentIndex === null ? undefined : details[l.parentIndex];
    if (parent) (details[i] as Record<string, unknown>)[lookupKey(LINE.parentBundleIdRef)] = parent[LINE.id];
  });
  const CC = COLUMNS.connection;
  return snapshot({
    lines: details,
    defaults: r.noDefaults ? null : undefined,
    timeZone: r.timeZone,
    invoice: {
      [COLUMNS.invoice.documentType]: r.documentType,
      [INVOICE.discountPercentage]: r.discountPercentage,
      [INVOICE.freightAmount]: r.freight,
      [INVOICE.dateDelivered]: r.delivered,
    },
    connection: {
      [CC.lineAmountType]: r.lineAmountType,
      [CC.bundleMode]: r.bundleMode,
      [CC.numbering]: r.numbering,
      [CC.itemPolicy]: r.itemPolicy,
      [CC.contactPolicy]: r.contactPolicy,
    },
  });
}

describe('mapInvoice properties', () => {
  it('never throws on random invoices, and blocks exactly when it reports an error', () => {
    fc.assert(
      fc.property(randomInvoice, (r) => {
        const result = mapInvoice(build(r));
        expect(result.findings.some((f) => f.code === 'MAPPING_FAILED')).toBe(false);
        expect(result.blocked).toBe(result.findings.some((f) => f.severity === 'error'));
      }),
      { numRuns: 300 },
    );
  });

  it('never fails on a valid snapshot with any one value replaced by arbitrary JSON that still parses', () => {
    const base = JSON.parse(JSON.stringify(snapshot()));
    const paths: string[][] = [];
    const walk = (node: unknown, at: string[]) => {
      if (at.length) paths.push(at);
      if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (at, value) => {
        const json = JSON.parse(JSON.stringify(base));
        let node = json;
        for (const key of at.slice(0, -1)) node = node[key];
        node[at[at.length - 1]] = value;
        const parsed = parseSnapshot(json);
        if (!parsed.ok) return;
        const result = mapInvoice(parsed.value);
        expect(result.findings.map((f) => f.code)).not.toContain('MAPPING_FAILED');
      }),
      { numRuns: 500 },
    );
  });

  it('computes Xero totals as the sums of the per-line rounded amounts and taxes', () => {
    fc.assert(
      fc.property(randomInvoice, (r) => {
        const s = build(r);
        const result = mapInvoice(s);
        const doc = wireDoc(result);
        const type = doc.LineAmountTypes as 'Exclusive' | 'Inclusive' | 'NoTax';
        const rates = new Map(
          s.taxRates.map((t) => [t[COLUMNS.taxRate.taxType], t[COLUMNS.taxRate.effectiveRate] ?? 0]),
        );
        const perLine = doc.LineItems.map((l) =>
          computeLine(
            {
              quantity: l.Quantity as number,
              unitAmount: l.UnitAmount as number,
              discountAmount: l.DiscountAmount as number | undefined,
              taxRate: rates.get(l.TaxType as string) ?? 0,
            },
            type,
          ),
        );
        const cents = (v: number) => Math.round(v * 100);
        const amounts = perLine.reduce((sum, l) => sum + cents(l.lineAmount), 0);
        const taxes = perLine.reduce((sum, l) => sum + cents(l.tax), 0);
        expect(
          perLine.every(
            (l) => Number(l.lineAmount.toFixed(2)) === l.lineAmount && Number(l.tax.toFixed(2)) === l.tax,
          ),
        ).toBe(true);
        expect(cents(result.totals.xero.totalTax)).toBe(taxes);
        expect(cents(result.totals.xero.total)).toBe(type === 'Inclusive' ? amounts : amounts + taxes);
        expect(cents(result.totals.xero.subTotal)).toBe(type === 'Inclusive' ? amounts - taxes : amounts);
      }),
      { numRuns: 300 },
    );
  });

  it('rounds each line amount exactly as decimal arithmetic does', () => {
    const scaled = fc.integer({ min: -99_999_999, max: 99_999_999 });
    fc.assert(
      fc.property(scaled, scaled, fc.integer({ min: 0, max: 100_000 }), (q4, u4, discountCents) => {
        const gross = BigInt(q4) * BigInt(u4) - BigInt(discountCents) * 1_000_000n;
        const sign = gross < 0n ? -1n : 1n;
        const expectedCents = sign * ((sign * gross + 500_000n) / 1_000_000n);
        const amount = xeroLineAmount({
          quantity: q4 / 1e4,
          unitAmount: u4 / 1e4,
          discountAmount: discountCents / 100,
          taxRate: 0,
        });
        expect(Math.round(amount * 100)).toBe(Number(expectedCents));
      }),
      { numRuns: 2000 },
    );
  });
});
