/**
 * The logical names and choice values every part of the product relies on: the relay, the web
 * resources, the PCF controls and the sandbox import them from here and never retype them.
 *
 * This file is the naming half of the solution model; `solution/model/` adds types, labels and
 * lengths for each name, and a test checks that the two halves agree.
 */

export const PUBLISHER = {
  uniqueName: 'Stellarise',
  displayName: 'Stellarise',
  prefix: 'stl',
  optionValuePrefix: 10624,
} as const;

export const SOLUTION = {
  uniqueName: 'StellariseConnector',
  displayName: 'Stellarise Connector for Dynamics 365 and Xero',
} as const;

/** One table: its logical name, Web API entity set, primary id and primary name columns. */
export interface TableName {
  readonly logicalName: string;
  readonly entitySet: string;
  readonly primaryId: string;
  readonly primaryName: string;
}

function custom(logicalName: string, entitySet: string, primaryName = 'stl_name'): TableName {
  return { logicalName, entitySet, primaryId: `${logicalName}id`, primaryName };
}

export const TABLES = {
  connection: custom('stl_connection', 'stl_connections'),
  defaults: custom('stl_defaults', 'stl_defaultses'),
  glCode: custom('stl_glcode', 'stl_glcodes'),
  taxRate: custom('stl_taxrate', 'stl_taxrates'),
  brandingTheme: custom('stl_brandingtheme', 'stl_brandingthemes'),
  trackingCategory: custom('stl_trackingcategory', 'stl_trackingcategories'),
  trackingOption: custom('stl_trackingoption', 'stl_trackingoptions'),
  syncHistory: custom('stl_synchistory', 'stl_synchistories'),
  payment: custom('stl_payment', 'stl_payments'),
  xeroLink: custom('stl_xerolink', 'stl_xerolinks'),
} as const satisfies Record<string, TableName>;

/** System tables the product reads or extends. */
export const SYSTEM_TABLES = {
  invoice: { logicalName: 'invoice', entitySet: 'invoices', primaryId: 'invoiceid', primaryName: 'name' },
  invoiceDetail: {
    logicalName: 'invoicedetail',
    entitySet: 'invoicedetails',
    primaryId: 'invoicedetailid',
    primaryName: 'invoicedetailname',
  },
  product: { logicalName: 'product', entitySet: 'products', primaryId: 'productid', primaryName: 'name' },
  account: { logicalName: 'account', entitySet: 'accounts', primaryId: 'accountid', primaryName: 'name' },
  contact: { logicalName: 'contact', entitySet: 'contacts', primaryId: 'contactid', primaryName: 'fullname' },
  transactionCurrency: {
    logicalName: 'transactioncurrency',
    entitySet: 'transactioncurrencies',
    primaryId: 'transactioncurrencyid',
    primaryName: 'currencyname',
  },
} as const satisfies Record<string, TableName>;

