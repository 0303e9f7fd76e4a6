import { SYSTEM_TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, idFrom, startEmulator } from './helpers';

/**
 * FetchXML as Dataverse answers it, each behaviour from Microsoft Learn:
 * - AGG: "Aggregate data using FetchXml" (learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data)
 * - PAGE: "Page results using FetchXml" (…/fetchxml/page-results), Web API tab
 * - JOIN: "Join tables using FetchXml", link-type exists (…/fetchxml/join-tables#use-exists-or-in-link-types)
 * - OPS: the FetchXml condition operators eq-userid and last-x-days (…/fetchxml/reference/operators)
 */
const { account, invoice } = SYSTEM_TABLES;
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};
const ALL = { Prefer: 'odata.include-annotations="*"' };

const INVOICES = [
  {
    name: 'I1',
    paymenttermscode: 1,
    freightamount: 10,
    datedelivered: '2023-03-25T10:00:00Z',
    customer: 'A',
  },
  {
    name: 'I2',
    paymenttermscode: 1,
    freightamount: 20,
    datedelivered: '2023-03-25T15:00:00Z',
    customer: 'A',
  },
  { name: 'I3', paymenttermscode: 3, freightamount: 5, datedelivered: '2023-08-27T09:00:00Z', customer: 'B' },
  { name: 'I4', paymenttermscode: 3, datedelivered: '2023-08-27T09:30:00Z', customer: 'B' },
  { name: 'I5', freightamount: 1, customer: 'B' },
];

beforeAll(async () => {
  ({ emulator, api } = await startEmulator());
  for (const [key, revenue] of [
    ['A', 100],
    ['B', 9000],
    ['C', 50],
  ] as const)
    ids[key] = idFrom(await api('POST', account.entitySet, { body: { name: `Account ${key}`, revenue } }));
  for (const { customer, ...body } of INVOICES) {
    const bind = { 'customerid_account@odata.bind': `/${account.entitySet}(${ids[customer]})` };
    ids[body.name] = idFrom(await api('POST', invoice.entitySet, { body: { ...body, ...bind } }));
  }
});
afterAll(() => emulator.stop());

const fetchOn = (set: string, xml: string, headers: Record<string, string> = ALL) =>
  api('GET', `${set}?fetchXml=${encodeURIComponent(xml)}`, { headers });
const rowsOf = async (set: string, xml: string) => {
  const reply = await fetchOn(set, xml);
  if (reply.status !== 200) throw new Error(reply.text);
  return reply.json().value!;
};
const onInvoices = (body: string, fetchAttrs = 'aggregate="true"') =>
  rowsOf(invoice.entitySet, `<fetch ${fetchAttrs}><entity name="invoice">${body}</entity></fetch>`);

