import { DataverseHttpClient } from '../../../src/adapters/dataverse/client';
import { parseBatchRequest } from '../../../src/adapters/dataverse/batch';
import { SnapshotReader } from '../../../src/adapters/dataverse/snapshotReader';
import { StaticTokenProvider } from '../../../src/adapters/dataverse/tokenProvider';
import { parseSnapshot } from '../../../src/domain/snapshot';
import { batchResponse } from '../helpers/batchResponse';
import type { FakeReply } from '../helpers/fakeDataverseServer';
import { type FakeDataverse, startFakeDataverse } from '../helpers/fakeDataverseServer';

const ORG = 'https://org.crm.dynamics.com';
const INVOICE = '00000000-0000-0000-0000-00000000a001';
const CONNECTION = '00000000-0000-0000-0000-0000000000c1';
const PRODUCT = '00000000-0000-0000-0000-00000000b001';
const ACCOUNT = '00000000-0000-0000-0000-0000000000a9';

const invoiceRow = (overrides: Record<string, unknown> = {}) => ({
  '@odata.context': `${ORG}/api/data/v9.2/$metadata#invoices/$entity`,
  '@odata.etag': 'W/"100"',
  invoiceid: INVOICE,
  name: 'Widgets',
  invoicenumber: 'INV-0001',
  _stl_connectionid_value: CONNECTION,
  totalamount: 21,
  invoice_details: [
    {
      '@odata.etag': 'W/"9"',
      invoicedetailid: '00000000-0000-0000-0000-00000000d001',
      _productid_value: PRODUCT,
      quantity: 2,
      priceperunit: 10.5,
    },
    {
      invoicedetailid: '00000000-0000-0000-0000-00000000d002',
      isproductoverridden: true,
      productdescription: 'Write-in',
      quantity: 1,
      priceperunit: 0,
    },
  ],
  customerid_account: { accountid: ACCOUNT, name: 'Acme Ltd', accountnumber: 'A-1' },
  customerid_contact: null,
  transactioncurrencyid: { isocurrencycode: 'AUD' },
  ...overrides,
});

const referenceParts = (extra: Array<{ status: number; body?: unknown }> = []) =>
  batchResponse([
    { status: 200, body: { value: [{ stl_glcodeid: 'g1', stl_code: '200', statecode: 0 }] } },
    { status: 200, body: { value: [{ stl_taxrateid: 't1', stl_taxtype: 'OUTPUT' }] } },
    { status: 200, body: { value: [] } },
    { status: 200, body: { value: [] } },
    { status: 200, body: { value: [] } },
    { status: 200, body: { value: [{ stl_defaultsid: 'df1', _stl_salesglcodeid_value: 'g1' }] } },
    {
      status: 200,
      body: {
        '@odata.etag': 'W/"5"',
        stl_connectionid: CONNECTION,
        stl_name: 'Demo',
        stl_contactpolicy: 106240000,
      },
    },
    { status: 200, body: { value: [{ stl_entity: 'account', stl_recordid: ACCOUNT, stl_xeroid: 'xc-1' }] } },
    ...extra,
  ]);

let fake: FakeDataverse;
beforeEach(async () => {
  fake = await startFakeDataverse();
});
afterEach(() => fake.close());

function reader(replies: FakeReply[]) {
  fake.reply(...replies);
  const client = new DataverseHttpClient({
    url: fake.url,
    tokenProvider: new StaticTokenProvider(),
  });
  const snapshots = new SnapshotReader({
    client,
    timeZone: 'Australia/Sydney',
    now: () => new Date('2026-11-30T20:00:00Z'),
  });
  return { snapshots, calls: fake.calls };
}

