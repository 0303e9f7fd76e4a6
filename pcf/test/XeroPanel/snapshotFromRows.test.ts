/** The Web API rows the panel reads, turned back into the snapshot the relay's mapper takes. */
import { COLUMNS, PRODUCT_TYPE_CODES, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { lookupKey } from '../../../plugins-proxy/src/domain/lookupKey';
import { mapInvoice } from '../../../plugins-proxy/src/domain/mapInvoice';
import { IDS, line, LINE, snapshot, wireDoc, writeIn } from '../../../plugins-proxy/test/domain/fixtures';
import { snapshotFromRows } from '../../XeroPanel/snapshotFromRows';
import { rowsFor } from './support';

function roundTrip(s: ReturnType<typeof snapshot>) {
  return snapshotFromRows(rowsFor(s), s.today, s.timeZone);
}

describe('snapshotFromRows', () => {
  it('rebuilds the snapshot of a plain invoice from the Web API rows, so the mapper gives the same request', () => {
    const s = snapshot();
    const rebuilt = roundTrip(s);

    expect(rebuilt.customer).toMatchObject({
      logicalname: SYSTEM_TABLES.account.logicalName,
      name: 'Acme Pty Ltd',
    });
    expect(rebuilt.currency).toEqual({ [SYSTEM_COLUMNS.transactionCurrency.isoCode]: 'AUD' });
    expect(mapInvoice(rebuilt).document).toEqual(mapInvoice(s).document);
  });

  it('drops the etag and formatted-value annotations and the expanded rows from the invoice', () => {
    const invoice = roundTrip(snapshot()).invoice as Record<string, unknown>;

    expect(Object.keys(invoice).filter((k) => k.includes('@'))).toEqual([]);
    expect(invoice).not.toHaveProperty('customerid_account');
    expect(invoice).not.toHaveProperty('transactioncurrencyid');
  });

  it('tags a contact customer as a contact', () => {
    const s = snapshot({
      customer: {
        logicalname: SYSTEM_TABLES.contact.logicalName,
        [SYSTEM_COLUMNS.contact.id]: IDS.contact,
        [SYSTEM_COLUMNS.contact.fullName]: 'Jo Bloggs',
      },
    });

    expect(roundTrip(s).customer).toMatchObject({
      logicalname: SYSTEM_TABLES.contact.logicalName,
      fullname: 'Jo Bloggs',
    });
  });

  it('keeps a write-in line with its own description, GL code and tax rate', () => {
    const s = snapshot({ lines: [writeIn('Installation, 2 hours', { [LINE.pricePerUnit]: 120 })] });

    const result = mapInvoice(roundTrip(s));

    expect(result.blocked).toBe(false);
    expect(wireDoc(result).LineItems[0]).toMatchObject({
      Description: 'Installation, 2 hours',
      AccountCode: '200',
      TaxType: 'OUTPUT',
    });
  });

  it('keeps a bundle and its components, which the mapper sends as header and components', () => {
    const header = line({
      [lookupKey(LINE.productId)]: IDS.kit,
      [LINE.productTypeCode]: PRODUCT_TYPE_CODES.bundle,
      [LINE.pricePerUnit]: 50,
    });
    const child = line({
      [lookupKey(LINE.productId)]: IDS.widget,
      [LINE.productTypeCode]: PRODUCT_TYPE_CODES.requiredBundleProduct,
      [LINE.pricePerUnit]: 0,
      [lookupKey(LINE.parentBundleIdRef)]: header[LINE.id],
    });
    const s = snapshot({ lines: [header, child] });

    const result = mapInvoice(roundTrip(s));

    expect(wireDoc(result).LineItems.map((l) => l.Description)).toEqual(['Starter Kit', 'Widget']);
    expect(result.totals.difference).toBe(0);
  });

  it('takes the Xero links from Dataverse and leaves Xero contacts and items to the relay', () => {
    const rows = {
      ...rowsFor(snapshot()),
      links: [
        {
          [COLUMNS.xeroLink.entity]: 'account',
          [COLUMNS.xeroLink.recordId]: IDS.account,
          [COLUMNS.xeroLink.xeroId]: IDS.xeroContact,
          '@odata.etag': 'W/"3"',
        },
      ],
    };

    const rebuilt = snapshotFromRows(rows, '2026-12-01', 'UTC');

    expect(rebuilt.xero).toMatchObject({
      contacts: [],
      items: [],
      links: [{ entity: 'account', recordId: IDS.account, xeroId: IDS.xeroContact }],
    });
    expect(mapInvoice(rebuilt).contact).toEqual({ kind: 'use', contactId: IDS.xeroContact });
  });
});
