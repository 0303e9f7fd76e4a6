/**
 * The Dynamics 365 Sales main forms the solution extends, as Microsoft ships them: their ids
 * (the same in every org) and their tabs, sections and fields. Read from Microsoft's Dynamics CRM
 * SDK form script snapshots (files that begin `var EntityLogicalName = "invoice"; var
 * Form_<formid>_Properties`, with each form's Tabs → Sections → Controls), public copies found
 * with the code search; phuocle/Dynamics-Crm-DevKit's generated form typings
 * (test/Xyz.LuckyMokey/…/entities/Invoice.form.js) show the same tabs and sections.
 * docs/solution-package.md cites them. The solution model builds our merged forms from these;
 * the Dataverse emulator installs them as the Sales forms of its org.
 */
export interface SalesFormSection {
  readonly name: string;
  readonly label: string;
  /** Field columns, in the form's order. */
  readonly columns: readonly string[];
  /** The invoice products sub-grid (`invoicedetailsGrid`) of the invoice form. */
  readonly linesGrid?: boolean;
}

export interface SalesFormTab {
  readonly name: string;
  readonly label: string;
  readonly sections: readonly SalesFormSection[];
}

export interface SalesForm {
  readonly table: string;
  readonly formId: string;
  readonly name: string;
  readonly source: string;
  readonly header: readonly string[];
  readonly tabs: readonly SalesFormTab[];
  /** The label each field has on the form (the snapshot's Controls → Label). */
  readonly labels: Readonly<Record<string, string>>;
}

const SNAPSHOT = "Microsoft's Dynamics CRM SDK form script snapshot";

/** The id, relationship and control id of the invoice products sub-grid on the invoice form. */
export const INVOICE_LINES_GRID = {
  id: 'invoicedetailsGrid',
  relationship: 'invoice_details',
  label: 'Products',
} as const;

const section = (name: string, label: string, columns: readonly string[]): SalesFormSection => ({
  name,
  label,
  columns,
});

export const SALES_INVOICE_FORM: SalesForm = {
  table: 'invoice',
  formId: 'c9f7c8e8-324f-4ae4-9927-14efcba20d08',
  name: 'Invoice',
  source: `${SNAPSHOT} Form_c9f7c8e8_324f_4ae4_9927_14efcba20d08 (invoice)`,
  header: ['ownerid', 'statecode', 'statuscode', 'totalamount'],
  labels: {
    invoicenumber: 'Invoice ID',
    name: 'Name',
    transactioncurrencyid: 'Currency',
    pricelevelid: 'Price List',
    ispricelocked: 'Prices Locked',
    datedelivered: 'Date Delivered',
    duedate: 'Due Date',
    shippingmethodcode: 'Shipping Method',
    paymenttermscode: 'Payment Terms',
    billto_composite: 'Bill To Address',
    willcall: 'Ship To',
    shipto_composite: 'Ship To Address',
    totallineitemamount: 'Detail Amount',
    discountpercentage: '(-) Discount (%)',
    discountamount: '(-) Discount',
    totalamountlessfreight: 'Pre-Freight Amount',
    freightamount: '(+) Freight Amount',
    totaltax: '(+) Total Tax',
    totalamount: 'Total Amount',
    opportunityid: 'Opportunity',
    salesorderid: 'Order',
    customerid: 'Customer',
    description: 'Description',
    ownerid: 'Owner',
    statecode: 'Status',
    statuscode: 'Status Reason',
  },
  tabs: [
    {
      name: 'Summary_tab',
      label: 'Summary',
      sections: [
        section('invoice information', 'INVOICE INFORMATION', [
          'invoicenumber',
          'name',
          'transactioncurrencyid',
          'pricelevelid',
          'ispricelocked',
        ]),
        section('dates', 'SHIPPING DATES', ['datedelivered', 'duedate']),
        section('shipping information', 'SHIPPING INFORMATION', ['shippingmethodcode', 'paymenttermscode']),
        section('addresses', 'ADDRESSES', ['billto_composite', 'willcall', 'shipto_composite']),
        { name: 'products', label: 'PRODUCTS', columns: [], linesGrid: true },
        section('totals', 'Product Line Item Totals', [
          'totallineitemamount',
          'discountpercentage',
          'discountamount',
          'totalamountlessfreight',
          'freightamount',
          'totaltax',
          'totalamount',
        ]),
        section('sales_information', 'SALES INFORMATION', ['opportunityid', 'salesorderid', 'customerid']),
        section('description_section', 'DESCRIPTION', ['description']),
      ],
    },
    { name: 'details_tab', label: 'Details', sections: [section('tab_2_section_2', 'Section', [])] },
  ],
};

