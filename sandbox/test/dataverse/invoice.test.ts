import { INVOICE_STATE, SYSTEM_TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, idFrom, startEmulator } from './helpers';

// Dynamics 365 Sales behaviour the relay relies on: reference/dataverse-solution.md §4
const { invoice, invoiceDetail, product, account } = SYSTEM_TABLES;
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;
let productId: string;
let accountId: string;

beforeAll(async () => {
  ({ emulator, api } = await startEmulator());
  productId = idFrom(
    await api('POST', product.entitySet, { body: { name: 'Widget', productnumber: 'W-1', price: 10.5 } }),
  );
  accountId = idFrom(await api('POST', account.entitySet, { body: { name: 'Buyer' } }));
});
afterAll(() => emulator.stop());

const TOTALS =
  'totallineitemamount,totallineitemdiscountamount,totaldiscountamount,totaltax,totalamountlessfreight,totalamount';
const totals = async (id: string) => {
  const {
    ['@odata.context']: _c,
    ['@odata.etag']: _e,
    invoiceid: _i,
    _transactioncurrencyid_value: _t,
    ...rest
  } = (await api('GET', `${invoice.entitySet}(${id})?$select=${TOTALS}`)).json();
  return rest;
};
const line = (extra: Record<string, unknown>) => ({
  'productid@odata.bind': `/${product.entitySet}(${productId})`,
  quantity: 1,
  ...extra,
});

async function deepInsert(details: Record<string, unknown>[], header: Record<string, unknown> = {}) {
  const reply = await api('POST', invoice.entitySet, {
    body: {
      name: 'Deep',
      'customerid_account@odata.bind': `/${account.entitySet}(${accountId})`,
      ...header,
      invoice_details: details,
    },
  });
  return idFrom(reply);
}

it('computes line and invoice totals on a deep insert (price × quantity − discount + tax)', async () => {
  const id = await deepInsert(
    [
      line({ quantity: 2, manualdiscountamount: 1, tax: 2 }),
      { isproductoverridden: true, productdescription: 'Labour', quantity: 3, priceperunit: 20, tax: 6 },
    ],
    { discountamount: 5, freightamount: 7.5 },
  );
  expect(await totals(id)).toEqual({
    totallineitemamount: 80,
    totallineitemdiscountamount: 1,
    totaldiscountamount: 5,
    totaltax: 8,
    totalamountlessfreight: 75,
    totalamount: 90.5,
  });
  const lines = (
    await api(
      'GET',
      `${invoice.entitySet}(${id})/invoice_details?$select=baseamount,extendedamount&$orderby=lineitemnumber`,
    )
  ).json().value!;
  expect(lines.map((l) => [l.baseamount, l.extendedamount])).toEqual([
    [21, 22],
    [60, 66],
  ]);
});

it('applies the invoice discount percentage to the detail amount', async () => {
  const id = await deepInsert([line({ quantity: 10 })], { discountpercentage: 10 });
  expect(await totals(id)).toMatchObject({
    totallineitemamount: 105,
    totaldiscountamount: 10.5,
    totalamount: 94.5,
  });
});

it('recomputes the invoice when a line is added, changed and deleted', async () => {
  const id = await deepInsert([]);
  const lineId = idFrom(
    await api('POST', invoiceDetail.entitySet, {
      body: line({ 'invoiceid@odata.bind': `/${invoice.entitySet}(${id})` }),
    }),
  );
  expect((await totals(id)).totalamount).toBe(10.5);
  await api('PATCH', `${invoiceDetail.entitySet}(${lineId})`, {
    body: { quantity: 4 },
    headers: { 'If-Match': '*' },
  });
  expect((await totals(id)).totalamount).toBe(42);
  await api('DELETE', `${invoiceDetail.entitySet}(${lineId})`);
  expect((await totals(id)).totalamount).toBe(0);
});

it('changes the invoice etag when a line change recomputes its totals', async () => {
  const id = await deepInsert([]);
  const before = (await api('GET', `${invoice.entitySet}(${id})`)).headers.get('etag');
  await api('POST', invoiceDetail.entitySet, {
    body: line({ 'invoiceid@odata.bind': `/${invoice.entitySet}(${id})` }),
  });
  expect((await api('GET', `${invoice.entitySet}(${id})`)).headers.get('etag')).not.toBe(before);
});

it('auto-numbers invoicenumber as INV-<5 digits>-<6 letters or digits>, different per invoice', async () => {
  const numbers = await Promise.all(
    [1, 2].map(
      async () =>
        (await api('GET', `${invoice.entitySet}(${await deepInsert([])})?$select=invoicenumber`)).json()
          .invoicenumber,
    ),
  );
  for (const n of numbers) expect(n).toMatch(/^INV-\d{5}-[A-Z0-9]{6}$/);
  expect(numbers[0]).not.toBe(numbers[1]);
});