describe('aggregate FetchXML (AGG)', () => {
  it('groups, counts and sums with formatted values, ordered by the alias', async () => {
    const rows = await onInvoices(
      '<attribute name="paymenttermscode" groupby="true" alias="terms" /><attribute name="invoiceid" aggregate="count" alias="n" /><attribute name="freightamount" aggregate="sum" alias="freight" /><order alias="n" descending="true" /><order alias="terms" />',
    );
    expect(rows.map((r) => [r.terms, r.n, r.freight])).toEqual([
      [1, 2, 30],
      [3, 2, 5],
      [null, 1, 1],
    ]);
    expect(rows[0]['terms@OData.Community.Display.V1.FormattedValue']).toBe('Net 30');
    expect(rows[0]['freight@OData.Community.Display.V1.FormattedValue']).toBe('$30.00');
    expect(rows[0]['@odata.etag']).toBeUndefined();
  });

  it('leaves nulls out of countcolumn and sum but not count, and counts distinct values on request', async () => {
    const [row] = await onInvoices(
      '<attribute name="invoiceid" aggregate="count" alias="all" /><attribute name="freightamount" aggregate="countcolumn" alias="withFreight" /><attribute name="paymenttermscode" aggregate="countcolumn" distinct="true" alias="terms" />',
    );
    expect([row.all, row.withFreight, row.terms]).toEqual([5, 4, 2]);
  });

  it('answers one row of zeros when nothing matches and nothing is grouped', async () => {
    const rows = await onInvoices(
      '<attribute name="invoiceid" aggregate="count" alias="n" /><attribute name="freightamount" aggregate="sum" alias="s" /><filter><condition attribute="name" operator="eq" value="none" /></filter>',
    );
    expect(rows).toEqual([expect.objectContaining({ n: 0, s: 0 })]);
  });

  it('groups by parts of a date: day of the month, week of the year (Sunday first), month and year', async () => {
    const rows = await onInvoices(
      ['day', 'week', 'month', 'year']
        .map((g) => `<attribute name="datedelivered" groupby="true" dategrouping="${g}" alias="${g}" />`)
        .join('') +
        '<attribute name="invoiceid" aggregate="count" alias="n" /><filter><condition attribute="datedelivered" operator="not-null" /></filter><order alias="month" />',
    );
    // Learn's own example: 3/25/2023 is day 25, week 12, month 3; 8/27/2023 week 35, month 8.
    expect(rows.map((r) => [r.day, r.week, r.month, r.year, r.n])).toEqual([
      [25, 12, 3, 2023, 2],
      [27, 35, 8, 2023, 2],
    ]);
    expect(rows[0]['year@OData.Community.Display.V1.FormattedValue']).toBe('2,023');
  });

  it('keeps the top groups with count and a descending order on the measure', async () => {
    const rows = await onInvoices(
      '<attribute name="customerid" groupby="true" alias="customer" /><attribute name="invoiceid" aggregate="count" alias="n" /><order alias="n" descending="true" />',
      'aggregate="true" count="1"',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].customer).toBe(ids.B);
    expect(rows[0]['customer@OData.Community.Display.V1.FormattedValue']).toBe('Account B');
    expect(rows[0]['customer@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
  });

  it.each([
    ['an attribute without an alias', '<attribute name="invoiceid" aggregate="count" />', /needs an alias/],
    [
      'a grouping of a multi-line text column',
      '<attribute name="description" groupby="true" alias="d" />',
      /multi-line text/,
    ],
    [
      'a sum of a text column',
      '<attribute name="name" aggregate="sum" alias="s" />',
      /needs a number column/,
    ],
    [
      'a date grouping of a choice',
      '<attribute name="paymenttermscode" groupby="true" dategrouping="day" alias="d" />',
      /needs a date column/,
    ],
  ])('refuses %s with a 400 that names it', async (_name, body, message) => {
    const reply = await fetchOn(
      invoice.entitySet,
      `<fetch aggregate="true"><entity name="invoice">${body}</entity></fetch>`,
    );
    expect(reply.status).toBe(400);
    expect(reply.json().error).toMatchObject({ message: expect.stringMatching(message) });
  });

  it('refuses an aggregate over more rows than its limit with AggregateQueryRecordLimit exceeded', async () => {
    const reply = await fetchOn(
      invoice.entitySet,
      '<fetch aggregate="true" aggregatelimit="2"><entity name="invoice"><attribute name="invoiceid" aggregate="count" alias="n" /></entity></fetch>',
    );
    expect(reply.status).toBe(400);
    expect(reply.json().error).toEqual({
      code: '0x8004e023',
      message: 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.',
    });
  });
});

describe('paging FetchXML (PAGE)', () => {
  const page = (n: number, cookie?: string) =>
    `<fetch count="2" page="${n}"${cookie ? ` paging-cookie="${cookie.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}"` : ''}><entity name="invoice"><attribute name="name" /><order attribute="name" /></entity></fetch>`;

  it('answers count rows with morerecords and a paging cookie, and the next page with that cookie, and no nextLink', async () => {
    const first = (await fetchOn(invoice.entitySet, page(1))).json() as Record<string, unknown>;
    expect((first.value as { name: string }[]).map((r) => r.name)).toEqual(['I1', 'I2']);
    expect(first['@Microsoft.Dynamics.CRM.morerecords']).toBe(true);
    expect(first['@odata.nextLink']).toBeUndefined();
    const cookie = String(first['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie']);
    const m = /^<cookie pagenumber="2" pagingcookie="([^"]+)" istracking="False" \/>$/.exec(cookie);
    expect(m).not.toBeNull();
    const inner = decodeURIComponent(decodeURIComponent(m![1]));
    expect(inner).toBe(
      `<cookie page="1"><invoiceid last="{${ids.I2.toUpperCase()}}" first="{${ids.I1.toUpperCase()}}" /></cookie>`,
    );
    const second = (await fetchOn(invoice.entitySet, page(2, inner))).json() as Record<string, unknown>;
    expect((second.value as { name: string }[]).map((r) => r.name)).toEqual(['I3', 'I4']);
    const last = (await fetchOn(invoice.entitySet, page(3))).json() as Record<string, unknown>;
    expect((last.value as { name: string }[]).map((r) => r.name)).toEqual(['I5']);
    expect(last['@Microsoft.Dynamics.CRM.morerecords']).toBeUndefined();
    expect(last['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie']).toBeUndefined();
  });

  it('sends the paging annotations only when Prefer asks for them', async () => {
    const body = (await fetchOn(invoice.entitySet, page(1), {})).json() as Record<string, unknown>;
    expect(body['@Microsoft.Dynamics.CRM.morerecords']).toBeUndefined();
    const named = (
      await fetchOn(invoice.entitySet, page(1), {
        Prefer:
          'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"',
      })
    ).json() as Record<string, unknown>;
    expect(named['@Microsoft.Dynamics.CRM.morerecords']).toBe(true);
  });

  it.each([
    ['top with paging (stricter than Learn, which calls them incompatible)', '<fetch top="2" count="2">'],
    ['a page of more than 5,000 rows', '<fetch count="5001">'],
  ])('refuses %s', async (_name, open) => {
    const reply = await fetchOn(
      invoice.entitySet,
      `${open}<entity name="invoice"><attribute name="name" /></entity></fetch>`,
    );
    expect(reply.status).toBe(400);
  });
});