export const SALES_PRODUCT_FORM: SalesForm = {
  table: 'product',
  formId: 'a640be62-63f6-4027-90d7-48c014a7c6f3',
  name: 'Product',
  source: `${SNAPSHOT} Form_a640be62_63f6_4027_90d7_48c014a7c6f3 (product)`,
  header: ['statecode'],
  labels: {
    name: 'Name',
    productnumber: 'Product ID',
    parentproductid: 'Parent',
    validfromdate: 'Valid From',
    validtodate: 'Valid To',
    description: 'Description',
    defaultuomscheduleid: 'Unit Group',
    defaultuomid: 'Default Unit',
    pricelevelid: 'Default Price List',
    quantitydecimal: 'Decimals Supported',
    subjectid: 'Subject',
    statecode: 'Status',
  },
  tabs: [
    {
      name: 'product_details',
      label: 'SUMMARY',
      sections: [
        section('product information', 'PRODUCT PROPERTIES', [
          'name',
          'productnumber',
          'parentproductid',
          'validfromdate',
          'validtodate',
          'description',
        ]),
        section('costs', '', [
          'defaultuomscheduleid',
          'defaultuomid',
          'pricelevelid',
          'quantitydecimal',
          'subjectid',
        ]),
      ],
    },
  ],
};

export const SALES_INVOICE_DETAIL_FORM: SalesForm = {
  table: 'invoicedetail',
  formId: '684b159c-c312-4248-8b0f-0c164abe7d9e',
  name: 'Information',
  source: `${SNAPSHOT} Form_684b159c_c312_4248_8b0f_0c164abe7d9e (invoicedetail)`,
  header: [],
  labels: {
    isproductoverridden: 'Select Product',
    productdescription: 'Write-In Product',
    productid: 'Existing Product',
    uomid: 'Unit',
    ispriceoverridden: 'Pricing',
    priceperunit: 'Price Per Unit',
    volumediscountamount: 'Volume Discount',
    quantity: 'Quantity',
    baseamount: 'Amount',
    manualdiscountamount: 'Manual Discount',
    tax: 'Tax',
    extendedamount: 'Extended Amount',
    actualdeliveryon: 'Delivered On',
    salesrepid: 'Salesperson',
    quantityshipped: 'Shipped',
    quantitybackordered: 'Back Ordered',
    quantitycancelled: 'Fulfilled',
    willcall: 'Ship To',
    shipto_name: 'Name',
    shipto_postalcode: 'ZIP/Postal Code',
    shipto_line1: 'Street 1',
    shipto_country: 'Country/Region',
    shipto_line2: 'Street 2',
    shipto_telephone: 'Phone',
    shipto_line3: 'Street 3',
    shipto_fax: 'Fax',
    shipto_city: 'City',
    shipto_freighttermscode: 'Freight Terms',
    shipto_stateorprovince: 'State/Province',
  },
  tabs: [
    {
      name: 'general',
      label: 'General',
      sections: [
        section('invoice detail information', 'Invoice Detail Information', [
          'isproductoverridden',
          'productdescription',
          'productid',
          'uomid',
        ]),
        section('pricing', 'Pricing', [
          'ispriceoverridden',
          'priceperunit',
          'volumediscountamount',
          'quantity',
          'baseamount',
          'manualdiscountamount',
          'tax',
          'extendedamount',
        ]),
      ],
    },
    {
      name: 'delivery',
      label: 'Delivery',
      sections: [
        section('delivery information', 'Delivery Information', ['actualdeliveryon', 'salesrepid']),
        section('fulfillment', 'Fulfillment', [
          'quantityshipped',
          'quantitybackordered',
          'quantitycancelled',
        ]),
      ],
    },
    {
      name: 'address',
      label: 'Address',
      sections: [
        section('ship to address', 'Ship To Address', [
          'willcall',
          'shipto_name',
          'shipto_postalcode',
          'shipto_line1',
          'shipto_country',
          'shipto_line2',
          'shipto_telephone',
          'shipto_line3',
          'shipto_fax',
          'shipto_city',
          'shipto_freighttermscode',
          'shipto_stateorprovince',
        ]),
      ],
    },
  ],
};

export const SALES_FORMS: readonly SalesForm[] = [
  SALES_INVOICE_FORM,
  SALES_PRODUCT_FORM,
  SALES_INVOICE_DETAIL_FORM,
];
