import type { Column } from './types';

/**
 * System components our forms, views and SiteMap may point at without shipping them: the
 * columns every custom table gets from the platform, and the Dynamics 365 Sales columns and
 * relationship the Sales forms we extend use (reference/dataverse-solution.md §4).
 */
export type ColumnType = Column['type'];

export const PLATFORM_COLUMNS: Readonly<Record<string, ColumnType>> = {
  createdon: 'datetime',
  modifiedon: 'datetime',
  ownerid: 'lookup',
  statecode: 'choice',
  statuscode: 'choice',
};

const SHIP_TO: Readonly<Record<string, ColumnType>> = {
  willcall: 'boolean',
  shipto_name: 'string',
  shipto_line1: 'string',
  shipto_line2: 'string',
  shipto_line3: 'string',
  shipto_city: 'string',
  shipto_stateorprovince: 'string',
  shipto_postalcode: 'string',
  shipto_country: 'string',
  shipto_telephone: 'string',
  shipto_fax: 'string',
  shipto_freighttermscode: 'choice',
};

export const SYSTEM_TABLE_COLUMNS: Readonly<Record<string, Readonly<Record<string, ColumnType>>>> = {
  invoice: {
    invoiceid: 'string',
    name: 'string',
    invoicenumber: 'string',
    customerid: 'lookup',
    totalamount: 'money',
    duedate: 'dateonly',
    transactioncurrencyid: 'lookup',
    pricelevelid: 'lookup',
    ispricelocked: 'boolean',
    datedelivered: 'dateonly',
    shippingmethodcode: 'choice',
    paymenttermscode: 'choice',
    billto_composite: 'memo',
    willcall: 'boolean',
    shipto_composite: 'memo',
    totallineitemamount: 'money',
    discountpercentage: 'decimal',
    discountamount: 'money',
    totalamountlessfreight: 'money',
    freightamount: 'money',
    totaltax: 'money',
    opportunityid: 'lookup',
    salesorderid: 'lookup',
    description: 'memo',
    ...PLATFORM_COLUMNS,
  },
  invoicedetail: {
    invoicedetailname: 'string',
    invoiceid: 'lookup',
    lineitemnumber: 'integer',
    productid: 'lookup',
    productdescription: 'string',
    isproductoverridden: 'boolean',
    uomid: 'lookup',
    ispriceoverridden: 'boolean',
    quantity: 'decimal',
    priceperunit: 'money',
    volumediscountamount: 'money',
    baseamount: 'money',
    manualdiscountamount: 'money',
    tax: 'money',
    extendedamount: 'money',
    actualdeliveryon: 'dateonly',
    salesrepid: 'lookup',
    quantityshipped: 'decimal',
    quantitybackordered: 'decimal',
    quantitycancelled: 'decimal',
    ...SHIP_TO,
  },
  product: {
    name: 'string',
    productnumber: 'string',
    parentproductid: 'lookup',
    validfromdate: 'dateonly',
    validtodate: 'dateonly',
    description: 'memo',
    defaultuomscheduleid: 'lookup',
    defaultuomid: 'lookup',
    pricelevelid: 'lookup',
    quantitydecimal: 'integer',
    subjectid: 'lookup',
    statecode: 'choice',
  },
};

/** Dynamics 365 Sales relationships our forms' sub-grids use (one-to-many, by name). */
export const SYSTEM_RELATIONSHIPS: Readonly<
  Record<string, { readonly referencedTable: string; readonly referencingTable: string }>
> = {
  invoice_details: { referencedTable: 'invoice', referencingTable: 'invoicedetail' },
};
