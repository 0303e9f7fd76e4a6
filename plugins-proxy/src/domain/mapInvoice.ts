/**
 * The main function: an invoice snapshot → the exact Xero request plus the pre-flight findings.
 * Pure and total: no I/O, and any unexpected failure becomes a blocking MAPPING_FAILED finding
 * instead of an exception.
 *
 * Contacts: when the decision is `create`, the document's Contact is `{Name}` until the relay has
 * created the contact; the relay then calls `withContactId(document, contactId)` and sends the
 * result, so the document always refers to the contact by ContactID (never matched by name).
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { resolveAccountCode, resolveTaxType, zeroRateTax } from './codes';
import { decideContact, type ContactCandidate } from './contact';
import { buildContext, DOCUMENT_TYPES, FIELD, type MappingContext } from './context';
import { invoiceAdjustments } from './discounts';
import { finding, hasErrors, type Finding } from './findings';
import { planHeader } from './header';
import { planItems } from './items';
import { dynamicsNet, mapLine, type MappedLine } from './lines';
import { planLines } from './bundles';
import { round2, sumMoney } from './money';
import { planNumbering } from './numbering';
import { lookupKey, type InvoiceSnapshot } from './snapshot';
import { computeLine, difference, sumTotals, type Totals } from './totals';
import { plainWireSerializer } from './wireForm';
import type {
  WireBody,
  WireDocument,
  WireSerializer,
  XeroContactRef,
  XeroCreditNoteModel,
  XeroDocumentModel,
  XeroInvoiceModel,
  XeroLineItem,
} from './xeroModels';

export type ContactDecision =
  | { kind: 'use'; contactId: string }
  | { kind: 'create'; body: WireBody }
  | { kind: 'needsReview'; candidates: ContactCandidate[]; message: string }
  | { kind: 'missing'; message: string };

export interface MappingResult {
  endpoint: { method: 'PUT' | 'POST'; path: string };
  documentKind: 'invoice' | 'creditNote';
  /** The request body in wire form (PascalCase), e.g. `{Invoices:[…]}`. */
  document: WireDocument;
  /** The same document as xero-node models, for the SDK's createInvoices / createCreditNotes. */
  model: XeroDocumentModel;
  contact: ContactDecision;
  /** Item bodies (wire form) to create before the document. */
  items: WireBody[];
  totals: { dynamics: Totals; xero: Totals; difference: number };
  findings: Finding[];
  blocked: boolean;
  /** Whether the relay should email the document from Xero once synced. */
  emailAfterSync: boolean;
}

const TAX_FINDINGS = new Set<string>(['TAX_TYPE_MISSING', 'TAX_TYPE_UNKNOWN', 'TAX_TYPE_NOT_FOR_DOCUMENT']);

const NEGATIVE_ADVICE: Record<string, string> = {
  ACCREC: 'Raise a sales credit note instead of a negative sales invoice.',
  ACCPAY: 'Raise a purchase credit note instead of a negative bill.',
  ACCRECCREDIT: 'Raise a sales invoice instead of a negative credit note.',
  ACCPAYCREDIT: 'Raise a bill instead of a negative credit note.',
};

function adjustmentLines(ctx: MappingContext, mapped: MappedLine[], findings: Finding[]): MappedLine[] {
  const details = ctx.snapshot.invoice[SYSTEM_COLUMNS.invoice.details];
  const lineTotal =
    ctx.snapshot.invoice[SYSTEM_COLUMNS.invoice.totalLineItemAmount] ?? sumMoney(details.map(dynamicsNet));
  const out: MappedLine[] = [];
  for (const adj of invoiceAdjustments(ctx, lineTotal)) {
    const label = `${ctx.invoiceLabel} ${adj.kind} line`;
    const account = resolveAccountCode(ctx, label, undefined, undefined);
    const accountCode = account.value ?? mapped.find((m) => m.resolvedAccountCode)?.resolvedAccountCode;
    if (!accountCode) findings.push(...account.findings);
    let tax = ctx.lineAmountType === 'NoTax' ? undefined : zeroRateTax(ctx);
    if (!tax && ctx.lineAmountType !== 'NoTax') {
      const fallback = resolveTaxType(ctx, label, undefined, undefined);
      findings.push(...fallback.findings);
      tax = fallback.value;
      if (tax)
        findings.push(
          finding('NO_ZERO_TAX_RATE', adj.field, {
            invoice: ctx.invoiceLabel,
            what: adj.kind,
            taxType: tax.taxType,
          }),
        );
    }
    const lineItem: XeroLineItem = {
      description: adj.description,
      quantity: 1,
      unitAmount: adj.amount,
      accountCode,
      taxType: tax?.taxType,
    };
    const computed = computeLine(
      { quantity: 1, unitAmount: adj.amount, taxRate: tax?.rate ?? 0 },
      ctx.lineAmountType,
    );
    out.push({ lineItem, computed, label, resolvedAccountCode: accountCode, resolvedTaxType: tax?.taxType });
  }
  return out;
}

