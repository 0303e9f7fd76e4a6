import type { Column } from './types';

/**
 * System components our forms, views and SiteMap may point at without shipping them: the
 * columns every custom table gets from the platform, and the Dynamics columns we show.
 */
export type ColumnType = Column['type'];

export const PLATFORM_COLUMNS: Readonly<Record<string, ColumnType>> = {
  createdon: 'datetime',
  modifiedon: 'datetime',
  ownerid: 'lookup',
  statecode: 'choice',
  statuscode: 'choice',
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
    ...PLATFORM_COLUMNS,
  },
  invoicedetail: {
    invoicedetailname: 'string',
    productid: 'lookup',
    quantity: 'decimal',
    priceperunit: 'money',
  },
  product: { name: 'string', productnumber: 'string' },
};
