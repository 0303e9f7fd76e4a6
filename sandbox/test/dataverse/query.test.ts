import { SYSTEM_TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, idFrom, startEmulator } from './helpers';

// Queries and paging: reference/dataverse-webapi.md §1.3; annotations §1.4
const { account, contact, invoice } = SYSTEM_TABLES;
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};

const ACCOUNTS = [
  { name: "O'Brien Builders", accountnumber: 'A-001', revenue: 5000, customertypecode: 3 },
  { name: 'Contoso Ltd', accountnumber: 'A-002', revenue: 20000, customertypecode: 3 },
  { name: 'Fabrikam', accountnumber: 'A-003', revenue: 100, customertypecode: 1 },
  { name: 'Northwind Traders', accountnumber: 'A-004', customertypecode: 11 },
  { name: 'Contoso Pharma', accountnumber: 'A-005', revenue: 7500 },
];

beforeAll(async () => {
  ({ emulator, api } = await startEmulator());
  for (const a of ACCOUNTS) ids[a.accountnumber] = idFrom(await api('POST', account.entitySet, { body: a }));
  const contactId = idFrom(
    await api('POST', contact.entitySet, {
      body: {
        firstname: 'Pat',
        lastname: 'Lee',
        'parentcustomerid_account@odata.bind': `/${account.entitySet}(${ids['A-002']})`,
      },
    }),
  );
  ids.contact = contactId;
  await api('PATCH', `${account.entitySet}(${ids['A-002']})`, {
    body: { 'primarycontactid@odata.bind': `/${contact.entitySet}(${contactId})` },
    headers: { 'If-Match': '*' },
  });
});
afterAll(() => emulator.stop());

const numbersWhere = async (filter: string) => {
  const reply = await api(
    'GET',
    `${account.entitySet}?$select=accountnumber&$orderby=accountnumber&$filter=${encodeURIComponent(filter)}`,
  );
  if (reply.status !== 200) throw new Error(reply.text);
  return reply.json().value!.map((r) => r.accountnumber);
};

describe('$filter (§1.3)', () => {
  it.each([
    ["name eq 'O''Brien Builders'", ['A-001']],
    ["name ne 'Fabrikam' and revenue gt 5000", ['A-002', 'A-005']],
    ['revenue ge 5000 and revenue le 7500', ['A-001', 'A-005']],
    ['revenue lt 5000', ['A-003']],
    ['revenue eq null', ['A-004']],
    ['revenue ne null and not (customertypecode eq 3)', ['A-003', 'A-005']],
    ["(customertypecode eq 1 or customertypecode eq 11) and startswith(name,'North')", ['A-004']],
    ["contains(name,'contoso')", ['A-002', 'A-005']],
    ["endswith(name,'Traders')", ['A-004']],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=['A-001','A-003'])",
      ['A-001', 'A-003'],
    ],
  ])('%s', async (filter, expected) => {
    expect(await numbersWhere(filter)).toEqual(expected);
  });

  it('filters a lookup by _x_value with a GUID literal', async () => {
    expect(await numbersWhere(`_primarycontactid_value eq ${ids.contact}`)).toEqual(['A-002']);
  });

  it('rejects a property the table does not have, naming it', async () => {
    const reply = await api('GET', `${account.entitySet}?$filter=${encodeURIComponent("nosuch eq 'x'")}`);
    expect(reply.status).toBe(400);
    expect((reply.json().error as { message: string }).message).toContain("'nosuch'");
  });

  it('rejects $skip, which Dataverse does not support', async () => {
    expect((await api('GET', `${account.entitySet}?$skip=1`)).status).toBe(400);
  });
});

describe('$orderby, $top, $count (§1.3)', () => {
  it('orders descending and takes the top N', async () => {
    const reply = await api('GET', `${account.entitySet}?$select=accountnumber&$orderby=revenue desc&$top=2`);
    expect(reply.json().value!.map((r) => r.accountnumber)).toEqual(['A-002', 'A-005']);
  });

  it('adds @odata.count for $count=true', async () => {
    const reply = await api(
      'GET',
      `${account.entitySet}?$select=name&$count=true&$top=1&$filter=${encodeURIComponent("contains(name,'Contoso')")}`,
    );
    expect(reply.json()['@odata.count']).toBe(2);
    expect(reply.json().value).toHaveLength(1);
  });

  it('answers /$count as plain text with a byte-order mark', async () => {
    const reply = await api('GET', `${account.entitySet}/$count`);
    expect(reply.text).toBe(`\ufeff${ACCOUNTS.length}`);
  });
});

describe('$expand (§1.3)', () => {
  it('expands a collection with nested $select;$filter;$orderby;$top', async () => {
    const invoiceId = idFrom(
      await api('POST', invoice.entitySet, {
        body: {
          name: 'Expandable',
          invoice_details: [1, 2, 3, 4].map((q) => ({
            isproductoverridden: true,
            productdescription: `Line ${q}`,
            quantity: q,
            priceperunit: 1,
          })),
        },
      }),
    );
    const query = `$select=name&$expand=invoice_details($select=quantity,productdescription;$filter=quantity gt 1;$orderby=quantity desc;$top=2)`;
    const body = (await api('GET', `${invoice.entitySet}(${invoiceId})?${query}`)).json();
    const lines = body.invoice_details as Record<string, unknown>[];
    expect(lines.map((l) => l.quantity)).toEqual([4, 3]);
    expect(Object.keys(lines[0]).sort()).toEqual([
      '@odata.etag',
      'invoicedetailid',
      'productdescription',
      'quantity',
    ]);
    expect(body['@odata.context']).toContain(
      '#invoices(name,invoice_details(quantity,productdescription))/$entity',
    );
  });

  it('expands a single-valued navigation property inside a collection query', async () => {
    const reply = await api(
      'GET',
      `${account.entitySet}?$select=name&$filter=accountnumber eq 'A-002'&$expand=primarycontactid($select=lastname)`,
    );
    expect((reply.json().value![0].primarycontactid as Record<string, unknown>).lastname).toBe('Lee');
  });
});

