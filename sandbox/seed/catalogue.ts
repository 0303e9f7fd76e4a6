/**
 * The demo organisation's Dynamics side: the AUD currency (the Xero demo organisation's base),
 * the defaults row, customers and a supplier with a contact each, and products with GL codes and
 * tax rates, one of them a bundle.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_NAVIGATION, SYSTEM_TABLES, TABLES } from '../../solution/names';
import type { DemoCodes } from './codes';
import { bindTo, findOrCreate, type Row, type SeedCounter } from './rows';

export interface DemoCatalogue {
  readonly currencyId: string;
  /** account ids by account number */
  readonly accounts: Record<string, string>;
  /** product ids by product number */
  readonly products: Record<string, string>;
  /** catalogue prices by product number */
  readonly prices: Record<string, number>;
}

const ACCOUNTS = [
  { number: 'ACME-001', name: 'Acme Pty Ltd', email: 'accounts@acme.example', contact: ['Alex', 'Acme'] },
  {
    number: 'DEMO-C-2',
    name: 'Ridgeway University',
    email: 'accounts@ridgeway.edu.au',
    contact: ['Rae', 'Ridge'],
  },
  { number: 'SUP-001', name: 'PowerDirect', email: 'bills@powerdirect.com.au', contact: ['Pat', 'Power'] },
] as const;

/** [product number, name, price, Xero item code, is a bundle] */
const PRODUCTS: [string, string, number, string, boolean][] = [
  ['WIDGET', 'Widget', 10, 'WID-1', false],
  ['GADGET', 'Gadget', 4.5, 'GAD-2', false],
  ['INSTALL', 'Installation (per hour)', 95, 'INST-H', false],
  ['KIT', 'Starter kit (bundle)', 99, 'KIT-1', true],
];

const PRODUCT_STRUCTURE = { product: 1, bundle: 3 } as const;

async function ensureCurrency(client: DataverseClient, counter: SeedCounter): Promise<string> {
  return findOrCreate(
    client,
    SYSTEM_TABLES.transactionCurrency,
    { column: SYSTEM_COLUMNS.transactionCurrency.isoCode, value: 'AUD' },
    { currencyname: 'Australian Dollar', currencysymbol: '$', currencyprecision: 2, exchangerate: 1 },
    counter,
  );
}

export async function ensureDefaults(
  client: DataverseClient,
  connectionId: string,
  codes: DemoCodes,
  counter: SeedCounter,
): Promise<string> {
  const DF = COLUMNS.defaults;
  const table = TABLES.defaults.logicalName;
  return findOrCreate(
    client,
    TABLES.defaults,
    { column: DF.name, value: 'Demo defaults' },
    {
      ...bindTo(table, DF.connectionId, TABLES.connection, connectionId),
      ...bindTo(table, DF.salesGlCodeId, TABLES.glCode, codes.glCodes['200']),
      ...bindTo(table, DF.purchaseGlCodeId, TABLES.glCode, codes.glCodes['300']),
      ...bindTo(table, DF.salesTaxRateId, TABLES.taxRate, codes.taxRates.OUTPUT),
      ...bindTo(table, DF.purchaseTaxRateId, TABLES.taxRate, codes.taxRates.INPUT),
      ...(codes.brandingThemeId
        ? bindTo(table, DF.brandingThemeId, TABLES.brandingTheme, codes.brandingThemeId)
        : {}),
    },
    counter,
  );
}

async function ensureAccounts(
  client: DataverseClient,
  counter: SeedCounter,
): Promise<Record<string, string>> {
  const A = SYSTEM_COLUMNS.account;
  const C = SYSTEM_COLUMNS.contact;
  const ids: Record<string, string> = {};
  for (const account of ACCOUNTS) {
    const id = await findOrCreate(
      client,
      SYSTEM_TABLES.account,
      { column: A.accountNumber, value: account.number },
      { [A.name]: account.name, [A.email]: account.email, [SYSTEM_COLUMNS.address.city]: 'Sydney' },
      counter,
    );
    ids[account.number] = id;
    const [first, last] = account.contact;
    await findOrCreate(
      client,
      SYSTEM_TABLES.contact,
      { column: C.email, value: `${first.toLowerCase()}@${account.email.split('@')[1]}` },
      {
        [C.firstName]: first,
        [C.lastName]: last,
        [`${SYSTEM_NAVIGATION.contact.parentAccount}@odata.bind`]: `/${SYSTEM_TABLES.account.entitySet}(${id})`,
      },
      counter,
    );
  }
  return ids;
}

async function ensureProducts(
  client: DataverseClient,
  codes: DemoCodes,
  counter: SeedCounter,
): Promise<Record<string, string>> {
  const P = SYSTEM_COLUMNS.product;
  const PC = COLUMNS.product;
  const table = SYSTEM_TABLES.product.logicalName;
  const ids: Record<string, string> = {};
  for (const [number, name, price, itemCode, isBundle] of PRODUCTS) {
    const body: Row = {
      [P.name]: name,
      [P.price]: price,
      [P.productStructure]: isBundle ? PRODUCT_STRUCTURE.bundle : PRODUCT_STRUCTURE.product,
      [PC.xeroItemCode]: itemCode,
      ...bindTo(table, PC.salesGlCodeId, TABLES.glCode, codes.glCodes['200']),
      ...bindTo(table, PC.purchaseGlCodeId, TABLES.glCode, codes.glCodes['300']),
      ...bindTo(table, PC.salesTaxRateId, TABLES.taxRate, codes.taxRates.OUTPUT),
      ...bindTo(table, PC.purchaseTaxRateId, TABLES.taxRate, codes.taxRates.INPUT),
    };
    ids[number] = await findOrCreate(
      client,
      SYSTEM_TABLES.product,
      { column: P.productNumber, value: number },
      body,
      counter,
    );
  }
  return ids;
}

export async function ensureCatalogue(
  client: DataverseClient,
  codes: DemoCodes,
  counter: SeedCounter,
): Promise<DemoCatalogue> {
  return {
    currencyId: await ensureCurrency(client, counter),
    accounts: await ensureAccounts(client, counter),
    products: await ensureProducts(client, codes, counter),
    prices: Object.fromEntries(PRODUCTS.map(([number, , price]) => [number, price])),
  };
}
