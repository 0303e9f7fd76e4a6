import { CHOICES, COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { lookupKey } from '../../src/domain/snapshot';
import { codesOf, IDS, line, LINE, snapshot, wireDoc, writeIn } from './fixtures';

const first = (s: ReturnType<typeof snapshot>) => wireDoc(mapInvoice(s)).LineItems[0];

describe('line items', () => {
  it.each([
    ['the Xero item code of the product', line(), 'WID-1'],
    [
      'the product number when there is no Xero item code',
      line({ [lookupKey(LINE.productId)]: IDS.gadget }),
      'GAD-2',
    ],
    ['no item code on a write-in', writeIn('Consulting'), undefined],
  ])('sends %s', (_, detail, code) => {
    expect(first(snapshot({ lines: [detail] })).ItemCode).toBe(code);
  });

  it('sends no item code at all when the connection does not use items', () => {
    const s = snapshot({
      connection: { [COLUMNS.connection.itemPolicy]: CHOICES.itemPolicy.values.dontUseItems },
    });
    expect(wireDoc(mapInvoice(s)).LineItems.every((l) => l.ItemCode === undefined)).toBe(true);
  });

  it.each([
    ['the line description first', line({ [LINE.description]: 'Blue widget' }), 'Blue widget'],
    ['the product name when the line has none', line(), 'Widget'],
    ['the write-in product description on a write-in', writeIn('Site visit'), 'Site visit'],
  ])('describes the line with %s', (_, detail, description) => {
    expect(first(snapshot({ lines: [detail] })).Description).toBe(description);
  });

  it.each([
    ['DESCRIPTION_MISSING', writeIn('')],
    ['DESCRIPTION_TOO_LONG', writeIn('x'.repeat(4001))],
    ['QUANTITY_MISSING', line({ [LINE.quantity]: null })],
    ['PRICE_MISSING', line({ [LINE.pricePerUnit]: null })],
  ])('blocks with %s', (code, detail) => {
    const result = mapInvoice(snapshot({ lines: [detail] }));
    expect(codesOf(result)).toContain(code);
    expect(result.blocked).toBe(true);
  });

  it('blocks an item code longer than 30 characters, naming the product', () => {
    const s = snapshot({ lines: [line()] });
    s.products[0][COLUMNS.product.xeroItemCode] = 'W'.repeat(31);
    const f = mapInvoice(s).findings.find((x) => x.code === 'ITEM_CODE_TOO_LONG');
    expect(f?.message).toContain('product "Widget"');
  });

  it('sends the unit amount at 4 dp and warns when the price had more', () => {
    const result = mapInvoice(
      snapshot({ lines: [line({ [LINE.pricePerUnit]: 1.234567, [LINE.tax]: null })] }),
    );
    expect(wireDoc(result).LineItems[0].UnitAmount).toBe(1.2346);
    expect(codesOf(result)).toEqual(expect.arrayContaining(['PRICE_ROUNDED']));
  });

  it('never sends LineAmount or Total', () => {
    const body = JSON.stringify(mapInvoice(snapshot()).document);
    expect(body).not.toMatch(/"LineAmount"|"Total"|"SubTotal"|"TotalTax"/);
  });

  it('keeps Dynamics line order by line item number', () => {
    const s = snapshot({
      lines: [
        writeIn('second', { [LINE.lineItemNumber]: 2 }),
        writeIn('first', { [LINE.lineItemNumber]: 1 }),
      ],
    });
    expect(wireDoc(mapInvoice(s)).LineItems.map((l) => l.Description)).toEqual(['first', 'second']);
  });

  it('warns when the Dynamics line tax differs from the tax Xero will compute', () => {
    const result = mapInvoice(snapshot({ lines: [line({ [LINE.tax]: 1.5 })] }));
    const f = result.findings.find((x) => x.code === 'LINE_TAX_DIFFERS');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('Xero will compute 1');
  });
});