it('keeps invoicenumber when an update tries to change it', async () => {
  const id = await deepInsert([]);
  const original = (await api('GET', `${invoice.entitySet}(${id})?$select=invoicenumber`)).json()
    .invoicenumber;
  const reply = await api('PATCH', `${invoice.entitySet}(${id})`, {
    body: { invoicenumber: 'HACKED', name: 'Renamed' },
    headers: { 'If-Match': '*' },
  });
  expect(reply.status).toBe(204);
  expect((await api('GET', `${invoice.entitySet}(${id})?$select=invoicenumber`)).json().invoicenumber).toBe(
    original,
  );
});

it('rejects a write-in line without productdescription, naming the column', async () => {
  const id = await deepInsert([]);
  const reply = await api('POST', invoiceDetail.entitySet, {
    body: {
      'invoiceid@odata.bind': `/${invoice.entitySet}(${id})`,
      isproductoverridden: true,
      quantity: 1,
      priceperunit: 3,
    },
  });
  expect(reply.status).toBe(400);
  expect((reply.json().error as { message: string }).message).toContain("'productdescription'");
});

it('prices bundle items inside their bundle: only the bundle line counts towards the totals', async () => {
  const id = await deepInsert([]);
  const bind = { 'invoiceid@odata.bind': `/${invoice.entitySet}(${id})` };
  const bundleId = idFrom(
    await api('POST', invoiceDetail.entitySet, {
      body: line({ ...bind, producttypecode: 2, ispriceoverridden: true, priceperunit: 50 }),
    }),
  );
  const item = await api('POST', invoiceDetail.entitySet, {
    body: line({
      ...bind,
      producttypecode: 3,
      'parentbundleidref@odata.bind': `/${invoiceDetail.entitySet}(${bundleId})`,
    }),
  });
  expect(item.status).toBe(204);
  expect((await totals(id)).totalamount).toBe(50);
  const child = (
    await api(
      'GET',
      `${invoiceDetail.entitySet}(${idFrom(item)})?$select=_parentbundleidref_value,producttypecode`,
    )
  ).json();
  expect(child).toMatchObject({ _parentbundleidref_value: bundleId, producttypecode: 3 });
});

it('rejects a bundle item whose parentbundleidref is not a bundle line', async () => {
  const id = await deepInsert([]);
  const bind = { 'invoiceid@odata.bind': `/${invoice.entitySet}(${id})` };
  const plainId = idFrom(await api('POST', invoiceDetail.entitySet, { body: line(bind) }));
  const reply = await api('POST', invoiceDetail.entitySet, {
    body: line({
      ...bind,
      producttypecode: 3,
      'parentbundleidref@odata.bind': `/${invoiceDetail.entitySet}(${plainId})`,
    }),
  });
  expect(reply.status).toBe(400);
  expect((reply.json().error as { message: string }).message).toContain("'parentbundleidref'");
});

describe('statecode / statuscode (§4)', () => {
  it('marks an invoice paid with statecode 2 / statuscode 100001', async () => {
    const id = await deepInsert([line({})]);
    const reply = await api('PATCH', `${invoice.entitySet}(${id})`, {
      body: INVOICE_STATE.paidComplete,
      headers: { 'If-Match': '*' },
    });
    expect(reply.status).toBe(204);
    const body = (
      await api('GET', `${invoice.entitySet}(${id})?$select=statecode,statuscode`, {
        headers: { Prefer: 'odata.include-annotations="*"' },
      })
    ).json();
    expect(body).toMatchObject({
      statecode: 2,
      statuscode: 100001,
      'statuscode@OData.Community.Display.V1.FormattedValue': 'Complete',
    });
  });

  it('rejects a status that does not belong to the state', async () => {
    const id = await deepInsert([]);
    const reply = await api('PATCH', `${invoice.entitySet}(${id})`, {
      body: { statecode: 2, statuscode: 1 },
      headers: { 'If-Match': '*' },
    });
    expect(reply.status).toBe(400);
  });

  it('rejects reopening a canceled invoice', async () => {
    const id = await deepInsert([]);
    await api('PATCH', `${invoice.entitySet}(${id})`, {
      body: INVOICE_STATE.canceled,
      headers: { 'If-Match': '*' },
    });
    const reply = await api('PATCH', `${invoice.entitySet}(${id})`, {
      body: INVOICE_STATE.active,
      headers: { 'If-Match': '*' },
    });
    expect(reply.status).toBe(400);
  });

  it('rejects adding a line to a paid invoice', async () => {
    const id = await deepInsert([]);
    await api('PATCH', `${invoice.entitySet}(${id})`, {
      body: INVOICE_STATE.paidPartial,
      headers: { 'If-Match': '*' },
    });
    const reply = await api('POST', invoiceDetail.entitySet, {
      body: line({ 'invoiceid@odata.bind': `/${invoice.entitySet}(${id})` }),
    });
    expect(reply.status).toBe(400);
  });
});
