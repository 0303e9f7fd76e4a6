import { SYSTEM_TABLES } from '../../../solution/names';
import { col, defineTable, stateColumns } from './define';
import { Model } from './model';

/**
 * Built-in definitions of the platform and Sales tables the relay, the demo and the solution use:
 * the columns that matter to them, not the hundreds a real org has. Names of the tables the
 * product itself names come from solution/names.ts; the rest are the platform's own.
 */
const t = (logicalName: string, entitySet: string, primaryName = 'name') => ({
  logicalName,
  entitySet,
  primaryId: `${logicalName}id`,
  primaryName,
});

const ACTIVE_INACTIVE = stateColumns(
  { 0: 'Active', 1: 'Inactive' },
  { 1: ['Active', 0], 2: ['Inactive', 1] },
);
const address = (prefix: string) =>
  Object.fromEntries(
    ['line1', 'line2', 'line3', 'city', 'stateorprovince', 'postalcode', 'country'].map((p) => [
      `${prefix}_${p}`,
      col.str(p.startsWith('line') ? 250 : 80),
    ]),
  );

export function systemModel(): Model {
  const model = new Model();
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
  addPlatformTables(model);
  return model;
}

function addPlatformTables(model: Model): void {
  model.add(defineTable(t('businessunit', 'businessunits'), { name: col.str(160) }, { owned: false }));
  model.add(defineTable(t('organization', 'organizations'), { name: col.str(160) }, { owned: false }));
  model.add(defineTable(t('team', 'teams'), { name: col.str(160) }, { owned: false }));
  model.add(
    defineTable(
      t('systemuser', 'systemusers', 'fullname'),
      {
        fullname: col.str(200),
        domainname: col.str(1024),
        internalemailaddress: col.str(100),
        applicationid: col.guid(),
        azureactivedirectoryobjectid: col.guid(),
        businessunitid: col.lookup(['businessunit']),
        isdisabled: col.bool(),
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(
      t('solution', 'solutions', 'friendlyname'),
      {
        uniquename: col.str(65),
        friendlyname: col.str(256),
        version: col.str(256),
        ismanaged: col.bool(['Unmanaged', 'Managed']),
        publisheruniquename: col.str(256),
        installedon: col.date(),
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(t('environmentvariabledefinition', 'environmentvariabledefinitions', 'schemaname'), {
      schemaname: col.str(100),
      displayname: col.str(100),
      description: col.memo(2000),
      defaultvalue: col.memo(2000),
      type: col.choice({
        100000000: 'String',
        100000001: 'Number',
        100000002: 'Boolean',
        100000003: 'JSON',
        100000004: 'Data source',
        100000005: 'Secret',
      }),
      isrequired: col.bool(),
      ...ACTIVE_INACTIVE,
    }),
  );
  model.add(
    defineTable(t('environmentvariablevalue', 'environmentvariablevalues', 'schemaname'), {
      schemaname: col.str(100),
      value: col.memo(2000),
      environmentvariabledefinitionid: col.lookup(['environmentvariabledefinition']),
      ...ACTIVE_INACTIVE,
    }),
  );
  model.add(
    defineTable(
      t('serviceendpoint', 'serviceendpoints'),
      {
        name: col.str(256),
        description: col.memo(2000),
        contract: col.choice({
          1: 'OneWay',
          2: 'Queue',
          3: 'Rest',
          4: 'TwoWay',
          5: 'Topic',
          6: 'Queue (Persistent)',
          7: 'Event Hub',
          8: 'Webhook',
          9: 'Event Grid',
          10: 'Managed Data Lake',
        }),
        url: col.str(2000),
        authtype: col.choice({
          1: 'ACS',
          2: 'SAS Key',
          3: 'SAS Token',
          4: 'Webhook Key',
          5: 'Http Header',
          6: 'Http Query String',
          7: 'Connection String',
          8: 'Access Key',
        }),
        authvalue: col.memo(4000),
        messageformat: col.choice({ 1: 'Binary XML', 2: 'Json', 3: 'Text XML' }),
        connectionmode: col.choice({ 1: 'Normal', 2: 'Federated' }),
        namespaceformat: col.choice({ 1: 'Namespace Name', 2: 'Namespace Address' }),
      },
      { owned: false },
    ),
  );
  model.table('serviceendpoint')!.columns.authvalue.validForRead = false;
  model.add(defineTable(t('sdkmessage', 'sdkmessages'), { name: col.str(256) }, { owned: false }));
  model.add(
    defineTable(
      t('sdkmessagefilter', 'sdkmessagefilters'),
      { name: col.str(256), primaryobjecttypecode: col.str(128), sdkmessageid: col.lookup(['sdkmessage']) },
      { owned: false },
    ),
  );
  model.add(
    defineTable(t('sdkmessageprocessingstep', 'sdkmessageprocessingsteps'), {
      name: col.str(256),
      description: col.memo(256),
      stage: col.choice({
        10: 'Pre-validation',
        20: 'Pre-operation',
        30: 'Main Operation',
        40: 'Post-operation',
      }),
      mode: col.choice({ 0: 'Synchronous', 1: 'Asynchronous' }),
      rank: col.int(),
      asyncautodelete: col.bool(),
      filteringattributes: col.memo(100000),
      supporteddeployment: col.choice({
        0: 'Server Only',
        1: 'Microsoft Dynamics 365 Client for Outlook Only',
        2: 'Both',
      }),
      sdkmessageid: col.lookup(['sdkmessage']),
      sdkmessagefilterid: col.lookup(['sdkmessagefilter']),
      eventhandler: col.lookup(['serviceendpoint']),
      ...stateColumns({ 0: 'Enabled', 1: 'Disabled' }, { 1: ['Enabled', 0], 2: ['Disabled', 1] }),
    }),
  );
  model.add(
    defineTable(t('asyncoperation', 'asyncoperations'), {
      name: col.str(256),
      operationtype: col.choice({ 1: 'System Event', 10: 'Workflow' }),
      message: col.memo(1048576),
      friendlymessage: col.memo(1048576),
      errorcode: col.int(),
      primaryentitytype: col.str(64),
      regardingobjectid: col.guid(),
      owningextensionid: col.lookup(['sdkmessageprocessingstep']),
      correlationid: col.guid(),
      startedon: col.date(),
      completedon: col.date(),
      retrycount: col.int(),
      ...stateColumns(
        { 0: 'Ready', 1: 'Suspended', 2: 'Locked', 3: 'Completed' },
        {
          0: ['Waiting For Resources', 0],
          10: ['Waiting', 1],
          20: ['In Progress', 2],
          30: ['Succeeded', 3],
          31: ['Failed', 3],
          32: ['Canceled', 3],
        },
      ),
    }),
  );
  addCustomizationTables(model);
  wireSystemRelationships(model);
}

function addCustomizationTables(model: Model): void {
  const noOwner = { owned: false };
  model.add(
    defineTable(
      { logicalName: 'systemform', entitySet: 'systemforms', primaryId: 'formid', primaryName: 'name' },
      {
        name: col.str(100),
        objecttypecode: col.str(64),
        type: col.int(),
        formxml: col.memo(),
        description: col.memo(),
        formactivationstate: col.int(),
      },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      {
        logicalName: 'savedquery',
        entitySet: 'savedqueries',
        primaryId: 'savedqueryid',
        primaryName: 'name',
      },
      {
        name: col.str(200),
        returnedtypecode: col.str(64),
        querytype: col.int(),
        isdefault: col.bool(),
        isquickfindquery: col.bool(),
        fetchxml: col.memo(),
        layoutxml: col.memo(),
      },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      {
        logicalName: 'webresource',
        entitySet: 'webresourceset',
        primaryId: 'webresourceid',
        primaryName: 'name',
      },
      { name: col.str(256), displayname: col.str(200), webresourcetype: col.int(), content: col.memo() },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      t('sitemap', 'sitemaps', 'sitemapname'),
      { sitemapname: col.str(200), sitemapnameunique: col.str(200), sitemapxml: col.memo() },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      t('appmodule', 'appmodules'),
      { name: col.str(200), uniquename: col.str(200), descriptor: col.memo() },
      noOwner,
    ),
  );
}

/** Lookups with their Web API navigation property names (reference/dataverse-webapi.md §1.1, §1.6). */
function wireSystemRelationships(model: Model): void {
  const { invoice, invoiceDetail, product, account, contact } = SYSTEM_TABLES;
  const rel = (name: string, referencing: string, column: string, referenced: string, lookupNav = column) =>
    model.addRelationship({ name, referencing, referenced, column, lookupNav, collectionNav: name });
  rel(
    'invoice_customer_accounts',
    invoice.logicalName,
    'customerid',
    account.logicalName,
    'customerid_account',
  );
  rel(
    'invoice_customer_contacts',
    invoice.logicalName,
    'customerid',
    contact.logicalName,
    'customerid_contact',
  );
  rel('invoice_details', invoiceDetail.logicalName, 'invoiceid', invoice.logicalName);
  rel('product_invoice_details', invoiceDetail.logicalName, 'productid', product.logicalName);
  rel(
    'invoicedetail_parent_invoicedetail',
    invoiceDetail.logicalName,
    'parentbundleidref',
    invoiceDetail.logicalName,
  );
  rel('unit_of_measurement_invoice_details', invoiceDetail.logicalName, 'uomid', 'uom');
  rel('price_level_invoices', invoice.logicalName, 'pricelevelid', 'pricelevel');
  rel('account_primary_contact', account.logicalName, 'primarycontactid', contact.logicalName);
  rel(
    'contact_customer_accounts',
    contact.logicalName,
    'parentcustomerid',
    account.logicalName,
    'parentcustomerid_account',
  );
  rel(
    'contact_customer_contacts',
    contact.logicalName,
    'parentcustomerid',
    contact.logicalName,
    'parentcustomerid_contact',
  );
  rel('price_level_products', product.logicalName, 'pricelevelid', 'pricelevel');
  rel('unit_of_measurement_products', product.logicalName, 'defaultuomid', 'uom');
  rel('uom_schedule_products', product.logicalName, 'defaultuomscheduleid', 'uomschedule');
  rel('uom_schedule_uoms', 'uom', 'uomscheduleid', 'uomschedule');
  rel(
    'environmentvariabledefinition_environmentvariablevalue',
    'environmentvariablevalue',
    'environmentvariabledefinitionid',
    'environmentvariabledefinition',
  );
  rel('sdkmessageid_sdkmessagefilter', 'sdkmessagefilter', 'sdkmessageid', 'sdkmessage');
  rel('sdkmessageid_sdkmessageprocessingstep', 'sdkmessageprocessingstep', 'sdkmessageid', 'sdkmessage');
  rel(
    'sdkmessagefilterid_sdkmessageprocessingstep',
    'sdkmessageprocessingstep',
    'sdkmessagefilterid',
    'sdkmessagefilter',
  );
  rel(
    'serviceendpoint_sdkmessageprocessingstep',
    'sdkmessageprocessingstep',
    'eventhandler',
    'serviceendpoint',
    'eventhandler_serviceendpoint',
  );
  rel(
    'sdkmessageprocessingstep_asyncoperations',
    'asyncoperation',
    'owningextensionid',
    'sdkmessageprocessingstep',
    'owningextensionid_sdkmessageprocessingstep',
  );
  rel('business_unit_system_users', 'systemuser', 'businessunitid', 'businessunit');
  wireDefaultLookups(model);
}

/** Gives every lookup that has no navigation property yet one per target table. */
export function wireDefaultLookups(model: Model): void {
  const rel = (name: string, referencing: string, column: string, referenced: string, lookupNav: string) =>
    model.addRelationship({ name, referencing, referenced, column, lookupNav, collectionNav: name });
  for (const table of model.tables()) {
    for (const [name, column] of Object.entries(table.columns)) {
      if (column.type !== 'lookup' || Object.values(table.lookups).some((l) => l.column === name)) continue;
      for (const target of column.targets ?? []) {
        const multi = (column.targets?.length ?? 0) > 1;
        rel(
          `${target}_${table.logicalName}_${name}`,
          table.logicalName,
          name,
          target,
          multi ? `${name}_${target}` : name,
        );
      }
    }
  }
}
