/**
 * The demo invoices, after the cases in docs/examples: what each one shows is in its name. Lines
 * name products by product number and codes by Xero code; tax is 10 % GST (OUTPUT on sales, INPUT
 * on bills) unless a line says otherwise, and the Web API recomputes the totals.
 */
import { CHOICES } from '../../solution/names';
import type { DemoConnectionKey } from './connection';

export interface DemoLine {
  /** A product number from the catalogue; omitted for a write-in. */
  readonly product?: string;
  /** The write-in's description. */
  readonly writeIn?: string;
  readonly quantity: number;
  /** Overrides the product's price (always given for write-ins). */
  readonly price?: number;
  readonly discount?: number;
  readonly taxType?: string;
  readonly glCode?: string;
  /** A bundle header, or a component of the bundle line before it. */
  readonly bundle?: 'header' | 'component' | 'optional';
  /** Points the line at the GL code Xero no longer has. */
  readonly retiredGlCode?: boolean;
}

export interface DemoInvoice {
  /** Unique among the demo invoices: the seed finds an invoice by it. */
  readonly name: string;
  readonly account: string;
  readonly documentType: number;
  readonly lines: readonly DemoLine[];
  readonly freight?: number;
  readonly discountAmount?: number;
  readonly discountPercentage?: number;
  readonly manualNumber?: string;
  readonly reference?: string;
  /** The demo connection it syncs through (default the main one). */
  readonly connection?: DemoConnectionKey;
}

const DOC = CHOICES.documentType.values;

export const DEMO_INVOICES: readonly DemoInvoice[] = [
  {
    name: 'Demo: plain sales invoice',
    account: 'ACME-001',
    documentType: DOC.salesInvoice,
    lines: [
      { product: 'WIDGET', quantity: 1 },
      { product: 'GADGET', quantity: 3 },
    ],
  },
  {
    name: 'Demo: write-ins and products',
    account: 'ACME-001',
    documentType: DOC.salesInvoice,
    freight: 15,
    lines: [
      { product: 'WIDGET', quantity: 2, price: 120 },
      { writeIn: 'On-site installation (4 hours)', quantity: 4, price: 95, glCode: '200', taxType: 'OUTPUT' },
      { product: 'GADGET', quantity: 3, discount: 1.5 },
      { writeIn: 'Travel', quantity: 1, price: 60, glCode: '200', taxType: 'EXEMPTOUTPUT' },
    ],
  },
  {
    name: 'Demo: line and invoice discounts',
    account: 'DEMO-C-2',
    documentType: DOC.salesInvoice,
    discountAmount: 10,
    discountPercentage: 5,
    lines: [
      { product: 'WIDGET', quantity: 5, discount: 5 },
      { product: 'INSTALL', quantity: 2, discount: 19 },
    ],
  },
  {
    name: 'Demo: bundle, header and components',
    account: 'DEMO-C-2',
    documentType: DOC.salesInvoice,
    lines: [
      { product: 'KIT', quantity: 1, bundle: 'header' },
      { product: 'WIDGET', quantity: 1, bundle: 'component' },
      { product: 'GADGET', quantity: 2, bundle: 'component' },
    ],
  },
  {
    name: 'Demo: bundle, header only',
    account: 'DEMO-C-2',
    documentType: DOC.salesInvoice,
    connection: 'headerOnly',
    lines: [
      { product: 'KIT', quantity: 2, bundle: 'header' },
      { product: 'WIDGET', quantity: 1, bundle: 'component' },
      { product: 'GADGET', quantity: 1, bundle: 'optional' },
      { product: 'INSTALL', quantity: 1 },
    ],
  },
  {
    name: 'Demo: bundle, components only',
    account: 'ACME-001',
    documentType: DOC.salesInvoice,
    connection: 'componentsOnly',
    lines: [
      { product: 'KIT', quantity: 1, bundle: 'header' },
      { product: 'WIDGET', quantity: 1, bundle: 'component' },
      { product: 'GADGET', quantity: 2, bundle: 'component' },
    ],
  },
  {
    name: 'Demo: supplier bill',
    account: 'SUP-001',
    documentType: DOC.purchaseInvoice,
    lines: [
      { product: 'WIDGET', quantity: 3, discount: 1 },
      { product: 'GADGET', quantity: 10, price: 2.25 },
    ],
  },
  {
    name: 'Demo: sales credit note',
    account: 'ACME-001',
    documentType: DOC.salesCreditNote,
    reference: 'Return of one widget',
    lines: [{ product: 'WIDGET', quantity: 1 }],
  },
  {
    name: 'Demo: manual number',
    account: 'ACME-001',
    documentType: DOC.salesInvoice,
    connection: 'manualNumbers',
    manualNumber: 'ACME-2026-0042',
    lines: [
      { product: 'WIDGET', quantity: 1 },
      { product: 'GADGET', quantity: 3 },
    ],
  },
  // Two customers' orders that carry the same purchase-order number (and the Demo Company already
  // holds a staff-entered invoice with it): each must become its own Xero invoice.
  {
    name: 'Demo: PO reference, Acme',
    account: 'ACME-001',
    documentType: DOC.salesInvoice,
    reference: 'PO-7730',
    lines: [{ product: 'WIDGET', quantity: 2 }],
  },
  {
    name: 'Demo: PO reference, Ridgeway',
    account: 'DEMO-C-2',
    documentType: DOC.salesInvoice,
    reference: 'PO-7730',
    lines: [{ product: 'GADGET', quantity: 4 }],
  },
  {
    name: 'Demo: missing code',
    account: 'ACME-001',
    documentType: DOC.salesInvoice,
    lines: [
      { writeIn: 'Consulting', quantity: 1, price: 10, retiredGlCode: true },
      { product: 'WIDGET', quantity: 1 },
    ],
  },
];