function dynamicsTotals(ctx: MappingContext): Totals {
  const inv = ctx.snapshot.invoice;
  const IC = SYSTEM_COLUMNS.invoice;
  const details = inv[IC.details];
  const totalTax = round2(
    inv[IC.totalTax] ?? sumMoney(details.map((d) => d[SYSTEM_COLUMNS.invoiceDetail.tax] ?? 0)),
  );
  const computed = sumMoney([
    ...details.map(dynamicsNet),
    totalTax,
    -(inv[IC.totalDiscountAmount] ?? 0),
    inv[IC.freightAmount] ?? 0,
  ]);
  const total = round2(inv[IC.totalAmount] ?? computed);
  return { subTotal: difference(total, totalTax), totalTax, total };
}

function contactRef(decision: ContactDecision, name: string): XeroContactRef {
  return decision.kind === 'use' ? { contactID: decision.contactId } : { name: name || 'Unknown customer' };
}

function mapUnsafe(snapshot: InvoiceSnapshot, serializer: WireSerializer): MappingResult {
  const findings: Finding[] = [];
  const typeChoice =
    snapshot.invoice[COLUMNS.invoice.documentType] ?? CHOICES.documentType.values.salesInvoice;
  let doc = DOCUMENT_TYPES[typeChoice];
  if (!doc) {
    doc = DOCUMENT_TYPES[CHOICES.documentType.values.salesInvoice];
    findings.push(
      finding('DOCUMENT_TYPE_UNKNOWN', FIELD.invoice(COLUMNS.invoice.documentType), {
        invoice: `Invoice ${snapshot.invoice[SYSTEM_COLUMNS.invoice.invoiceNumber] ?? ''}`.trim(),
        value: typeChoice,
      }),
    );
  }
  const ctx = buildContext(snapshot, doc);
  const invoiceConnection = snapshot.invoice[lookupKey(COLUMNS.invoice.connectionId)];
  if (invoiceConnection && invoiceConnection.toLowerCase() !== ctx.connectionId.toLowerCase()) {
    findings.push(
      finding('CONNECTION_MISMATCH', FIELD.invoice(COLUMNS.invoice.connectionId), {
        invoice: ctx.invoiceLabel,
        connection: ctx.connectionName,
      }),
    );
  }
  const plan = planLines(ctx);
  findings.push(...plan.findings);
  const mapped: MappedLine[] = [];
  for (const p of plan.lines) {
    const result = mapLine(ctx, p.line, p.position);
    mapped.push(result.line);
    findings.push(...result.findings);
  }
  if (mapped.length === 0)
    findings.push(
      finding('NO_LINES', FIELD.invoice(SYSTEM_COLUMNS.invoice.details), { invoice: ctx.invoiceLabel }),
    );
  const allLines = [...mapped, ...adjustmentLines(ctx, mapped, findings)];

  const header = planHeader(ctx);
  const numbering = planNumbering(ctx);
  const contact = decideContact(ctx);
  const items = planItems(ctx, mapped);
  findings.push(...header.findings, ...numbering.findings, ...contact.findings, ...items.findings);

  const xero = sumTotals(
    allLines.map((l) => l.computed),
    ctx.lineAmountType,
  );
  const dynamics = dynamicsTotals(ctx);
  const diff = difference(xero.total, dynamics.total);
  // With a tax type missing, Xero's tax (and so its total) is unknown: the tax finding says enough.
  const taxUnknown = findings.some((f) => TAX_FINDINGS.has(f.code));
  if (Math.abs(diff) >= 0.01 && !taxUnknown) {
    findings.push(
      finding('TOTAL_DIFFERS', FIELD.invoice(SYSTEM_COLUMNS.invoice.totalAmount), {
        invoice: ctx.invoiceLabel,
        xero: xero.total,
        dynamics: dynamics.total,
        difference: diff,
      }),
    );
  }
  if (dynamics.total < 0 || xero.total < 0) {
    findings.push(
      finding('NEGATIVE_TOTAL', FIELD.invoice(SYSTEM_COLUMNS.invoice.totalAmount), {
        invoice: ctx.invoiceLabel,
        total: Math.min(dynamics.total, xero.total),
        advice: NEGATIVE_ADVICE[doc.xeroType],
      }),
    );
  }

  const decision: ContactDecision =
    contact.decision.kind === 'create'
      ? { kind: 'create', body: serializer.contact(contact.decision.body) }
      : contact.decision;
  const lineItems = allLines.map((l) => l.lineItem);
  const xeroId = snapshot.invoice[COLUMNS.invoice.xeroId]?.trim() || undefined;
  const common = { contact: contactRef(decision, contact.facts.name), lineItems, date: header.date };
  let model: XeroDocumentModel;
  let path: string;
  if (doc.documentKind === 'invoice') {
    const invoice: XeroInvoiceModel = {
      type: doc.xeroType as XeroInvoiceModel['type'],
      ...common,
      dueDate: header.dueDate,
      lineAmountTypes: ctx.lineAmountType,
      invoiceNumber: numbering.number,
      reference: numbering.reference,
      brandingThemeID: header.brandingThemeID,
      currencyCode: header.currencyCode,
      status: ctx.status,
      invoiceID: xeroId,
    };
    model = { invoices: [invoice] };
    path = xeroId ? `/Invoices/${xeroId}` : '/Invoices';
  } else {
    const creditNote: XeroCreditNoteModel = {
      type: doc.xeroType as XeroCreditNoteModel['type'],
      contact: common.contact,
      date: common.date,
      status: ctx.status,
      lineAmountTypes: ctx.lineAmountType,
      lineItems,
      currencyCode: header.currencyCode,
      creditNoteID: xeroId,
      creditNoteNumber: numbering.number,
      reference: numbering.reference,
      brandingThemeID: header.brandingThemeID,
    };
    model = { creditNotes: [creditNote] };
    path = xeroId ? `/CreditNotes/${xeroId}` : '/CreditNotes';
  }
  return {
    endpoint: { method: xeroId ? 'POST' : 'PUT', path },
    documentKind: doc.documentKind,
    document: serializer.document(model),
    model,
    contact: decision,
    items: items.items.map((i) => serializer.item(i)),
    totals: { dynamics, xero, difference: diff },
    findings,
    blocked: hasErrors(findings),
    emailAfterSync: header.emailAfterSync && !hasErrors(findings),
  };
}

