import { randomInt } from 'node:crypto';
import { SYSTEM_TABLES } from '../../solution/names';
import type { EmulatorContext } from './context';
import { CODES, DataverseError, errors } from './errors';
import { isLookupRef, type StoredRecord, type TableDef } from './model/types';

/**
 * What Dynamics 365 Sales does on its own when invoices and their lines change
 * (reference/dataverse-solution.md §4): line amounts and invoice totals recomputed on every line
 * change, invoicenumber auto-numbered, bundle lines checked, state transitions enforced.
 */
const INVOICE = SYSTEM_TABLES.invoice.logicalName;
const LINE = SYSTEM_TABLES.invoiceDetail.logicalName;
const PRODUCT = SYSTEM_TABLES.product.logicalName;
const CONTACT = SYSTEM_TABLES.contact.logicalName;

const PRODUCT_TYPE = { product: 1, bundle: 2, requiredBundleItem: 3, optionalBundleItem: 4 } as const;
const INVOICE_ACTIVE = 0;
/** Allowed invoice statecode moves: Active ↔ Paid, Active → Canceled; Canceled is final. */
const INVOICE_TRANSITIONS: Record<number, number[]> = { 0: [0, 1, 2, 3], 1: [1, 0], 2: [2, 0], 3: [3] };

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const round2 = (v: number) => Math.round(v * 100) / 100;
const idOf = (v: unknown) => (isLookupRef(v) ? v.id : undefined);

export function beforeSave(
  ctx: EmulatorContext,
  table: TableDef,
  record: StoredRecord,
  existing?: StoredRecord,
): void {
  if (table.logicalName === INVOICE) beforeSaveInvoice(ctx, record, existing);
  if (table.logicalName === LINE) beforeSaveLine(ctx, record, existing);
  if (table.logicalName === CONTACT) {
    record.fullname =
      [record.firstname, record.lastname].filter((p) => typeof p === 'string' && p).join(' ') || null;
  }
}

export function afterSave(
  ctx: EmulatorContext,
  table: TableDef,
  record: StoredRecord,
  existing?: StoredRecord,
): void {
  if (table.logicalName !== LINE) return;
  const invoiceId = idOf(record.invoiceid);
  if (invoiceId) recomputeInvoiceTotals(ctx, invoiceId);
  const previous = idOf(existing?.invoiceid);
  if (previous && previous !== invoiceId) recomputeInvoiceTotals(ctx, previous);
}

export function beforeDelete(
  ctx: EmulatorContext,
  table: TableDef,
  record: StoredRecord,
  _options: unknown,
): void {
  if (table.logicalName === INVOICE) {
    for (const line of linesOf(ctx, String(record.invoiceid))) ctx.store.delete(LINE, line.id);
  }
  if (table.logicalName === LINE) {
    const invoice = ctx.store.get(INVOICE, idOf(record.invoiceid) ?? '');
    if (invoice) assertInvoiceEditable(invoice.record);
    for (const child of ctx.store.referencing(LINE, 'parentbundleidref', String(record.invoicedetailid))) {
      ctx.store.delete(LINE, child.id);
    }
  }
}

export function afterDelete(ctx: EmulatorContext, table: TableDef, record: StoredRecord): void {
  if (table.logicalName !== LINE) return;
  const invoiceId = idOf(record.invoiceid);
  if (invoiceId && ctx.store.get(INVOICE, invoiceId)) recomputeInvoiceTotals(ctx, invoiceId);
}

function beforeSaveInvoice(ctx: EmulatorContext, record: StoredRecord, existing?: StoredRecord): void {
  if (!existing) {
    if (!record.invoicenumber) record.invoicenumber = nextInvoiceNumber(ctx);
    if (!record.pricelevelid)
      record.pricelevelid = { id: ctx.seeds.defaultPriceLevelId, entity: 'pricelevel' };
  } else {
    const from = num(existing.statecode);
    const to = num(record.statecode);
    if (!INVOICE_TRANSITIONS[from]?.includes(to)) {
      throw new DataverseError(
        400,
        CODES.invalidStateTransition,
        `The invoice ${String(existing.invoicenumber)} cannot be moved from statecode ${from} to statecode ${to}.`,
      );
    }
  }
  applyInvoiceTotals(record, existing ? linesOf(ctx, String(record.invoiceid)).map((l) => l.record) : []);
}

function nextInvoiceNumber(ctx: EmulatorContext): string {
  const counter = ctx.store.nextCounter('invoicenumber', 1000);
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  const suffix = Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `INV-${String(counter).padStart(5, '0')}-${suffix}`;
}

function assertInvoiceEditable(invoice: StoredRecord): void {
  if (num(invoice.statecode) !== INVOICE_ACTIVE) {
    throw errors.validation(
      `The invoice ${String(invoice.invoicenumber)} is not active (statecode ${num(invoice.statecode)}); its invoicedetail lines cannot be changed.`,
    );
  }
}

