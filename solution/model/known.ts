/**
 * System components our forms, views and SiteMap may point at without shipping them: the
 * columns every custom table gets from the platform, and the Dynamics columns we show.
 */
export const PLATFORM_COLUMNS = ['createdon', 'modifiedon', 'ownerid', 'statecode', 'statuscode'] as const;

export const SYSTEM_TABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  invoice: ['name', 'invoicenumber', 'customerid', 'totalamount', 'duedate', 'transactioncurrencyid', ...PLATFORM_COLUMNS],
  invoicedetail: ['invoicedetailname', 'productid', 'quantity', 'priceperunit', 'extendedamount'],
  product: ['name', 'productnumber'],
};
