import { SYSTEM_TABLES } from '../../../solution/names';
import { ACTIVE_INACTIVE, address, col, defineTable, stateColumns, t } from './define';
import type { Model } from './model';

/**
 * The Sales tables (reference/dataverse-solution.md §4) with the columns the relay, the demo and
 * the solution use: not the hundreds a real org has. Their names come from solution/names.ts.
 */
export function addSalesTables(model: Model): void {
  const { invoice, invoiceDetail, product, account, contact, transactionCurrency } = SYSTEM_TABLES;
  model.add(
    defineTable(account, {
      name: col.str(160),
      accountnumber: col.str(20),
      emailaddress1: col.str(100),
      telephone1: col.str(50),
      websiteurl: col.str(200),
      description: col.memo(2000),
      revenue: col.money(),
      primarycontactid: col.lookup([contact.logicalName]),
      transactioncurrencyid: col.lookup([transactionCurrency.logicalName]),
      customertypecode: col.choice({
        1: 'Competitor',
        2: 'Consultant',
        3: 'Customer',
        11: 'Vendor',
        12: 'Other',
      }),
      ...address('address1'),
      ...ACTIVE_INACTIVE,
    }),
  );
  model.add(
    defineTable(contact, {
      fullname: col.readOnly('string', { maxLength: 160 }),
      firstname: col.str(50),
      lastname: col.str(50),
      emailaddress1: col.str(100),
      telephone1: col.str(50),
      mobilephone: col.str(50),
      parentcustomerid: col.lookup([account.logicalName, contact.logicalName]),
      transactioncurrencyid: col.lookup([transactionCurrency.logicalName]),
      ...address('address1'),
      ...ACTIVE_INACTIVE,
    }),
  );
  model.add(
    defineTable(
      transactionCurrency,
      {
        currencyname: col.str(100),
        isocurrencycode: col.str(5),
        currencysymbol: col.str(10),
        currencyprecision: col.int(),
        exchangerate: col.decimal(),
        ...ACTIVE_INACTIVE,
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(
      t('uomschedule', 'uomschedules'),
      { name: col.str(200), baseuomname: col.str(100) },
      { owned: false },
    ),
  );
  model.add(
    defineTable(
      t('uom', 'uoms'),
      {
        name: col.str(100),
        quantity: col.decimal(),
        uomscheduleid: col.lookup(['uomschedule']),
        isschedulebaseuom: col.bool(),
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(
      t('pricelevel', 'pricelevels'),
      {
        name: col.str(100),
        transactioncurrencyid: col.lookup([transactionCurrency.logicalName]),
        begindate: col.date(),
        enddate: col.date(),
        ...stateColumns({ 0: 'Active', 1: 'Inactive' }, { 100001: ['Active', 0], 100002: ['Inactive', 1] }),
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(
      product,
      {
        name: col.str(100),
        productnumber: col.str(100),
        description: col.memo(2000),
        price: col.money(),
        standardcost: col.money(),
        productstructure: col.choice({ 1: 'Product', 2: 'Product Family', 3: 'Product Bundle' }),
        producttypecode: col.choice({
          1: 'Sales Inventory',
          2: 'Miscellaneous Charges',
          3: 'Services',
          4: 'Flat Fees',
        }),
        defaultuomid: col.lookup(['uom']),
        defaultuomscheduleid: col.lookup(['uomschedule']),
        pricelevelid: col.lookup(['pricelevel']),
        transactioncurrencyid: col.lookup([transactionCurrency.logicalName]),
        quantitydecimal: col.int(),
        ...stateColumns(
          { 0: 'Active', 1: 'Retired', 2: 'Draft', 3: 'Under Revision' },
          { 1: ['Active', 0], 2: ['Retired', 1], 0: ['Draft', 2], 3: ['Under Revision', 3] },
        ),
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(invoice, {
      name: col.str(300),
      invoicenumber: col.str(100, { validForUpdate: false }),
      description: col.memo(2000),
      customerid: col.lookup([account.logicalName, contact.logicalName]),
      pricelevelid: col.lookup(['pricelevel']),
      transactioncurrencyid: col.lookup([transactionCurrency.logicalName]),
      exchangerate: col.decimal(),
      duedate: col.dateOnly(),
      datedelivered: col.date(),
      emailaddress: col.str(100),
      paymenttermscode: col.choice({ 1: 'Net 30', 2: '2% 10, Net 30', 3: 'Net 45', 4: 'Net 60' }),
      ispricelocked: col.bool(),
      discountamount: col.money(),
      discountpercentage: col.decimal(),
      freightamount: col.money(),
      totalamount: col.readOnly('money'),
      totalamountlessfreight: col.readOnly('money'),
      totallineitemamount: col.readOnly('money'),
      totallineitemdiscountamount: col.readOnly('money'),
      totaldiscountamount: col.readOnly('money'),
      totaltax: col.readOnly('money'),
      ...address('billto'),
      billto_name: col.str(200),
      ...address('shipto'),
      shipto_name: col.str(200),
      ...stateColumns(
        { 0: 'Active', 1: 'Closed', 2: 'Paid', 3: 'Canceled' },
        {
          1: ['New', 0],
          2: ['Partially Shipped', 0],
          4: ['Billed', 0],
          5: ['Booked (applies to services)', 0],
          6: ['Installed (applies to services)', 0],
          3: ['Canceled (deprecated)', 1],
          7: ['Paid in Full (deprecated)', 1],
          100001: ['Complete', 2],
          100002: ['Partial', 2],
          100003: ['Canceled', 3],
        },
      ),
    }),
  );
  model.add(
    defineTable(invoiceDetail, {
      invoicedetailname: col.str(4000),
      invoiceid: col.lookup([invoice.logicalName]),
      productid: col.lookup([product.logicalName]),
      uomid: col.lookup(['uom']),
      transactioncurrencyid: col.lookup([transactionCurrency.logicalName]),
      parentbundleidref: col.lookup([invoiceDetail.logicalName]),
      parentbundleid: col.guid({ validForUpdate: false }),
      productassociationid: col.guid(),
      isproductoverridden: col.bool(['Existing', 'Write In'], { validForUpdate: false }),
      productdescription: col.str(4000),
      productname: col.readOnly('string', { maxLength: 500 }),
      ispriceoverridden: col.bool(['Use Default', 'Override Price']),
      quantity: col.decimal(),
      priceperunit: col.money(),
      manualdiscountamount: col.money(),
      volumediscountamount: col.readOnly('money'),
      tax: col.money(),
      baseamount: col.readOnly('money'),
      extendedamount: col.readOnly('money'),
      lineitemnumber: col.int(),
      sequencenumber: col.int(),
      description: col.memo(2000),
      producttypecode: col.choice(
        {
          1: 'Product',
          2: 'Bundle',
          3: 'Required Bundle Product',
          4: 'Optional Bundle Product',
          5: 'Project-based Service',
        },
        { validForUpdate: false },
      ),
      propertyconfigurationstatus: col.choice({ 0: 'Edit', 1: 'Rectify', 2: 'Not Configured' }),
    }),
  );
}
