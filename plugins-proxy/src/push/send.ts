/**
 * Exactly-once sending: updates to the invoice's own Xero id; creates after the idempotency ledger and a
 * look-up, in batches of up to 50 (docs/architecture.md#exactly-once-sending).
 */
import type { Invoice } from 'xero-node';
import type { Store } from '../adapters/store/store';
import { readBatchElements } from '../adapters/xero/batchResults';
import { XeroError } from '../adapters/xero/errors';
import { whereString, type XeroGateway } from '../adapters/xero/gateway';
import {
  failure,
  success,
  withContactId,
  type Result,
  type XeroCreditNoteModel,
  type XeroInvoiceModel,
} from '../domain';
import { batchIdempotencyKey, idempotencyKey } from './keys';
import { findExistingDocuments, type LookupKey } from './lookup';
import type { PreparedPush } from './preparePush';
import { toSentDocument, type SentDocument } from './sentDocument';

export const MAX_DOCUMENTS_PER_CALL = 50;

/** The document as Xero holds it, or Xero's reasons (verbatim, with advice where it helps). */
export type SendResult = Result<SentDocument, string[]>;

export interface SendDeps {
  gateway: XeroGateway;
  store: Store;
  now: () => number;
}

export interface Sendable {
  push: PreparedPush;
  contactId: string;
}

const PAID_ADVICE =
  'Xero no longer allows changes to this document. Raise a credit note in Dynamics 365 for the difference instead.';

/** The document's model, addressed to the contact by ContactID. */
export function documentModel(item: Sendable): XeroInvoiceModel | XeroCreditNoteModel {
  const model = withContactId(item.push.mapping.models.document, item.contactId);
  return 'invoices' in model ? model.invoices[0] : model.creditNotes[0];
}

function lookupKeyOf(push: PreparedPush): LookupKey {
  const model = push.mapping.models.document;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  if ('invoices' in model) {
    const invoice = model.invoices[0];
    return {
      kind: 'invoice',
      type: invoice.type,
      number: text(invoice.invoiceNumber),
      reference: text(invoice.reference),
    };
  }
  const note = model.creditNotes[0];
  return {
    kind: 'creditNote',
    type: note.type,
    number: text(note.creditNoteNumber),
    reference: text(note.reference),
  };
}

export async function updateExisting(deps: SendDeps, item: Sendable): Promise<SendResult> {
  const { push } = item;
  const xeroId = push.existingXeroId!;
  const key = idempotencyKey('document', push.job.id);
  try {
    const model = documentModel(item);
    const result =
      push.mapping.documentKind === 'invoice'
        ? (
            await deps.gateway.updateInvoice(push.connectionId, xeroId, model as XeroInvoiceModel, {
              idempotencyKey: key,
            })
          ).body.invoices
        : (
            await deps.gateway.createCreditNotes(
              push.connectionId,
              [{ ...(model as XeroCreditNoteModel), creditNoteID: xeroId }],
              { idempotencyKey: key },
            )
          ).body.creditNotes;
    const idField = push.mapping.documentKind === 'invoice' ? 'invoiceID' : 'creditNoteID';
    const [element] = readBatchElements(result as unknown[] | undefined, idField);
    if (!element?.ok) return failure(withAdvice(element?.messages ?? []));
    return success(toSentDocument(push.mapping.documentKind, element.element as Invoice));
  } catch (error) {
    if (error instanceof XeroError && !error.retryable && error.kind === 'validation') {
      return failure(withAdvice(error.messages));
    }
    throw error;
  }
}

function withAdvice(messages: string[]): string[] {
  const locked = messages.some((m) =>
    /cannot be edited|not.*editable|payment|credit note allocated/i.test(m),
  );
  return locked ? [...messages, PAID_ADVICE] : messages;
}

async function fromLedger(deps: SendDeps, push: PreparedPush): Promise<SentDocument | undefined> {
  const record = await deps.store.getIdempotency(push.job.id);
  if (!record?.xeroDocumentId) return undefined;
  if (push.mapping.documentKind === 'invoice') {
    const found = await deps.gateway.getInvoices(push.connectionId, { ids: [record.xeroDocumentId] });
    const invoice = found.body.invoices?.[0];
    if (invoice) return toSentDocument('invoice', invoice);
  } else {
    const where = `CreditNoteID==Guid(${whereString(record.xeroDocumentId)})`;
    const found = await deps.gateway.getCreditNotes(push.connectionId, { where });
    const note = found.body.creditNotes?.[0];
    if (note) return toSentDocument('creditNote', note);
  }
  return undefined;
}

