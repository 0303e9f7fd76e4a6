import { ALTERNATE_KEYS, COLUMNS, TABLES } from '../../../../solution/names';
import {
  alternateKeySegment,
  and,
  bind,
  contains,
  eq,
  guid,
  idFromEntityUrl,
  inValues,
  keySegment,
  literal,
  lookupProperty,
  ne,
  or,
  queryString,
  stringLiteral,
} from '../../../src/adapters/dataverse/odata';

const ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('OData literals', () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    ["x' or name ne 'y", "'x'' or name ne ''y'"],
    ["''", "''''''"],
  ])('quotes %p as %p', (value, expected) => {
    expect(stringLiteral(value)).toBe(expected);
  });

  it('keeps an injection attempt inside one string literal', () => {
    expect(eq('name', "x' or name ne 'y")).toBe("name eq 'x'' or name ne ''y'");
  });

  it('writes GUIDs bare, numbers plainly, dates in UTC without milliseconds, and null', () => {
    expect(literal(guid(ID.toUpperCase()))).toBe(ID);
    expect(literal(12.5)).toBe('12.5');
    expect(literal(new Date('2026-12-01T10:11:12.345Z'))).toBe('2026-12-01T10:11:12Z');
    expect(literal(null)).toBe('null');
    expect(literal(true)).toBe('true');
  });

  it('refuses a GUID that is not one and a property name that is not one', () => {
    expect(() => guid('1) or (1 eq 1')).toThrow(/Not a GUID/);
    expect(() => eq('name eq 1 or x', 1)).toThrow(/Not a property name/);
    expect(() => literal(Number.NaN)).toThrow();
  });
});

describe('filter and query builders', () => {
  it('builds Microsoft.Dynamics.CRM.In with every value quoted', () => {
    expect(inValues('productid', [ID, "O'Brien"])).toBe(
      `Microsoft.Dynamics.CRM.In(PropertyName='productid',PropertyValues=['${ID}','O''Brien'])`,
    );
  });

  it('combines clauses with parentheses', () => {
    expect(and(eq('statecode', 0), or(ne('name', 'a'), contains('name', 'b')))).toBe(
      "(statecode eq 0) and ((name ne 'a') or (contains(name,'b')))",
    );
    expect(and(eq('a', 1), undefined)).toBe('a eq 1');
  });

  it('encodes $select, $filter and nested $expand options', () => {
    const query = queryString({
      select: ['name', lookupProperty('customerid')],
      filter: eq('name', 'A & B'),
      expand: [{ navigation: 'invoice_details', select: ['quantity'], orderby: 'lineitemnumber asc' }],
      top: 5,
    });
    expect(decodeURIComponent(query)).toBe(
      "?$select=name,_customerid_value&$filter=name eq 'A & B'&$expand=invoice_details($select=quantity;$orderby=lineitemnumber asc)&$top=5",
    );
    expect(query).toContain('A%20%26%20B');
  });
});

describe('keys and binds', () => {
  it('builds a primary key segment', () => {
    expect(keySegment(TABLES.syncHistory, ID)).toBe(`stl_synchistories(${ID})`);
  });

  it('builds an alternate key segment with typed values', () => {
    const key = ALTERNATE_KEYS.find((k) => k.table === TABLES.xeroLink.logicalName);
    expect(key).toBeDefined();
    const segment = alternateKeySegment(TABLES.xeroLink, {
      [lookupProperty(COLUMNS.xeroLink.connectionId)]: guid(ID),
      [COLUMNS.xeroLink.entity]: 'account',
      [COLUMNS.xeroLink.recordId]: "O'Brien",
    });
    expect(segment).toBe(
      `stl_xerolinks(_stl_connectionid_value=${ID},stl_entity='account',stl_recordid='O''Brien')`,
    );
  });

  it('binds a lookup through its navigation property to the target entity set', () => {
    expect(bind(TABLES.syncHistory, COLUMNS.syncHistory.invoiceId, ID)).toEqual({
      'stl_InvoiceId@odata.bind': `/invoices(${ID})`,
    });
    expect(() => bind(TABLES.syncHistory, 'stl_nothing', ID)).toThrow(/No lookup/);
  });

  it('reads the id from an OData-EntityId URL', () => {
    expect(idFromEntityUrl(`https://org.crm.dynamics.com/api/data/v9.2/invoices(${ID})`)).toBe(ID);
    expect(idFromEntityUrl('https://org/api/data/v9.2/invoices')).toBeUndefined();
  });
});