describe('link-entity and user and date conditions (JOIN, OPS)', () => {
  const names = async (xml: string) => (await rowsOf(invoice.entitySet, xml)).map((r) => r.name).sort();

  it('keeps the rows whose linked row matches with link-type exists (n:1)', async () => {
    const xml = `<fetch><entity name="invoice"><attribute name="name" /><link-entity name="account" from="accountid" to="customerid" link-type="exists"><filter><condition attribute="revenue" operator="gt" value="1000" /></filter></link-entity></entity></fetch>`;
    expect(await names(xml)).toEqual(['I3', 'I4', 'I5']);
  });

  it('gives a parent once with exists, once per child with inner, and once again with distinct (1:N)', async () => {
    const link = (type: string) =>
      `<attribute name="name" /><link-entity name="invoice" from="customerid" to="accountid" link-type="${type}" />`;
    const accounts = async (xml: string) => (await rowsOf(account.entitySet, xml)).map((r) => r.name).sort();
    expect(await accounts(`<fetch><entity name="account">${link('exists')}</entity></fetch>`)).toEqual([
      'Account A',
      'Account B',
    ]);
    expect(await accounts(`<fetch><entity name="account">${link('inner')}</entity></fetch>`)).toHaveLength(5);
    expect(
      await accounts(`<fetch distinct="true"><entity name="account">${link('inner')}</entity></fetch>`),
    ).toHaveLength(2);
  });

  it('refuses a link-entity that returns columns, which the emulator does not model', async () => {
    const xml = `<fetch><entity name="invoice"><link-entity name="account" from="accountid" to="customerid"><attribute name="name" /></link-entity></entity></fetch>`;
    expect((await fetchOn(invoice.entitySet, xml)).status).toBe(400);
  });

  it('matches the calling user with eq-userid', async () => {
    const xml = `<fetch><entity name="invoice"><attribute name="name" /><filter><condition attribute="ownerid" operator="eq-userid" /></filter></entity></fetch>`;
    expect(await names(xml)).toHaveLength(5);
    const token = emulator.admin.userToken();
    const asDemo = await fetch(
      `${emulator.url}/api/data/v9.2/${invoice.entitySet}?fetchXml=${encodeURIComponent(xml)}`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    expect(((await asDemo.json()) as { value: unknown[] }).value).toEqual([]);
  });

  it('takes last-x-days from the start of the day X days ago until now', async () => {
    const xml = (days: number) =>
      `<fetch><entity name="invoice"><attribute name="name" /><filter><condition attribute="createdon" operator="last-x-days" value="${days}" /><condition attribute="datedelivered" operator="null" /></filter></entity></fetch>`;
    expect(await names(xml(1))).toEqual(['I5']);
    const old = `<fetch><entity name="invoice"><attribute name="name" /><filter><condition attribute="datedelivered" operator="last-x-days" value="30" /></filter></entity></fetch>`;
    expect(await names(old)).toEqual([]);
  });
});