/** Columns of the custom tables (beyond the primary id), and those we add to system tables. */
export const COLUMNS = {
  connection: {
    name: 'stl_name',
    tenantId: 'stl_tenantid',
    tenantName: 'stl_tenantname',
    status: 'stl_status',
    isDefault: 'stl_isdefault',
    contactPolicy: 'stl_contactpolicy',
    itemPolicy: 'stl_itempolicy',
    bundleMode: 'stl_bundlemode',
    numbering: 'stl_numbering',
    pushStatus: 'stl_pushstatus',
    emailOnSync: 'stl_emailonsync',
    lineAmountType: 'stl_lineamounttype',
    refreshDeadline: 'stl_refreshdeadline',
    lastRefreshOn: 'stl_lastrefreshon',
    dailyCallsLeft: 'stl_dailycallsleft',
    lastError: 'stl_lasterror',
    lastReferenceSyncOn: 'stl_lastreferencesyncon',
    lastPaymentPullOn: 'stl_lastpaymentpullon',
    connectNonce: 'stl_connectnonce',
    connectNonceIssuedOn: 'stl_connectnonceissuedon',
    paymentAccountCode: 'stl_paymentaccountcode',
  },
  defaults: {
    name: 'stl_name',
    connectionId: 'stl_connectionid',
    brandingThemeId: 'stl_brandingthemeid',
    salesGlCodeId: 'stl_salesglcodeid',
    purchaseGlCodeId: 'stl_purchaseglcodeid',
    salesTaxRateId: 'stl_salestaxrateid',
    purchaseTaxRateId: 'stl_purchasetaxrateid',
  },
  glCode: {
    name: 'stl_name',
    code: 'stl_code',
    accountType: 'stl_accounttype',
    accountClass: 'stl_accountclass',
    xeroAccountId: 'stl_xeroaccountid',
    defaultTaxType: 'stl_defaulttaxtype',
    enablePayments: 'stl_enablepayments',
    connectionId: 'stl_connectionid',
  },
  taxRate: {
    name: 'stl_name',
    taxType: 'stl_taxtype',
    effectiveRate: 'stl_effectiverate',
    canApplyToRevenue: 'stl_canapplytorevenue',
    canApplyToExpenses: 'stl_canapplytoexpenses',
    connectionId: 'stl_connectionid',
  },
  brandingTheme: {
    name: 'stl_name',
    xeroBrandingThemeId: 'stl_xerobrandingthemeid',
    sortOrder: 'stl_sortorder',
    connectionId: 'stl_connectionid',
  },
  trackingCategory: {
    name: 'stl_name',
    xeroTrackingCategoryId: 'stl_xerotrackingcategoryid',
    connectionId: 'stl_connectionid',
  },
  trackingOption: {
    name: 'stl_name',
    xeroTrackingOptionId: 'stl_xerotrackingoptionid',
    trackingCategoryId: 'stl_trackingcategoryid',
    connectionId: 'stl_connectionid',
  },
  syncHistory: {
    name: 'stl_name',
    invoiceId: 'stl_invoiceid',
    connectionId: 'stl_connectionid',
    operation: 'stl_operation',
    trigger: 'stl_trigger',
    status: 'stl_status',
    attempts: 'stl_attempts',
    startedOn: 'stl_startedon',
    completedOn: 'stl_completedon',
    durationMs: 'stl_durationms',
    xeroId: 'stl_xeroid',
    xeroNumber: 'stl_xeronumber',
    message: 'stl_message',
    /** The first message, short enough to group by (a chart cannot group a multi-line column). */
    messageSummary: 'stl_messagesummary',
    details: 'stl_details',
    correlationId: 'stl_correlationid',
    idempotencyKey: 'stl_idempotencykey',
  },
  payment: {
    name: 'stl_name',
    invoiceId: 'stl_invoiceid',
    connectionId: 'stl_connectionid',
    xeroPaymentId: 'stl_xeropaymentid',
    paymentDate: 'stl_paymentdate',
    amount: 'stl_amount',
    reference: 'stl_reference',
    accountCode: 'stl_accountcode',
    status: 'stl_status',
  },
  xeroLink: {
    name: 'stl_name',
    connectionId: 'stl_connectionid',
    entity: 'stl_entity',
    recordId: 'stl_recordid',
    xeroId: 'stl_xeroid',
    xeroCode: 'stl_xerocode',
  },
  invoice: {
    documentType: 'stl_documenttype',
    connectionId: 'stl_connectionid',
    brandingThemeId: 'stl_brandingthemeid',
    manualNumber: 'stl_manualnumber',
    reference: 'stl_reference',
    emailOnSync: 'stl_emailonsync',
    xeroId: 'stl_xeroid',
    xeroNumber: 'stl_xeronumber',
    xeroStatus: 'stl_xerostatus',
    xeroUrl: 'stl_xerourl',
    onlineUrl: 'stl_onlineurl',
    amountDue: 'stl_amountdue',
    amountPaid: 'stl_amountpaid',
    lastSyncedOn: 'stl_lastsyncedon',
    syncStatus: 'stl_syncstatus',
  },
  invoiceDetail: {
    glCodeId: 'stl_glcodeid',
    taxRateId: 'stl_taxrateid',
    trackingOption1Id: 'stl_trackingoption1id',
    trackingOption2Id: 'stl_trackingoption2id',
  },
  product: {
    salesGlCodeId: 'stl_salesglcodeid',
    purchaseGlCodeId: 'stl_purchaseglcodeid',
    salesTaxRateId: 'stl_salestaxrateid',
    purchaseTaxRateId: 'stl_purchasetaxrateid',
    xeroItemCode: 'stl_xeroitemcode',
  },
} as const;