describe('paging (§1.3)', () => {
  it('pages with odata.maxpagesize, an absolute nextLink with a cookie skiptoken, to the end', async () => {
    const headers = { Prefer: 'odata.maxpagesize=2' };
    let reply = await api('GET', `${account.entitySet}?$select=accountnumber&$orderby=accountnumber`, {
      headers,
    });
    expect(reply.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    const seen: unknown[] = [];
    const links: string[] = [];
    for (;;) {
      const body = reply.json();
      seen.push(...body.value!.map((r) => r.accountnumber));
      const next = body['@odata.nextLink'] as string | undefined;
      if (!next) break;
      links.push(next);
      reply = await api('GET', next, { headers });
    }
    expect(seen).toEqual(['A-001', 'A-002', 'A-003', 'A-004', 'A-005']);
    expect(links).toHaveLength(2);
    expect(links[0].startsWith(`${emulator.url}/api/data/v9.2/${account.entitySet}?`)).toBe(true);
    expect(decodeURIComponent(new URL(links[0]).searchParams.get('$skiptoken')!)).toMatch(
      /^<cookie pagenumber="2" pagingcookie=".*" istracking="False" \/>$/,
    );
  });

  it('ignores $top when odata.maxpagesize is present', async () => {
    const reply = await api('GET', `${account.entitySet}?$select=name&$top=1`, {
      headers: { Prefer: 'odata.maxpagesize=3' },
    });
    expect(reply.json().value).toHaveLength(3);
  });
});

describe('annotations (§1.4)', () => {
  const select = `${account.entitySet}(${'%ID%'})?$select=revenue,customertypecode,_primarycontactid_value,createdon`;

  it('adds formatted values and lookup annotations only when asked', async () => {
    const url = select.replace('%ID%', ids['A-002']);
    const plain = (await api('GET', url)).json();
    expect(Object.keys(plain).some((k) => k.includes('@OData.Community'))).toBe(false);
    const annotated = (
      await api('GET', url, { headers: { Prefer: 'odata.include-annotations="*"' } })
    ).json();
    expect(annotated).toMatchObject({
      'revenue@OData.Community.Display.V1.FormattedValue': '$20,000.00',
      'customertypecode@OData.Community.Display.V1.FormattedValue': 'Customer',
      '_primarycontactid_value@OData.Community.Display.V1.FormattedValue': 'Pat Lee',
      '_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname': contact.logicalName,
      '_primarycontactid_value@Microsoft.Dynamics.CRM.associatednavigationproperty': 'primarycontactid',
    });
    expect(annotated['createdon@OData.Community.Display.V1.FormattedValue']).toMatch(
      /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} (AM|PM)$/,
    );
  });

  it('honours a list of annotation names, leaving the others out', async () => {
    const url = select.replace('%ID%', ids['A-002']);
    const body = (
      await api('GET', url, {
        headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' },
      })
    ).json();
    expect(body['revenue@OData.Community.Display.V1.FormattedValue']).toBe('$20,000.00');
    expect(body['_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBeUndefined();
  });

  it('puts @odata.etag on every record of a collection', async () => {
    const body = (await api('GET', `${account.entitySet}?$select=name`)).json();
    expect(body.value!.every((r) => /^W\/"\d+"$/.test(String(r['@odata.etag'])))).toBe(true);
  });
});

describe('FetchXML (what Xrm.WebApi sends for a view)', () => {
  const fetchQuery = (xml: string) => `${account.entitySet}?fetchXml=${encodeURIComponent(xml)}`;

  it('answers a view query: attributes, nested and/or filters, like, order', async () => {
    const xml = `<fetch version="1.0" mapping="logical"><entity name="${account.logicalName}"><attribute name="accountnumber" /><order attribute="accountnumber" descending="true" /><filter type="and"><condition attribute="statecode" operator="eq" value="0" /><filter type="or"><condition attribute="name" operator="like" value="Contoso%" /><condition attribute="revenue" operator="null" /></filter></filter></entity></fetch>`;
    const reply = await api('GET', fetchQuery(xml));
    expect(reply.json().value!.map((r) => r.accountnumber)).toEqual(['A-005', 'A-004', 'A-002']);
  });

  it('returns lookups as _x_value and honours top', async () => {
    const xml = `<fetch top="1"><entity name="${account.logicalName}"><attribute name="primarycontactid" /><filter><condition attribute="primarycontactid" operator="not-null" /></filter></entity></fetch>`;
    const rows = (await api('GET', fetchQuery(xml))).json().value!;
    expect(rows).toHaveLength(1);
    expect(rows[0]._primarycontactid_value).toBe(ids.contact);
  });

  it('refuses a link-entity with attributes, which the emulator does not model', async () => {
    const xml = `<fetch><entity name="${account.logicalName}"><link-entity name="${contact.logicalName}" from="contactid" to="primarycontactid"><attribute name="fullname" /></link-entity></entity></fetch>`;
    expect((await api('GET', fetchQuery(xml))).status).toBe(400);
  });
});
