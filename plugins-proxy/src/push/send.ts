/**
 * Exactly-once sending: updates POST to the document's own Xero id; creates look the document up
 * first only when the ledger says a send may have reached Xero, and go in batches within Xero's
 * count and size limits (docs/architecture.md#exactly-once-sending, docs/xero-behaviour.md).
 */
import type { CreditNote, Invoice } from 'xero-node';
import { SYSTEM_TABLES } from '../../../solution/names';
import type { Store } from '../adapters/store/store';
import { readBatchElements } from '../adapters/xero/batchResults';
import { XeroError } from '../adapters/xero/errors';
import { whereString, type XeroGateway } from '../adapters/xero/gateway';
import { failure, success, type Result, type XeroCreditNoteModel, type XeroInvoiceModel } from '../domain';
import { createChunks, documentModel, type Sendable } from './createChunks';
import { idempotencyKey } from './keys';
import { findOwnDocuments, type LookupResult, type LookupTarget } from './lookup';
import type { PreparedPush } from './preparePush';
import { nextSend, recordConfirmed, sendHistory, type SendHistory } from './sendLedger';
import { toSentDocument, type SentDocument } from './sentDocument';

export type { Sendable } from './createChunks';

/** The document as Xero holds it, or Xero's reasons (verbatim, with advice where it helps). */
export type SendResult = Result<SentDocument, string[]>;

export interface SendDeps {
  gateway: XeroGateway;
  store: Store;
  now: () => number;
  /** The Dynamics record's URL, put in a new invoice's Url: Xero's "Go to" link, and our marker. */
  recordUrl?: (push: PreparedPush) => string | undefined;
}

/** The invoice's own page in Dynamics 365 (the model-driven app's record URL). */
export function dynamicsRecordUrl(environmentUrl: string, invoiceId: string): string {
  const origin = new URL(environmentUrl).origin;
  return `${origin}/main.aspx?pagetype=entityrecord&etn=${SYSTEM_TABLES.invoice.logicalName}&id=${invoiceId.toLowerCase()}`;
}

const PAID_ADVICE =
  'Xero no longer allows changes to this document. Raise a credit note in Dynamics 365 for the difference instead.';

function withAdvice(messages: string[]): string[] {
  const locked = messages.some((m) =>
    /cannot be edited|not.*editable|payment|credit note allocated/i.test(m),
  );
  return locked ? [...messages, PAID_ADVICE] : messages;
}

/** POST to the document's own id, invoices and credit notes alike (Xero's PUT only creates, §3.7). */
export async function updateExisting(deps: SendDeps, item: Sendable): Promise<SendResult> {
  const { push } = item;
  const xeroId = push.existingXeroId!;
  // A new key per attempt: Xero would replay an error it kept under the last one (§3.3).
  const key = idempotencyKey('document', push.job.id, Math.max(1, push.job.attempts));
  const invoice = push.mapping.documentKind === 'invoice';
  try {
    const model = documentModel(item);
    const answered = invoice
      ? (
          await deps.gateway.updateInvoice(push.connectionId, xeroId, model as XeroInvoiceModel, {
            idempotencyKey: key,
          })
        ).body.invoices
      : (
          await deps.gateway.updateCreditNote(push.connectionId, xeroId, model as XeroCreditNoteModel, {
            idempotencyKey: key,
          })
        ).body.creditNotes;
    const [element] = readBatchElements(
      answered as unknown[] | undefined,
      invoice ? 'invoiceID' : 'creditNoteID',
    );
    if (!element?.ok) return failure(withAdvice(element?.messages ?? []));
    return success(toSentDocument(push.mapping.documentKind, element.element as Invoice));
  } catch (error) {
    if (error instanceof XeroError && !error.retryable && error.kind === 'validation') {
      return failure(withAdvice(error.messages));
    }
    throw error;
  }
}

async function byId(deps: SendDeps, push: PreparedPush, xeroId: string): Promise<SentDocument | undefined> {
  if (push.mapping.documentKind === 'invoice') {
    const found = await deps.gateway.getInvoices(push.connectionId, { ids: [xeroId] });
    const invoice = found.body.invoices?.[0];
    return invoice ? toSentDocument('invoice', invoice) : undefined;
  }
  const found = await deps.gateway.getCreditNotes(push.connectionId, {
    where: `CreditNoteID==Guid(${whereString(xeroId)})`,
  });
  const note: CreditNote | undefined = found.body.creditNotes?.[0];
  return note ? toSentDocument('creditNote', note) : undefined;
}

