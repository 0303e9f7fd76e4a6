/**
 * Sending the documents still to create: chunks within Xero's count and size limits, each recorded
 * in the ledger before the call, one deterministic Idempotency-Key per chunk, a 413 split in two.
 */
import type { Invoice } from 'xero-node';
import { readBatchElements } from '../adapters/xero/batchResults';
import { XeroError } from '../adapters/xero/errors';
import { failure, success, withContactId, type XeroCreditNoteModel, type XeroInvoiceModel } from '../domain';
import { chunkBySize, serialisedBytes } from './chunks';
import { batchIdempotencyKey, idempotencyKey } from './keys';
import type { PreparedPush } from './preparePush';
import type { SendDeps, SendResult } from './send';
import { recordAnswer, recordConfirmed, recordSending } from './sendLedger';
import { toSentDocument } from './sentDocument';

export interface Sendable {
  push: PreparedPush;
  contactId: string;
}

export interface ToCreate {
  item: Sendable;
  send: { generation: number; sentAt: number };
}

/** The document's model, addressed to the contact by ContactID, with our Url on a new invoice. */
export function documentModel(item: Sendable, url?: string): XeroInvoiceModel | XeroCreditNoteModel {
  const model = withContactId(item.push.mapping.models.document, item.contactId);
  if (!('invoices' in model)) return model.creditNotes[0];
  return url ? { ...model.invoices[0], url } : model.invoices[0];
}

function modelFor(deps: SendDeps, entry: ToCreate): XeroInvoiceModel | XeroCreditNoteModel {
  return documentModel(entry.item, deps.recordUrl?.(entry.item.push));
}

function tooLarge(bytes: number): string[] {
  const mb = (bytes / 1_000_000).toFixed(1);
  return [
    `This document is ${mb} MB as a Xero request, and Xero accepts at most 3.5 MB in one request. Split it into smaller documents in Dynamics 365.`,
  ];
}

const isTooLarge = (error: unknown) => error instanceof XeroError && error.status === 413;

async function sendChunk(
  deps: SendDeps,
  kind: 'invoice' | 'creditNote',
  chunk: ToCreate[],
): Promise<SendResult[]> {
  const ids = chunk.map((c) => c.item.push.job.id);
  const generations = chunk.map((c) => c.send.generation);
  const key =
    chunk.length === 1
      ? idempotencyKey('document', ids[0], generations[0])
      : batchIdempotencyKey('document', ids, generations);
  for (const entry of chunk)
    await recordSending(deps.store, entry.item.push, { key, ...entry.send }, deps.now());
  const connectionId = chunk[0].item.push.connectionId;
  const models = chunk.map((entry) => modelFor(deps, entry));
  let elements;
  try {
    elements =
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
  } catch (error) {
    await recordAnswer(
      deps.store,
      chunk.map((c) => c.item.push),
      error,
      deps.now(),
    );
    if (!isTooLarge(error)) throw error;
    // Xero measures the request, not our estimate: halve the chunk until each part passes.
    if (chunk.length === 1) return [failure(tooLarge(serialisedBytes(models[0])))];
    const half = Math.ceil(chunk.length / 2);
    return [
      ...(await sendChunk(deps, kind, chunk.slice(0, half))),
      ...(await sendChunk(deps, kind, chunk.slice(half))),
    ];
  }
  const out: SendResult[] = [];
  for (const [i, entry] of chunk.entries()) {
    const element = elements[i];
    if (!element?.ok) {
      out.push(failure(element?.messages ?? ['Xero did not answer for this document']));
      continue;
    }
    const doc = toSentDocument(kind, element.element as Invoice);
    await recordConfirmed(deps.store, entry.item.push, key, doc, deps.now());
    out.push(success(doc));
  }
  return out;
}

/** Creates each entry's document; results in the same order. Throws on a whole-call failure. */
export async function createChunks(deps: SendDeps, entries: readonly ToCreate[]): Promise<SendResult[]> {
  const results = new Map<ToCreate, SendResult>();
  for (const kind of ['invoice', 'creditNote'] as const) {
    const ofKind = entries.filter((e) => e.item.push.mapping.documentKind === kind);
    const size = (entry: ToCreate) => serialisedBytes(modelFor(deps, entry));
    const { chunks, oversized } = chunkBySize(ofKind, size);
    for (const entry of oversized) results.set(entry, failure(tooLarge(size(entry))));
    for (const chunk of chunks) {
      const sent = await sendChunk(deps, kind, chunk);
      chunk.forEach((entry, i) => results.set(entry, sent[i]));
    }
  }
  return entries.map((e) => results.get(e) ?? failure(['The relay lost track of this document']));
}
