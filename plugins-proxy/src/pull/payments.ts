/**
 * Payments back from Xero, per connection: the scheduled pull since the connection's cursor, and the
 * targeted pull of the documents Xero webhook events name (docs/architecture.md#the-payments-pull).
 */
import type { Logger } from 'pino';
import { CHOICES } from '../../../solution/names';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import type { Store } from '../adapters/store/store';
import type { XeroPaymentLike } from '../domain/payments';
import type { ConnectionHealth } from '../connections/health';
import { classifyFailure } from './failures';
import { historyCreate, HISTORY_STATUS, OPERATION } from './history';
import { documentChange } from './paymentWrites';
import { readPaymentRows, readSyncedInvoices } from './syncedDocuments';
import {
  allocationCounterparts,
  XeroDocuments,
  type XeroDocument,
  type XeroDocumentsGateway,
} from './xeroDocuments';

export const TRIGGERS = CHOICES.trigger.values;
const OVERLAP_MS = 60_000;
const DEFAULT_FIRST_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

export interface PaymentPullDeps {
  readonly dataverse: DataverseClient;
  readonly xero: XeroDocumentsGateway;
  readonly store: Pick<Store, 'getCursor' | 'setCursor'>;
  readonly health: ConnectionHealth;
  readonly logger: Logger;
  readonly dailyCallsLeft: (connectionId: string) => number | undefined;
  readonly onXeroHeaders?: (connectionId: string, headers: Record<string, string>) => void;
  /** How far back the first pull of a connection looks (default 30 days). */
  readonly firstLookbackMs?: number;
  readonly now?: () => number;
}

export interface PullReport {
  readonly changed: number;
  readonly failed: number;
  /** One line per document written or failed. */
  readonly messages: string[];
  /** The failures among them, for the connection's last error. */
  readonly errors: string[];
}

export interface DocumentRequest {
  readonly category: 'INVOICE' | 'CREDITNOTE';
  readonly resourceId: string;
}

export function paymentsCursorName(connectionId: string): string {
  return `payments-pull:${connectionId}`;
}