/** A global choice: its name and its values by meaning. */
export interface ChoiceName<V extends Record<string, number>> {
  readonly name: string;
  readonly values: V;
}

function choice<V extends Record<string, number>>(name: string, values: V): ChoiceName<V> {
  return { name, values };
}

export const CHOICES = {
  documentType: choice('stl_documenttype', {
    salesInvoice: 106240000,
    purchaseInvoice: 106240001,
    salesCreditNote: 106240002,
    purchaseCreditNote: 106240003,
  }),
  syncStatus: choice('stl_syncstatus', {
    notSynced: 106240000,
    queued: 106240001,
    synced: 106240002,
    failed: 106240003,
    outOfDate: 106240004,
  }),
  syncHistoryStatus: choice('stl_synchistorystatus', {
    queued: 106240000,
    inProgress: 106240001,
    succeeded: 106240002,
    failed: 106240003,
    skipped: 106240004,
    needsReview: 106240005,
  }),
  operation: choice('stl_operation', {
    pushDocument: 106240000,
    emailDocument: 106240001,
    pullPayments: 106240002,
    refreshReferenceData: 106240003,
    voidDocument: 106240004,
  }),
  trigger: choice('stl_trigger', {
    button: 106240000,
    bulk: 106240001,
    automatic: 106240002,
    retry: 106240003,
    schedule: 106240004,
    xeroWebhook: 106240005,
  }),
  connectionStatus: choice('stl_connectionstatus', {
    notConnected: 106240000,
    connected: 106240001,
    needsAttention: 106240002,
    disconnected: 106240003,
  }),
  contactPolicy: choice('stl_contactpolicy', {
    createMissing: 106240000,
    existingOnly: 106240001,
  }),
  itemPolicy: choice('stl_itempolicy', {
    createMissing: 106240000,
    existingOnly: 106240001,
    dontUseItems: 106240002,
  }),
  bundleMode: choice('stl_bundlemode', {
    headerOnly: 106240000,
    componentsOnly: 106240001,
    headerAndComponents: 106240002,
  }),
  numbering: choice('stl_numbering', {
    xeroNumbers: 106240000,
    dynamicsNumber: 106240001,
    manualNumber: 106240002,
  }),
  pushStatus: choice('stl_pushstatus', {
    draft: 106240000,
    submitted: 106240001,
    authorised: 106240002,
  }),
  lineAmountType: choice('stl_lineamounttype', {
    taxExclusive: 106240000,
    taxInclusive: 106240001,
    noTax: 106240002,
  }),
  invoiceEmailOnSync: choice('stl_invoiceemailonsync', {
    useConnectionSetting: 106240000,
    emailAfterSync: 106240001,
    dontEmail: 106240002,
  }),
  paymentStatus: choice('stl_paymentstatus', {
    authorised: 106240000,
    deleted: 106240001,
  }),
} as const;

/**
 * Lookups: the column, its Web API navigation property (used with `@odata.bind`), the table it
 * points at and the relationship's schema name. Read a lookup as `_<column>_value`.
 */
export interface LookupName {
  readonly table: string;
  readonly column: string;
  readonly navigationProperty: string;
  readonly target: string;
  readonly relationship: string;
}

function lookup(table: string, column: string, navigationProperty: string, target: string): LookupName {
  const attr = column.replace(/^stl_/, '');
  return { table, column, navigationProperty, target, relationship: `stl_${target}_${table}_${attr}` };
}

