import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { snapshot } from './fixtures';

const IP = CHOICES.itemPolicy.values;
const DT = CHOICES.documentType.values;
const policy = (p: number) => ({ [COLUMNS.connection.itemPolicy]: p });

describe('items', () => {
  it('creates the missing item with sales details on a sales invoice', () => {
    expect(mapInvoice(snapshot()).items).toEqual([
      {
        Code: 'GAD-2',
        Name: 'Gadget',
        Description: 'A small gadget',
        SalesDetails: { AccountCode: '200', TaxType: 'OUTPUT' },
      },
    ]);
  });

  it('creates the missing item with purchase details on a bill', () => {
    const result = mapInvoice(snapshot({ invoice: { [COLUMNS.invoice.documentType]: DT.purchaseInvoice } }));
    expect(result.items[0]).toEqual({
      Code: 'GAD-2',
      Name: 'Gadget',
      PurchaseDescription: 'A small gadget',
      PurchaseDetails: { AccountCode: '400', TaxType: 'INPUT' },
    });
  });

  it('does not create an item that exists with another letter case', () => {
    expect(mapInvoice(snapshot({ xero: { items: [{ Code: 'wid-1' }, { Code: 'gad-2' }] } })).items).toEqual(
      [],
    );
  });

  it('truncates a long product name to 50 characters with a warning', () => {
    const s = snapshot();
    s.products[1][SYSTEM_COLUMNS.product.name] = 'G'.repeat(60);
    const result = mapInvoice(s);
    expect(result.items[0].Name).toBe('G'.repeat(50));
    expect(result.findings.map((f) => f.code)).toContain('ITEM_NAME_TRUNCATED');
  });

  it('blocks a missing item under existing-only', () => {
    const result = mapInvoice(snapshot({ connection: policy(IP.existingOnly) }));
    expect(result.items).toEqual([]);
    expect(result.findings.find((f) => f.code === 'ITEM_MISSING')?.message).toContain('"GAD-2"');
  });

  it('neither creates nor checks items when items are not used', () => {
    const result = mapInvoice(snapshot({ connection: policy(IP.dontUseItems) }));
    expect(result.items).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