export function createPaymentPuller(deps: PaymentPullDeps) {
  const now = deps.now ?? Date.now;
  const documents = (connectionId: string) =>
    new XeroDocuments(deps.xero, connectionId, (headers) => deps.onXeroHeaders?.(connectionId, headers));

  /** Fetches what is missing of the synced ids, writes every change; answers the report. */
  async function apply(
    connectionId: string,
    known: XeroDocument[],
    wanted: { invoiceIds: string[]; creditNoteIds: string[] },
    payments: readonly XeroPaymentLike[],
    trigger: number,
    startedOn: Date,
  ): Promise<PullReport> {
    const xero = documents(connectionId);
    const byId = new Map(known.map((d) => [d.id.toLowerCase(), d]));
    for (const doc of known) {
      const other = allocationCounterparts(doc);
      wanted.invoiceIds.push(...other.invoiceIds);
      wanted.creditNoteIds.push(...other.creditNoteIds);
    }
    const allIds = [...byId.keys(), ...wanted.invoiceIds, ...wanted.creditNoteIds];
    const synced = await readSyncedInvoices(deps.dataverse, connectionId, allIds);
    const missing = (ids: string[]) =>
      [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => synced.has(id) && !byId.has(id));
    for (const doc of [
      ...(await xero.invoices(missing(wanted.invoiceIds))),
      ...(await xero.creditNotes(missing(wanted.creditNoteIds))),
    ])
      byId.set(doc.id.toLowerCase(), doc);

    const matched = [...byId.values()].filter((d) => synced.has(d.id.toLowerCase()));
    const existing = await readPaymentRows(
      deps.dataverse,
      connectionId,
      matched.map((d) => synced.get(d.id.toLowerCase())!.id),
    );
    const paymentsById = new Map(
      payments.filter((p) => p.PaymentID).map((p) => [p.PaymentID!.toLowerCase(), p]),
    );
    const timings = { startedOn, completedOn: new Date(now()) };
    const changes = matched.flatMap((doc) => {
      const invoice = synced.get(doc.id.toLowerCase())!;
      const change = documentChange({
        connectionId,
        invoice,
        doc,
        existingPayments: existing.get(invoice.id) ?? [],
        paymentsById,
        trigger,
        timings,
      });
      return change ? [{ invoice, change }] : [];
    });
    const outcomes = await applyChangesets(
      deps.dataverse,
      changes.map((c) => c.change.changeset),
    );
    const messages: string[] = [];
    const errors: string[] = [];
    let failed = 0;
    for (const [index, outcome] of outcomes.entries()) {
      const { invoice, change } = changes[index];
      if (outcome.ok) {
        messages.push(`${invoice.number ?? invoice.xeroId}: ${change.message}`);
        continue;
      }
      failed += 1;
      const message = `The payment update for ${invoice.number ?? invoice.xeroId} could not be written: ${outcome.failure.message}`;
      messages.push(message);
      errors.push(message);
      await recordFailure(connectionId, trigger, message, startedOn, invoice.id);
    }
    return { changed: changes.length - failed, failed, messages, errors };
  }

  async function recordFailure(
    connectionId: string,
    trigger: number,
    message: string,
    startedOn: Date,
    invoiceId?: string,
  ): Promise<void> {
    const request = historyCreate({
      name: 'Payments from Xero: failed',
      connectionId,
      invoiceId,
      operation: OPERATION.pullPayments,
      trigger,
      status: HISTORY_STATUS.failed,
      message,
      timings: { startedOn, completedOn: new Date(now()) },
    });
    await deps.dataverse
      .create(request.url, request.body as Record<string, unknown>)
      .catch((error: unknown) =>
        deps.logger.error({ connectionId, err: error }, 'could not record a failed payments pull'),
      );
  }

  /** Runs one pull, keeps the row's health current, and turns a throw into a recorded failure. */
  // One pull at a time per connection in this process, so a webhook pull and the scheduled one
  // never both write (and record) the same change.
  const lanes = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
    const previous = lanes.get(connectionId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    lanes.set(connectionId, settled);
    void settled.then(() => {
      if (lanes.get(connectionId) === settled) lanes.delete(connectionId);
    });
    return next;
  }

  function guarded(connectionId: string, trigger: number, work: (startedOn: Date) => Promise<PullReport>) {
    return oneAtATime(connectionId, () => runGuarded(connectionId, trigger, work));
  }

  async function runGuarded(
    connectionId: string,
    trigger: number,
    work: (startedOn: Date) => Promise<PullReport>,
  ): Promise<PullReport> {
    const startedOn = new Date(now());
    try {
      const report = await work(startedOn);
      await deps.health.update(connectionId, {
        dailyCallsLeft: deps.dailyCallsLeft(connectionId),
        lastError: report.errors.length === 0 ? null : report.errors.join('\n'),
        ...(report.changed > 0 ? { lastPaymentPullOn: new Date(now()) } : {}),
      });
      if (report.changed > 0)
        deps.logger.info({ connectionId, changed: report.changed }, 'payments from Xero written');
      return report;
    } catch (error) {
      const failure = classifyFailure(connectionId, error);
      deps.logger.warn({ connectionId, err: error }, 'payments pull failed');
      if (failure.kind === 'needsAttention') {
        // One history row when the connection first needs a person; its polls stop until a reconnect.
        if (await deps.health.markNeedsAttention(failure.error))
          await recordFailure(connectionId, trigger, failure.error.message, startedOn);
        return { changed: 0, failed: 1, messages: [failure.error.message], errors: [failure.error.message] };
      }
      await recordFailure(connectionId, trigger, failure.message, startedOn);
      await deps.health.update(connectionId, { lastError: failure.message }).catch(() => false);
      return { changed: 0, failed: 1, messages: [failure.message], errors: [failure.message] };
    }
  }

  return {
    /** The scheduled pull of one connection, from its cursor. */
    scheduled(connectionId: string): Promise<PullReport> {
      return guarded(connectionId, TRIGGERS.schedule, async (startedOn) => {
        const cursor = await deps.store.getCursor(paymentsCursorName(connectionId));
        const since = cursor
          ? new Date(cursor)
          : new Date(startedOn.getTime() - (deps.firstLookbackMs ?? DEFAULT_FIRST_LOOKBACK_MS));
        const changed = await documents(connectionId).changedSince(since);
        const wanted = {
          invoiceIds: [...changed.paidInvoiceIds],
          creditNoteIds: [...changed.paidCreditNoteIds],
        };
        const report = await apply(
          connectionId,
          changed.documents,
          wanted,
          changed.payments,
          TRIGGERS.schedule,
          startedOn,
        );
        if (report.failed === 0) {
          const next = new Date(startedOn.getTime() - OVERLAP_MS).toISOString();
          await deps.store.setCursor(paymentsCursorName(connectionId), next, now());
        }
        return report;
      });
    },

    /** The documents Xero webhooks named, pulled now (with their allocations' other side). */
    targeted(connectionId: string, requests: readonly DocumentRequest[]): Promise<PullReport> {
      const ids = (category: DocumentRequest['category']) =>
        requests.filter((r) => r.category === category).map((r) => r.resourceId);
      return guarded(connectionId, TRIGGERS.xeroWebhook, async (startedOn) => {
        const xero = documents(connectionId);
        const known = [
          ...(await xero.invoices(ids('INVOICE'))),
          ...(await xero.creditNotes(ids('CREDITNOTE'))),
        ];
        return apply(
          connectionId,
          known,
          { invoiceIds: [], creditNoteIds: [] },
          [],
          TRIGGERS.xeroWebhook,
          startedOn,
        );
      });
    },
  };
}

export type PaymentPuller = ReturnType<typeof createPaymentPuller>;