async function confirm(deps: SendDeps, push: PreparedPush, key: string, doc: SentDocument): Promise<void> {
  await deps.store.recordIdempotency(
    {
      syncRowId: push.job.id,
      tenantId: push.job.tenantId,
      idempotencyKey: key,
      xeroDocumentId: doc.xeroId,
      xeroNumber: doc.number ?? null,
      phase: 'confirmed',
    },
    deps.now(),
  );
}

/**
 * For a job run again after a crash: the document Xero already holds for each push (from the
 * ledger, else by look-up), same order; undefined where nothing was sent.
 */
export async function findSentDocuments(
  deps: SendDeps,
  pushes: readonly PreparedPush[],
): Promise<(SentDocument | undefined)[]> {
  const results: (SentDocument | undefined)[] = [];
  for (const push of pushes) results.push(await fromLedger(deps, push));
  const unknown = pushes.map((push, index) => ({ push, index })).filter(({ index }) => !results[index]);
  if (!unknown.length) return results;
  const found = await findExistingDocuments(
    deps.gateway,
    unknown[0].push.connectionId,
    unknown.map(({ push }) => lookupKeyOf(push)),
  );
  for (const [i, doc] of found.entries()) {
    if (!doc) continue;
    const { push, index } = unknown[i];
    await confirm(deps, push, idempotencyKey('document', push.job.id), doc);
    results[index] = doc;
  }
  return results;
}

/** Creates (or finds) each document; results in the same order. Throws on a whole-call failure. */
export async function createDocuments(deps: SendDeps, items: readonly Sendable[]): Promise<SendResult[]> {
  const results: (SendResult | undefined)[] = items.map(() => undefined);
  for (const [index, item] of items.entries()) {
    const known = await fromLedger(deps, item.push);
    if (known) results[index] = success(known);
  }
  const unknown = items.map((item, index) => ({ item, index })).filter(({ index }) => !results[index]);
  if (unknown.length && items[0]) {
    const connectionId = items[0].push.connectionId;
    const found = await findExistingDocuments(
      deps.gateway,
      connectionId,
      unknown.map(({ item }) => lookupKeyOf(item.push)),
    );
    for (const [i, doc] of found.entries()) {
      if (!doc) continue;
      const { item, index } = unknown[i];
      await confirm(deps, item.push, idempotencyKey('document', item.push.job.id), doc);
      results[index] = success(doc);
    }
  }
  const toCreate = items.map((item, index) => ({ item, index })).filter(({ index }) => !results[index]);
  for (const kind of ['invoice', 'creditNote'] as const) {
    const ofKind = toCreate.filter(({ item }) => item.push.mapping.documentKind === kind);
    for (let start = 0; start < ofKind.length; start += MAX_DOCUMENTS_PER_CALL) {
      const chunk = ofKind.slice(start, start + MAX_DOCUMENTS_PER_CALL);
      const created = await createChunk(
        deps,
        kind,
        chunk.map(({ item }) => item),
      );
      created.forEach((result, i) => (results[chunk[i].index] = result));
    }
  }
  return results.map((r) => r ?? failure(['The relay lost track of this document']));
}

async function createChunk(
  deps: SendDeps,
  kind: 'invoice' | 'creditNote',
  chunk: readonly Sendable[],
): Promise<SendResult[]> {
  const key =
    chunk.length === 1
      ? idempotencyKey('document', chunk[0].push.job.id)
      : batchIdempotencyKey(
          'document',
          chunk.map((c) => c.push.job.id),
        );
  for (const { push } of chunk) {
    await deps.store.recordIdempotency(
      {
        syncRowId: push.job.id,
        tenantId: push.job.tenantId,
        idempotencyKey: key,
        xeroDocumentId: null,
        xeroNumber: null,
        phase: 'sent',
      },
      deps.now(),
    );
  }
  const connectionId = chunk[0].push.connectionId;
  const models = chunk.map(documentModel);
  const elements =
    kind === 'invoice'
      ? readBatchElements(
          (
            await deps.gateway.createInvoices(connectionId, models as XeroInvoiceModel[], {
              idempotencyKey: key,
            })
          ).body.invoices,
          'invoiceID',
        )
      : readBatchElements(
          (
            await deps.gateway.createCreditNotes(connectionId, models as XeroCreditNoteModel[], {
              idempotencyKey: key,
            })
          ).body.creditNotes,
          'creditNoteID',
        );
  const out: SendResult[] = [];
  for (const [i, item] of chunk.entries()) {
    const element = elements[i];
    if (!element?.ok) {
      out.push(failure(element?.messages ?? ['Xero did not answer for this document']));
      continue;
    }
    const doc = toSentDocument(kind, element.element as Invoice);
    await confirm(deps, item.push, key, doc);
    out.push(success(doc));
  }
  return out;
}
