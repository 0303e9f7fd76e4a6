import { CHOICES, COLUMNS, PRODUCT_TYPE_CODES } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { lookupKey } from '../../src/domain/snapshot';
import { codesOf, IDS, line, LINE, snapshot, wireDoc } from './fixtures';

const MODE = CHOICES.bundleMode.values;

/** A bundle header and two components; `headerPrice` and `componentPrice` say who carries the price. */
function bundle(headerPrice: number, componentPrice: number) {
  const header = line({
    [lookupKey(LINE.productId)]: IDS.kit,
    [LINE.productTypeCode]: PRODUCT_TYPE_CODES.bundle,
    [LINE.pricePerUnit]: headerPrice,
  });
  const child = (productId: string) =>
    line({
      [lookupKey(LINE.productId)]: productId,
      [LINE.productTypeCode]: PRODUCT_TYPE_CODES.requiredBundleProduct,
      [LINE.pricePerUnit]: componentPrice,
      [lookupKey(LINE.parentBundleIdRef)]: header[LINE.id],
    });
  return [header, child(IDS.widget), child(IDS.gadget)];
}

function run(mode: number, headerPrice: number, componentPrice: number) {
  const result = mapInvoice(
    snapshot({
      lines: bundle(headerPrice, componentPrice),
      connection: { [COLUMNS.connection.bundleMode]: mode },
    }),
  );
  return { result, descriptions: wireDoc(result).LineItems.map((l) => l.Description) };
}

describe('bundles', () => {
  it.each([
    ['header only', MODE.headerOnly, 50, 0, ['Starter Kit']],
    ['components only', MODE.componentsOnly, 0, 25, ['Widget', 'Gadget']],
    ['header and components', MODE.headerAndComponents, 50, 0, ['Starter Kit', 'Widget', 'Gadget']],
  ])('sends %s when that keeps the total', (_, mode, headerPrice, componentPrice, expected) => {
    const { result, descriptions } = run(mode, headerPrice, componentPrice);
    expect(descriptions).toEqual(expected);
    expect(result.totals.difference).toBe(0);
    expect(codesOf(result)).not.toContain('BUNDLE_MODE_FALLBACK');
  });

  it.each([
    ['header only when the components carry prices', MODE.headerOnly, 0, 25],
    ['components only when the header carries the price', MODE.componentsOnly, 50, 0],
  ])('falls back to header and components with a warning for %s', (_, mode, headerPrice, componentPrice) => {
    const { result, descriptions } = run(mode, headerPrice, componentPrice);
    expect(descriptions).toEqual(['Starter Kit', 'Widget', 'Gadget']);
    expect(result.totals.difference).toBe(0);
    const f = result.findings.find((x) => x.code === 'BUNDLE_MODE_FALLBACK');
    expect(f?.severity).toBe('warning');
  });
});