function failed(snapshot: InvoiceSnapshot, error: unknown): MappingResult {
  const zero = { subTotal: 0, totalTax: 0, total: 0 };
  const id = (snapshot as { invoice?: Record<string, unknown> })?.invoice?.[SYSTEM_COLUMNS.invoice.id];
  const detail = error instanceof Error ? error.message : String(error);
  return {
    endpoint: { method: 'PUT', path: '/Invoices' },
    documentKind: 'invoice',
    document: { Invoices: [] },
    model: { invoices: [] },
    contact: { kind: 'missing', message: 'The invoice could not be mapped.' },
    items: [],
    totals: { dynamics: zero, xero: zero, difference: 0 },
    findings: [
      finding('MAPPING_FAILED', FIELD.invoice(SYSTEM_COLUMNS.invoice.id), {
        invoice: `Invoice ${String(id ?? '')}`.trim(),
        detail,
      }),
    ],
    blocked: true,
    emailAfterSync: false,
  };
}

/** Map a snapshot to the Xero request and its findings; never throws. */
export function mapInvoice(
  snapshot: InvoiceSnapshot,
  serializer: WireSerializer = plainWireSerializer,
): MappingResult {
  try {
    return mapUnsafe(snapshot, serializer);
  } catch (error) {
    return failed(snapshot, error);
  }
}
