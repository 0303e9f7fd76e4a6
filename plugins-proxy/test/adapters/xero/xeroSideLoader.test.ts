import { CHOICES } from '../../../../solution/names';
import { FakeXeroGateway } from '../../../src/adapters/xero/fakeXeroGateway';
import {
  contactCandidatesWhere,
  createXeroSideLoader,
  itemCodesOf,
} from '../../../src/adapters/xero/xeroSideLoader';
import { CurrencyCode } from 'xero-node';

const ACCOUNT = '00000000-0000-0000-0000-0000000000a9';
const LINKED = '00000000-0000-0000-0000-0000000000c9';
const customer = {
  logicalname: 'account',
  accountid: ACCOUNT,
  name: 'Acme "Quoted" Ltd',
  accountnumber: 'A-1',
  emailaddress1: 'ap@acme.test',
};

describe('contactCandidatesWhere', () => {
  it('asks for the linked id, both contact numbers, the email and the exact name in one OR filter', () => {
    expect(
      contactCandidatesWhere({ customer, links: [{ entity: 'account', recordId: ACCOUNT, xeroId: LINKED }] }),
    ).toBe(
      `ContactID==Guid("${LINKED}") OR ContactNumber=="A-1" OR ContactNumber=="${ACCOUNT}" OR EmailAddress=="ap@acme.test" OR Name=="Acme \\"Quoted\\" Ltd"`,
    );
  });
});

describe('itemCodesOf', () => {
  it('uses the Xero item code, else the product number, skipping codes longer than 30', () => {
    expect(
      itemCodesOf([
        { stl_xeroitemcode: 'X-1', productnumber: 'P-1' },
        { productnumber: 'P-2' },
        { productnumber: 'x'.repeat(31) },
        { productnumber: 'P-2' },
      ]),
    ).toEqual(['X-1', 'P-2']);
  });
});

describe('createXeroSideLoader', () => {
  const reference = {
    organisation: { name: 'Demo', baseCurrency: CurrencyCode.AUD },
    currencies: [{ code: CurrencyCode.AUD }, { code: CurrencyCode.NZD }],
  };

  it('gathers organisation, contact candidates and items, and caches the organisation', async () => {
    const xero = new FakeXeroGateway(reference);
    await xero.createContacts('k', [{ name: 'Acme "Quoted" Ltd', contactNumber: 'A-1' }], {
      idempotencyKey: 'c',
    });
    await xero.createItems('k', [{ code: 'P-2', name: 'Thing' }], { idempotencyKey: 'i' });
    const load = createXeroSideLoader({ gateway: xero });
    const input = {
      connectionId: 'k',
      connection: {},
      customer,
      products: [{ productnumber: 'P-2' }],
      links: [],
    };
    const side = await load(input);
    await load(input);
    expect(side.organisation).toEqual({
      name: 'Demo',
      baseCurrency: 'AUD',
      multiCurrency: true,
      currencies: ['AUD', 'NZD'],
    });
    expect(side.items).toEqual([{ Code: 'P-2', Name: 'Thing' }]);
    expect(xero.calls.filter((c) => c.operation === 'getOrganisation')).toHaveLength(1);
  });

  it('asks for no items when the connection does not use items', async () => {
    const xero = new FakeXeroGateway(reference);
    const load = createXeroSideLoader({ gateway: xero });
    await load({
      connectionId: 'k',
      connection: { stl_itempolicy: CHOICES.itemPolicy.values.dontUseItems },
      customer,
      products: [{ productnumber: 'P-2' }],
      links: [],
    });
    expect(xero.calls.some((c) => c.operation === 'getItems')).toBe(false);
  });
});