function beforeSaveLine(ctx: EmulatorContext, line: StoredRecord, existing?: StoredRecord): void {
  const invoiceId = idOf(line.invoiceid);
  if (!invoiceId) throw errors.validation(`The 'invoiceid' attribute of the '${LINE}' entity is required.`);
  const invoice = ctx.store.get(INVOICE, invoiceId);
  if (!invoice) throw errors.notFound(INVOICE, invoiceId);
  assertInvoiceEditable(invoice.record);
  if (existing === undefined) {
    line.producttypecode ??= PRODUCT_TYPE.product;
    line.isproductoverridden ??= false;
    line.ispriceoverridden ??= false;
    const siblings = linesOf(ctx, invoiceId);
    line.lineitemnumber ??= siblings.length + 1;
    line.sequencenumber ??= siblings.length + 1;
  }
  if (line.isproductoverridden) {
    if (!line.productdescription) {
      throw errors.validation(
        `The 'productdescription' attribute of the '${LINE}' entity is required for a write-in product.`,
      );
    }
    line.productname = line.productdescription;
  } else {
    const product = ctx.store.get(PRODUCT, idOf(line.productid) ?? '');
    if (!product)
      throw errors.validation(
        `The 'productid' attribute of the '${LINE}' entity is required unless isproductoverridden is true.`,
      );
    line.productname = product.record.name ?? null;
    if (!line.ispriceoverridden && typeof product.record.price === 'number')
      line.priceperunit = product.record.price;
    if (!line.uomid && isLookupRef(product.record.defaultuomid)) line.uomid = product.record.defaultuomid;
  }
  if (typeof line.quantity !== 'number')
    throw errors.validation(`The 'quantity' attribute of the '${LINE}' entity is required.`);
  checkBundle(ctx, line, invoiceId);
  line.volumediscountamount = 0;
  line.baseamount = round2(num(line.priceperunit) * line.quantity);
  line.extendedamount = round2(line.baseamount - num(line.manualdiscountamount) + num(line.tax));
}

/** A bundle item line points at a bundle line of the same invoice; other lines point nowhere. */
function checkBundle(ctx: EmulatorContext, line: StoredRecord, invoiceId: string): void {
  const type = num(line.producttypecode);
  const parentId = idOf(line.parentbundleidref);
  const isItem = type === PRODUCT_TYPE.requiredBundleItem || type === PRODUCT_TYPE.optionalBundleItem;
  if (!isItem) {
    if (parentId)
      throw errors.validation(
        `The 'parentbundleidref' attribute is only valid on bundle item lines (producttypecode 3 or 4).`,
      );
    return;
  }
  const parent = parentId ? ctx.store.get(LINE, parentId) : undefined;
  if (
    !parent ||
    idOf(parent.record.invoiceid) !== invoiceId ||
    parent.record.producttypecode !== PRODUCT_TYPE.bundle
  ) {
    throw errors.validation(
      `The 'parentbundleidref' attribute of the '${LINE}' entity must name a bundle line (producttypecode 2) of the same invoice.`,
    );
  }
  line.parentbundleid = parentId ?? null;
}

function linesOf(ctx: EmulatorContext, invoiceId: string) {
  return ctx.store.referencing(LINE, 'invoiceid', invoiceId);
}

/**
 * Totals the way the Sales pricing engine does: bundle items are priced inside their bundle and
 * left out; the detail amount is after line discounts and before tax.
 */
export function applyInvoiceTotals(invoice: StoredRecord, lines: StoredRecord[]): void {
  const priced = lines.filter(
    (l) =>
      l.producttypecode !== PRODUCT_TYPE.requiredBundleItem &&
      l.producttypecode !== PRODUCT_TYPE.optionalBundleItem,
  );
  const detail = round2(priced.reduce((sum, l) => sum + num(l.baseamount) - num(l.manualdiscountamount), 0));
  const lineDiscounts = round2(priced.reduce((sum, l) => sum + num(l.manualdiscountamount), 0));
  const tax = round2(priced.reduce((sum, l) => sum + num(l.tax), 0));
  const discount = round2(num(invoice.discountamount) + (detail * num(invoice.discountpercentage)) / 100);
  invoice.totallineitemamount = detail;
  invoice.totallineitemdiscountamount = lineDiscounts;
  invoice.totaltax = tax;
  invoice.totaldiscountamount = discount;
  invoice.totalamountlessfreight = round2(detail - discount);
  invoice.totalamount = round2(detail - discount + num(invoice.freightamount) + tax);
}

function recomputeInvoiceTotals(ctx: EmulatorContext, invoiceId: string): void {
  const invoice = ctx.store.get(INVOICE, invoiceId);
  if (!invoice) return;
  applyInvoiceTotals(
    invoice.record,
    linesOf(ctx, invoiceId).map((l) => l.record),
  );
  ctx.store.put(INVOICE, invoiceId, invoice.record);
}