export const LOOKUPS = [
  lookup('stl_defaults', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_defaults', 'stl_brandingthemeid', 'stl_BrandingThemeId', 'stl_brandingtheme'),
  lookup('stl_defaults', 'stl_salesglcodeid', 'stl_SalesGlCodeId', 'stl_glcode'),
  lookup('stl_defaults', 'stl_purchaseglcodeid', 'stl_PurchaseGlCodeId', 'stl_glcode'),
  lookup('stl_defaults', 'stl_salestaxrateid', 'stl_SalesTaxRateId', 'stl_taxrate'),
  lookup('stl_defaults', 'stl_purchasetaxrateid', 'stl_PurchaseTaxRateId', 'stl_taxrate'),
  lookup('stl_glcode', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_taxrate', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_brandingtheme', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_trackingcategory', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_trackingoption', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_trackingoption', 'stl_trackingcategoryid', 'stl_TrackingCategoryId', 'stl_trackingcategory'),
  lookup('stl_synchistory', 'stl_invoiceid', 'stl_InvoiceId', 'invoice'),
  lookup('stl_synchistory', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_payment', 'stl_invoiceid', 'stl_InvoiceId', 'invoice'),
  lookup('stl_payment', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('stl_xerolink', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('invoice', 'stl_connectionid', 'stl_ConnectionId', 'stl_connection'),
  lookup('invoice', 'stl_brandingthemeid', 'stl_BrandingThemeId', 'stl_brandingtheme'),
  lookup('invoicedetail', 'stl_glcodeid', 'stl_GlCodeId', 'stl_glcode'),
  lookup('invoicedetail', 'stl_taxrateid', 'stl_TaxRateId', 'stl_taxrate'),
  lookup('invoicedetail', 'stl_trackingoption1id', 'stl_TrackingOption1Id', 'stl_trackingoption'),
  lookup('invoicedetail', 'stl_trackingoption2id', 'stl_TrackingOption2Id', 'stl_trackingoption'),
  lookup('product', 'stl_salesglcodeid', 'stl_SalesGlCodeId', 'stl_glcode'),
  lookup('product', 'stl_purchaseglcodeid', 'stl_PurchaseGlCodeId', 'stl_glcode'),
  lookup('product', 'stl_salestaxrateid', 'stl_SalesTaxRateId', 'stl_taxrate'),
  lookup('product', 'stl_purchasetaxrateid', 'stl_PurchaseTaxRateId', 'stl_taxrate'),
] as const satisfies readonly LookupName[];

/** The navigation property to bind a lookup column of a table, e.g. navigationProperty('stl_synchistory', 'stl_invoiceid'). */
export function navigationProperty(table: string, column: string): string {
  const found = LOOKUPS.find((l) => l.table === table && l.column === column);
  if (!found) throw new Error(`No lookup ${table}.${column} in the solution model`);
  return found.navigationProperty;
}

/** Alternate keys on the reference tables: connection plus the Xero code or id. */
export const ALTERNATE_KEYS = [
  { table: 'stl_glcode', name: 'stl_glcode_connection_code', columns: ['stl_connectionid', 'stl_code'] },
  {
    table: 'stl_taxrate',
    name: 'stl_taxrate_connection_taxtype',
    columns: ['stl_connectionid', 'stl_taxtype'],
  },
  {
    table: 'stl_brandingtheme',
    name: 'stl_brandingtheme_connection_xeroid',
    columns: ['stl_connectionid', 'stl_xerobrandingthemeid'],
  },
  {
    table: 'stl_trackingcategory',
    name: 'stl_trackingcategory_connection_xeroid',
    columns: ['stl_connectionid', 'stl_xerotrackingcategoryid'],
  },
  {
    table: 'stl_trackingoption',
    name: 'stl_trackingoption_connection_xeroid',
    columns: ['stl_connectionid', 'stl_xerotrackingoptionid'],
  },
  {
    table: 'stl_payment',
    name: 'stl_payment_connection_xeroid',
    columns: ['stl_connectionid', 'stl_xeropaymentid'],
  },
  {
    table: 'stl_xerolink',
    name: 'stl_xerolink_connection_record',
    columns: ['stl_connectionid', 'stl_entity', 'stl_recordid'],
  },
] as const;

/** Invoice state and status codes the payment write-back sets (Dynamics 365 Sales). */
export const INVOICE_STATE = {
  active: { statecode: 0, statuscode: 1 },
  paidComplete: { statecode: 2, statuscode: 100001 },
  paidPartial: { statecode: 2, statuscode: 100002 },
  canceled: { statecode: 3, statuscode: 100003 },
} as const;

/** Other named components. */
export const COMPONENTS = {
  relayUrlVariable: 'stl_RelayUrl',
  webhookEndpoint: 'stl_StellariseRelayWebhook',
  webhookStep: 'stl_synchistory Create: Stellarise relay',
  appModule: 'stl_StellariseConnector',
  adminRole: 'Stellarise Administrator',
  userRole: 'Stellarise User',
  nonceFieldSecurityProfile: 'stl_ConnectNonceProfile',
  /** PCF controls: `<prefix>_<namespace>.<constructor>`. */
  pcfNamespace: 'Stellarise',
  xeroStatusControl: 'stl_Stellarise.XeroStatus',
  connectionHealthControl: 'stl_Stellarise.ConnectionHealth',
  xeroPanelControl: 'stl_Stellarise.XeroPanel',
  /** Web resources (names as Dataverse stores them). */
  invoiceRibbonScript: 'stl_/scripts/invoiceRibbon.js',
  connectionCommandsScript: 'stl_/scripts/connectionCommands.js',
  xeroIcon: 'stl_/icons/xero.svg',
  docsPage: 'stl_/docs/index.html',
  /** Dashboards (by name; the GUID is derived from it) and the page the app opens on. */
  overviewDashboard: 'Stellarise overview',
  trendsDashboard: 'Stellarise sync trends',
  myInvoicesDashboard: 'My Xero invoices',
  /** The header the webhook sends and the relay checks (its value is set after import). */
  webhookAuthHeader: 'x-stellarise-webhook-secret',
} as const;

/**
 * Standard Dynamics 365 Sales columns the sync reads (not ours, but named once here like ours).
 * Lookups are read in Web API JSON as `_<column>_value`.
 */
export const SYSTEM_COLUMNS = {
  invoice: {
    id: 'invoiceid',
    name: 'name',
    invoiceNumber: 'invoicenumber',
    customerId: 'customerid',
    currencyId: 'transactioncurrencyid',
    dateDelivered: 'datedelivered',
    dueDate: 'duedate',
    description: 'description',
    totalAmount: 'totalamount',
    totalLineItemAmount: 'totallineitemamount',
    totalTax: 'totaltax',
    totalDiscountAmount: 'totaldiscountamount',
    discountAmount: 'discountamount',
    discountPercentage: 'discountpercentage',
    freightAmount: 'freightamount',
    details: 'invoice_details',
    stateCode: 'statecode',
    statusCode: 'statuscode',
  },
  invoiceDetail: {
    id: 'invoicedetailid',
    name: 'invoicedetailname',
    productId: 'productid',
    isProductOverridden: 'isproductoverridden',
    productDescription: 'productdescription',
    productName: 'productname',
    description: 'description',
    quantity: 'quantity',
    pricePerUnit: 'priceperunit',
    manualDiscountAmount: 'manualdiscountamount',
    tax: 'tax',
    baseAmount: 'baseamount',
    extendedAmount: 'extendedamount',
    lineItemNumber: 'lineitemnumber',
    sequenceNumber: 'sequencenumber',
    productTypeCode: 'producttypecode',
    parentBundleIdRef: 'parentbundleidref',
  },
  product: {
    id: 'productid',
    name: 'name',
    productNumber: 'productnumber',
    description: 'description',
    price: 'price',
    productStructure: 'productstructure',
  },
  account: {
    id: 'accountid',
    name: 'name',
    accountNumber: 'accountnumber',
    email: 'emailaddress1',
    telephone: 'telephone1',
  },
  contact: {
    id: 'contactid',
    fullName: 'fullname',
    firstName: 'firstname',
    lastName: 'lastname',
    email: 'emailaddress1',
    telephone: 'telephone1',
    mobilePhone: 'mobilephone',
  },
  /** address1_* on account and contact. */
  address: {
    line1: 'address1_line1',
    line2: 'address1_line2',
    line3: 'address1_line3',
    city: 'address1_city',
    region: 'address1_stateorprovince',
    postalCode: 'address1_postalcode',
    country: 'address1_country',
  },
  transactionCurrency: { isoCode: 'isocurrencycode' },
  /** statecode shared by every table (0 Active, 1 Inactive on custom tables). */
  stateCode: 'statecode',
} as const;

/** Product type codes of an invoice line (invoicedetail.producttypecode). */
export const PRODUCT_TYPE_CODES = {
  product: 1,
  bundle: 2,
  requiredBundleProduct: 3,
  optionalBundleProduct: 4,
  projectService: 5,
} as const;

/** Web API navigation properties of system tables that the relay expands or binds (case-sensitive). */
export const SYSTEM_NAVIGATION = {
  invoice: {
    details: 'invoice_details',
    customerAccount: 'customerid_account',
    customerContact: 'customerid_contact',
    currency: 'transactioncurrencyid',
  },
  contact: { parentAccount: 'parentcustomerid_account' },
} as const;

/** The primary id columns of the custom tables as literal types (TABLES widens them to string). */
export const PRIMARY_IDS = {
  connection: 'stl_connectionid',
  defaults: 'stl_defaultsid',
  glCode: 'stl_glcodeid',
  taxRate: 'stl_taxrateid',
  brandingTheme: 'stl_brandingthemeid',
  trackingCategory: 'stl_trackingcategoryid',
  trackingOption: 'stl_trackingoptionid',
  syncHistory: 'stl_synchistoryid',
  payment: 'stl_paymentid',
  xeroLink: 'stl_xerolinkid',
} as const satisfies { [K in keyof typeof TABLES]: `${(typeof TABLES)[K]['logicalName']}id` };

/** Audit columns every table has. */
export const AUDIT_COLUMNS = {
  createdOn: 'createdon',
  modifiedOn: 'modifiedon',
} as const;

/** Dataverse's environment variable tables, read by the browser scripts to find the relay URL. */
export const ENVIRONMENT_VARIABLE_TABLES = {
  definition: {
    logicalName: 'environmentvariabledefinition',
    entitySet: 'environmentvariabledefinitions',
    schemaName: 'schemaname',
    defaultValue: 'defaultvalue',
    /** The one-to-many navigation property from a definition to its values. */
    values: 'environmentvariabledefinition_environmentvariablevalue',
  },
  value: {
    logicalName: 'environmentvariablevalue',
    entitySet: 'environmentvariablevalues',
    value: 'value',
    primaryId: 'environmentvariablevalueid',
    schemaName: 'schemaname',
    /** The single-valued navigation property from a value to its definition (for `@odata.bind`). */
    definition: 'EnvironmentVariableDefinitionId',
  },
} as const;

/** Customization tables the configure script writes after import (webhook endpoint, SiteMaps). */
export const CUSTOMIZATION_TABLES = {
  serviceEndpoint: {
    logicalName: 'serviceendpoint',
    entitySet: 'serviceendpoints',
    primaryId: 'serviceendpointid',
    primaryName: 'name',
    url: 'url',
    authType: 'authtype',
    /** Write-only: Dataverse never returns it. */
    authValue: 'authvalue',
    description: 'description',
  },
  siteMap: {
    logicalName: 'sitemap',
    entitySet: 'sitemaps',
    primaryId: 'sitemapid',
    primaryName: 'sitemapname',
    uniqueName: 'sitemapnameunique',
    xml: 'sitemapxml',
  },
} as const;

/** serviceendpoint.authtype values the product uses. */
export const SERVICE_ENDPOINT_AUTH_TYPES = { httpHeader: 5 } as const;

/** Dynamics 365 Sales Hub: the SiteMap the Stellarise area is merged into, and the area's id. */
export const SALES_HUB = {
  /** The Sales Hub app module (appmodule.uniquename), the same in every Dynamics 365 Sales org. */
  appModuleUniqueName: 'msdynce_saleshub',
  siteMapUniqueName: 'SalesHub',
  areaId: 'stl_StellariseArea',
  /** The unbound action that publishes customizations (ParameterXml names what to publish). */
  publishAction: 'PublishXml',
} as const;

/** The state and status columns every table has. */
export const STATE_COLUMNS = { stateCode: 'statecode', statusCode: 'statuscode' } as const;

/** statecode/statuscode of a custom table's row: reference rows archived in Xero become Inactive. */
export const CUSTOM_TABLE_STATE = {
  active: { statecode: 0, statuscode: 1 },
  inactive: { statecode: 1, statuscode: 2 },
} as const;
