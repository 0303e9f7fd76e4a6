/**
 * The main function: an invoice snapshot → the exact Xero request plus the pre-flight findings. Pure and
 * total: an unexpected failure is a blocking MAPPING_FAILED finding, not an exception (docs/domain-rules.md).
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { adjustmentLines } from './adjustments';
import { decideContact, type ContactCandidate } from './contact';
import { buildContext, DOCUMENT_TYPES, FIELD } from './context';
import { compareTotals, dynamicsTotals } from './dynamicsTotals';
import { buildDocumentModel } from './documentModel';
import { finding, hasErrors, type Finding } from './findings';
import { planHeader } from './header';
import { planItems } from './items';
import { mapLine, type MappedLine } from './lines';
import { planLines } from './bundles';
import { planNumbering } from './numbering';
import { lookupKey } from './lookupKey';
import { type InvoiceSnapshot } from './snapshot';
import { difference, sumTotals, type Totals } from './totals';
import { plainWireSerializer } from './wireForm';
import type {
  WireBody,
  WireDocument,
  WireSerializer,
  XeroContactModel,
  XeroContactRef,
  XeroDocumentModel,
  XeroItemModel,
} from './xeroModels';

export type ContactDecision =
  | { kind: 'use'; contactId: string }
  | { kind: 'create'; body: WireBody }
  | { kind: 'needsReview'; candidates: ContactCandidate[]; message: string }
  | { kind: 'missing'; message: string };

export interface MappingResult {
  endpoint: { method: 'PUT' | 'POST'; path: string };
  documentKind: 'invoice' | 'creditNote';
  /** The request body in wire form (PascalCase), e.g. `{Invoices:[…]}`, for the preview and the PCF. */
  document: WireDocument;
  contact: ContactDecision;
  /** Item bodies (wire form) to create before the document, for the preview and the PCF. */
  items: WireBody[];
  /** The same requests as models, what the relay hands the Xero adapter. */
  models: {
    document: XeroDocumentModel;
    /** Set when the contact is to be created. */
    contact?: XeroContactModel;
    items: XeroItemModel[];
  };
  totals: { dynamics: Totals; xero: Totals; difference: number };
  findings: Finding[];
  blocked: boolean;
  /** Whether the relay should email the document from Xero once synced. */
  emailAfterSync: boolean;
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
  findings.push(...compareTotals(ctx, xero, dynamics, findings));

  const decision: ContactDecision =
    contact.decision.kind === 'create'
      ? { kind: 'create', body: serializer.contact(contact.decision.body) }
      : contact.decision;
  const lineItems = allLines.map((l) => l.lineItem);
  const xeroId = snapshot.invoice[COLUMNS.invoice.xeroId]?.trim() || undefined;
  const { model, path } = buildDocumentModel(ctx, {
    contact: contactRef(decision, contact.facts.name),
    lineItems,
    header,
    numbering,
    xeroId,
  });
  return {
    endpoint: { method: xeroId ? 'POST' : 'PUT', path },
    documentKind: doc.documentKind,
    document: serializer.document(model),
    contact: decision,
    items: items.items.map((i) => serializer.item(i)),
    models: {
      document: model,
      contact: contact.decision.kind === 'create' ? contact.decision.body : undefined,
      items: items.items,
    },
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
    contact: { kind: 'missing', message: 'The invoice could not be mapped.' },
    items: [],
    models: { document: { invoices: [] }, items: [] },
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
