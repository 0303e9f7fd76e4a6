/**
 * Every snapshot the body tests run over: the shipped examples plus fixture variations covering
 * each document type, line amount type, discount, freight, tracking and contact shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { parseSnapshot, type InvoiceSnapshot } from '../../src/domain';
import { lookupKey } from '../../src/domain/snapshot';
import { IDS, INVOICE, line, LINE, snapshot, writeIn } from './fixtures';

export const EXAMPLES_DIR = path.join(__dirname, '../../../docs/examples');

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function examples(): Array<[string, InvoiceSnapshot]> {
  return exampleFiles().map((file) => {
    const parsed = parseSnapshot(JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.failure.message}`);
    return [file, parsed.value];
  });
}

const DT = CHOICES.documentType.values;
const LAT = CHOICES.lineAmountType.values;
const CC = COLUMNS.connection;

export function variations(): Array<[string, InvoiceSnapshot]> {
  const tracked = line({
    [lookupKey(COLUMNS.invoiceDetail.trackingOption1Id)]: IDS.optNorth,
    [lookupKey(COLUMNS.invoiceDetail.trackingOption2Id)]: IDS.optArea,
    [LINE.manualDiscountAmount]: 2,
  });
  const person = {
    logicalname: SYSTEM_TABLES.contact.logicalName,
    [SYSTEM_COLUMNS.contact.id]: IDS.contact,
    [SYSTEM_COLUMNS.contact.fullName]: 'Jo Bloggs',
    [SYSTEM_COLUMNS.contact.firstName]: 'Jo',
    [SYSTEM_COLUMNS.contact.lastName]: 'Bloggs',
    [SYSTEM_COLUMNS.contact.mobilePhone]: '0400 000 000',
    [SYSTEM_COLUMNS.address.line1]: '2 Pitt St',
  };
  const adjustments = { [INVOICE.discountPercentage]: 5, [INVOICE.freightAmount]: 9.95 };
  return [
    ['sales invoice with tracking and a discount', snapshot({ lines: [tracked, writeIn('Fee')] })],
    [
      'tax inclusive with invoice discount and freight',
      snapshot({
        invoice: adjustments,
        connection: { [COLUMNS.connection.lineAmountType]: LAT.taxInclusive },
      }),
    ],
    ['no tax', snapshot({ connection: { [COLUMNS.connection.lineAmountType]: LAT.noTax } })],
    [
      'bill with a folded discount',
      snapshot({ lines: [tracked], invoice: { [COLUMNS.invoice.documentType]: DT.purchaseInvoice } }),
    ],
    [
      'purchase credit note',
      snapshot({ invoice: { [COLUMNS.invoice.documentType]: DT.purchaseCreditNote, ...adjustments } }),
    ],
    ['person customer', snapshot({ customer: person })],
    ['update of a synced invoice', snapshot({ invoice: { [COLUMNS.invoice.xeroId]: IDS.xeroContact } })],
    ['foreign currency', snapshot({ currency: 'NZD', organisation: { multiCurrency: true } })],
    [
      'draft with Xero numbering',
      snapshot({ connection: { [CC.pushStatus]: CHOICES.pushStatus.values.draft } }),
    ],
    [
      'Dynamics numbering on a purchase credit note',
      snapshot({
        invoice: { [COLUMNS.invoice.documentType]: DT.purchaseCreditNote },
        connection: { [CC.numbering]: CHOICES.numbering.values.dynamicsNumber },
      }),
    ],
    ['no items used', snapshot({ connection: { [CC.itemPolicy]: CHOICES.itemPolicy.values.dontUseItems } })],
    [
      'big quantities and 4-dp prices',
      snapshot({
        lines: [
          line({ [LINE.quantity]: 1234.5678, [LINE.pricePerUnit]: 0.1234 }),
          writeIn('Bulk', { [LINE.quantity]: 999, [LINE.pricePerUnit]: 12.3456 }),
        ],
      }),
    ],
  ];
}

export function corpus(): Array<[string, InvoiceSnapshot]> {
  return [...examples(), ...variations()];
}