function targetOf(
  deps: SendDeps,
  push: PreparedPush,
  history: SendHistory,
  contactId?: string,
): LookupTarget {
  const model = push.mapping.models.document;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const doc = 'invoices' in model ? model.invoices[0] : model.creditNotes[0];
  const number =
    'invoices' in model ? model.invoices[0].invoiceNumber : model.creditNotes[0].creditNoteNumber;
  return {
    kind: push.mapping.documentKind,
    type: doc.type,
    number: text(number),
    reference: text(doc.reference),
    url: 'invoices' in model ? deps.recordUrl?.(push) : undefined,
    contactId,
    date: text(doc.date),
    total: push.mapping.totals.xero.total,
    sentAt: history.sentAt,
  };
}

function ambiguity(result: LookupResult): string[] {
  const numbers = result.kind === 'ambiguous' ? result.numbers.filter(Boolean).join(', ') : '';
  return [
    `Xero already holds more than one document that could be this one (${numbers}), and an earlier attempt may have created one of them.`,
    'Check them in Xero; syncing again afterwards creates a new document.',
  ];
}

interface Known {
  /** What is already in Xero for each push (undefined: nothing known to be there). */
  results: (SendResult | undefined)[];
  histories: SendHistory[];
}

/**
 * What Xero already holds for each push: the confirmed document by id, or, for a row whose send
 * may have reached Xero, the document a look-up finds as its own (rows in `lookedUp` are skipped).
 */
async function alreadyInXero(
  deps: SendDeps,
  items: readonly { push: PreparedPush; contactId?: string }[],
  lookedUp: ReadonlySet<string> = new Set(),
): Promise<Known> {
  const histories = await Promise.all(items.map(({ push }) => sendHistory(deps.store, push)));
  const results: (SendResult | undefined)[] = items.map(() => undefined);
  for (const [i, { push }] of items.entries()) {
    const id = histories[i].xeroDocumentId;
    const doc = id ? await byId(deps, push, id) : undefined;
    if (doc) results[i] = success(doc);
  }
  const ask = items
    .map((item, index) => ({ item, index }))
    .filter(
      ({ item, index }) =>
        !results[index] && histories[index].mayHaveBeenSent && !lookedUp.has(item.push.job.id),
    );
  if (!ask.length) return { results, histories };
  const found = await findOwnDocuments(
    deps.gateway,
    ask[0].item.push.connectionId,
    ask.map(({ item, index }) => targetOf(deps, item.push, histories[index], item.contactId)),
  );
  for (const [i, result] of found.entries()) {
    const { item, index } = ask[i];
    if (result.kind === 'ambiguous') results[index] = failure(ambiguity(result));
    if (result.kind !== 'found') continue;
    const key = idempotencyKey('document', item.push.job.id, histories[index].generation);
    await recordConfirmed(deps.store, item.push, key, result.document, deps.now());
    results[index] = success(result.document);
  }
  return { results, histories };
}

/**
 * For a job run again after a crash, per push (same order): the document Xero already holds, or
 * `nothing` when Xero surely holds none of its own (a look-up found none), or undefined when unsure.
 */
export async function findSentDocuments(
  deps: SendDeps,
  pushes: readonly PreparedPush[],
): Promise<(SentDocument | 'nothing' | undefined)[]> {
  const items = pushes.map((push) => ({
    push,
    contactId: push.mapping.contact.kind === 'use' ? push.mapping.contact.contactId : undefined,
  }));
  const { results } = await alreadyInXero(deps, items);
  return results.map((r) => (r === undefined ? 'nothing' : r.ok ? r.value : undefined));
}

/**
 * Creates (or finds) each document; results in the same order. `lookedUp` names rows whose look-up
 * already found nothing in this run. Throws on a whole-call failure.
 */
export async function createDocuments(
  deps: SendDeps,
  items: readonly Sendable[],
  lookedUp?: ReadonlySet<string>,
): Promise<SendResult[]> {
  const { results, histories } = await alreadyInXero(deps, items, lookedUp);
  const now = deps.now();
  const toCreate = items
    .map((item, index) => ({ item, index, send: nextSend(histories[index], now) }))
    .filter(({ index }) => !results[index]);
  const created = await createChunks(deps, toCreate);
  for (const [i, result] of created.entries()) results[toCreate[i].index] = result;
  return results.map((r) => r ?? failure(['The relay lost track of this document']));
}
