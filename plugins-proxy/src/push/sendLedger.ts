/**
 * What the ledger knows of a row's sends to Xero, read through one function (`sendHistory`), and
 * the records written around each send (docs/xero-behaviour.md#exactly-once).
 */
import type { SendAnswer, Store } from '../adapters/store/store';
import { XeroError } from '../adapters/xero/errors';
import type { PreparedPush } from './preparePush';
import type { SentDocument } from './sentDocument';

/**
 * Xero keeps an Idempotency-Key 6 minutes from its first call; a key older than this is not
 * trusted to replay (a minute's margin for clocks and the call itself).
 */
export const KEY_TRUSTED_MS = 5 * 60_000;

export interface SendHistory {
  /** A send may have reached Xero: look the document up before creating it again. */
  readonly mayHaveBeenSent: boolean;
  /** The document this row created, once Xero's answer said so. */
  readonly xeroDocumentId?: string;
  /** The row's current key generation (1 before any send). */
  readonly generation: number;
  /** When the current key was first sent. */
  readonly sentAt?: number;
  readonly lastAnswer?: SendAnswer | null;
}

/**
 * The one place a push asks what was sent for it. Today it reads the sync row's idempotency
 * record; a per-record ledger (which Xero document a Dynamics record created) belongs here too.
 */
export async function sendHistory(store: Store, push: PreparedPush): Promise<SendHistory> {
  const record = await store.getIdempotency(push.job.id);
  if (!record) return { mayHaveBeenSent: false, generation: 1 };
  return {
    mayHaveBeenSent: record.phase === 'sent' || record.xeroDocumentId !== null,
    xeroDocumentId: record.xeroDocumentId ?? undefined,
    generation: record.generation ?? 1,
    sentAt: record.sentAt ?? undefined,
    lastAnswer: record.lastAnswer,
  };
}

/**
 * The key generation for a send after a look-up found nothing: the same key while Xero surely
 * still holds it (so an answer that is still on its way is replayed, not repeated), a new one once
 * it may have expired or when Xero keeps an error under it (it would replay the error).
 */
export function nextSend(history: SendHistory, now: number): { generation: number; sentAt: number } {
  if (!history.mayHaveBeenSent || history.sentAt === undefined)
    return { generation: history.generation, sentAt: now };
  const trusted = now - history.sentAt < KEY_TRUSTED_MS && history.lastAnswer !== 'error';
  return trusted
    ? { generation: history.generation, sentAt: history.sentAt }
    : { generation: history.generation + 1, sentAt: now };
}

/** Written before the call: from here on the document may exist in Xero. */
export async function recordSending(
  store: Store,
  push: PreparedPush,
  send: { key: string; generation: number; sentAt: number },
  now: number,
): Promise<void> {
  await store.recordIdempotency(
    {
      syncRowId: push.job.id,
      tenantId: push.job.tenantId,
      idempotencyKey: send.key,
      xeroDocumentId: null,
      xeroNumber: null,
      phase: 'sent',
      sentAt: send.sentAt,
      generation: send.generation,
    },
    now,
  );
}

export async function recordConfirmed(
  store: Store,
  push: PreparedPush,
  key: string,
  doc: SentDocument,
  now: number,
): Promise<void> {
  await store.recordIdempotency(
    {
      syncRowId: push.job.id,
      tenantId: push.job.tenantId,
      idempotencyKey: key,
      xeroDocumentId: doc.xeroId,
      xeroNumber: doc.number ?? null,
      phase: 'confirmed',
    },
    now,
  );
}

/**
 * What a failed call tells the ledger: 4xx and 503 were not processed; a 502 or 504 came from in
 * front of Xero while the work may have gone on; another 5xx is an internal error that Xero keeps
 * under the key and replays (reference §3.3).
 */
export function answerOf(error: unknown): SendAnswer {
  if (!(error instanceof XeroError) || error.status === 0) return 'none';
  if (error.status < 500 || error.status === 503) return 'refused';
  return error.status === 502 || error.status === 504 ? 'none' : 'error';
}

export async function recordAnswer(
  store: Store,
  pushes: readonly PreparedPush[],
  error: unknown,
  now: number,
): Promise<void> {
  const answer = answerOf(error);
  for (const push of pushes) await store.recordSendAnswer(push.job.id, answer, now);
}