describe('SnapshotReader', () => {
  it('reads the whole snapshot in two requests when the invoice names its connection', async () => {
    const { snapshots, calls } = reader([
      { status: 200, body: invoiceRow() },
      referenceParts([
        { status: 200, body: { value: [{ productid: PRODUCT, name: 'Widget', productnumber: 'WID-1' }] } },
      ]),
    ]);
    const result = await snapshots.read({ invoiceId: INVOICE });
    expect(calls).toHaveLength(2);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(parseSnapshot(result.value.snapshot).ok).toBe(true);
    expect(result.value.snapshot.customer).toMatchObject({ logicalname: 'account', accountid: ACCOUNT });
    expect(result.value.snapshot.currency).toEqual({ isocurrencycode: 'AUD' });
    expect(result.value.snapshot.products).toHaveLength(1);
    expect(result.value.snapshot.defaults).toMatchObject({ _stl_salesglcodeid_value: 'g1' });
    expect(result.value.snapshot.today).toBe('2026-12-01');
    expect(result.value.snapshot.invoice['@odata.etag']).toBe('W/"100"');
    expect(result.value.snapshot.invoice).not.toHaveProperty('customerid_account');
    expect(result.value.xeroSide.links).toEqual([{ entity: 'account', recordId: ACCOUNT, xeroId: 'xc-1' }]);
  });

  it('expands lines, customer and currency on the invoice request', async () => {
    const { snapshots, calls } = reader([
      { status: 200, body: invoiceRow() },
      referenceParts([{ status: 200, body: { value: [] } }]),
    ]);
    await snapshots.read({ invoiceId: INVOICE });
    const expand = new URL(calls[0].url).searchParams.get('$expand') ?? '';
    for (const nav of [
      'invoice_details(',
      'customerid_account(',
      'customerid_contact(',
      'transactioncurrencyid(',
    ]) {
      expect(expand).toContain(nav);
    }
  });

  it('asks for the products with one Microsoft.Dynamics.CRM.In query inside the batch', async () => {
    const { snapshots, calls } = reader([
      { status: 200, body: invoiceRow() },
      referenceParts([{ status: 200, body: { value: [] } }]),
    ]);
    await snapshots.read({ invoiceId: INVOICE });
    const parts = parseBatchRequest(calls[1].body ?? '', calls[1].headers['content-type']);
    const products = parts.find((p) => p.url.includes('/products?'));
    expect(decodeURIComponent(products?.url ?? '')).toContain(
      `Microsoft.Dynamics.CRM.In(PropertyName='productid',PropertyValues=['${PRODUCT}'])`,
    );
    expect(parts.every((p) => p.method === 'GET')).toBe(true);
  });

  it('finds the default connection in a third request when neither the invoice nor the row names one', async () => {
    const { snapshots, calls } = reader([
      { status: 200, body: invoiceRow({ _stl_connectionid_value: null }) },
      { status: 200, body: { value: [{ stl_connectionid: CONNECTION }] } },
      referenceParts([{ status: 200, body: { value: [] } }]),
    ]);
    const result = await snapshots.read({ invoiceId: INVOICE, connectionId: null });
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(3);
    expect(decodeURIComponent(calls[1].url)).toContain('stl_isdefault eq true');
  });

  it('reports an invoice without a customer as a typed result naming the invoice', async () => {
    const { snapshots } = reader([{ status: 200, body: invoiceRow({ customerid_account: null }) }]);
    await expect(snapshots.read({ invoiceId: INVOICE })).resolves.toMatchObject({
      ok: false,
      failure: { reason: 'noCustomer', message: expect.stringContaining('INV-0001') },
    });
  });

  it('reports a missing invoice without further requests', async () => {
    const { snapshots, calls } = reader([
      { status: 404, body: { error: { code: '0x80040217', message: 'Does Not Exist' } } },
    ]);
    await expect(snapshots.read({ invoiceId: INVOICE })).resolves.toMatchObject({
      ok: false,
      failure: { reason: 'invoiceNotFound' },
    });
    expect(calls).toHaveLength(1);
  });

  it("names the connection, customer and products that reading Xero's side needs", async () => {
    const { snapshots } = reader([
      { status: 200, body: invoiceRow() },
      referenceParts([{ status: 200, body: { value: [{ productid: PRODUCT, name: 'Widget' }] } }]),
    ]);
    const result = await snapshots.read({ invoiceId: INVOICE });
    expect(result.ok && result.value.xeroSide).toMatchObject({
      links: [{ entity: 'account', recordId: ACCOUNT, xeroId: 'xc-1' }],
      connectionId: CONNECTION,
      connection: { stl_name: 'Demo' },
      customer: { name: 'Acme Ltd' },
      products: [{ name: 'Widget' }],
    });
  });
});
