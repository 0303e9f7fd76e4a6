/// <reference types="xrm" />
/**
 * A sync request is a Queued stl_synchistory row: the relay picks it up (webhook, nudge or
 * reconciler) and does the work under its own identity. Building the row is pure; queueing it
 * is two Web API calls made as the signed-in user. Shared by the ribbon and the XeroPanel PCF.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES, navigationProperty } from '../../solution/names';
import { readRelayUrl, type RelayUrlWebApi } from './relayUrl';

/** The Web API calls the ribbon needs; Xrm.WebApi provides them, and so does the tests' fake. */
export type RibbonWebApi = Pick<Xrm.WebApi, 'createRecord' | 'updateRecord' | 'retrieveRecord'>;

export type SyncTrigger = (typeof CHOICES.trigger.values)[keyof typeof CHOICES.trigger.values];

export interface InvoiceToSync {
  /** A bare GUID, without braces. */
  readonly id: string;
  readonly name: string;
  readonly connectionId?: string;
}

/** Matches the primary name column's default length in Dataverse. */
export const HISTORY_NAME_MAX_LENGTH = 100;

/** `{ABC-...}` as forms return it, to the bare lower-case GUID the Web API takes. */
export function toBareGuid(id: string | null | undefined): string {
  return (id ?? '').replace(/[{}]/g, '').toLowerCase();
}

/** `{ "<navigation property>@odata.bind": "/<entity set>(<id>)" }` for one lookup column. */
export function bind(table: string, column: string, entitySet: string, id: string): Record<string, string> {
  return { [`${navigationProperty(table, column)}@odata.bind`]: `/${entitySet}(${id})` };
}

export type InvoiceOperation =
  typeof CHOICES.operation.values.pushDocument | typeof CHOICES.operation.values.emailDocument;

const OPERATION_VERBS: Record<InvoiceOperation, string> = {
  [CHOICES.operation.values.pushDocument]: 'Push',
  [CHOICES.operation.values.emailDocument]: 'Email',
};

/** The Queued stl_synchistory row asking the relay to do one operation on one invoice. */
export function invoiceRequestRecord(
  invoice: InvoiceToSync,
  operation: InvoiceOperation,
  trigger: SyncTrigger,
): Record<string, unknown> {
  const history = TABLES.syncHistory.logicalName;
  const columns = COLUMNS.syncHistory;
  return {
    [columns.name]: `${OPERATION_VERBS[operation]} ${invoice.name}`.slice(0, HISTORY_NAME_MAX_LENGTH),
    [columns.status]: CHOICES.syncHistoryStatus.values.queued,
    [columns.operation]: operation,
    [columns.trigger]: trigger,
    ...bind(history, columns.invoiceId, SYSTEM_TABLES.invoice.entitySet, invoice.id),
    ...(invoice.connectionId
      ? bind(history, columns.connectionId, TABLES.connection.entitySet, invoice.connectionId)
      : {}),
  };
}

/** The stl_synchistory row asking the relay to push one invoice to Xero. */
export function pushRequestRecord(invoice: InvoiceToSync, trigger: SyncTrigger): Record<string, unknown> {
  return invoiceRequestRecord(invoice, CHOICES.operation.values.pushDocument, trigger);
}

/** A queued push; `statusWarning` says the request exists but the invoice could not be marked Queued. */
export interface QueuedPush {
  /** The stl_synchistory row's id, so a caller can nudge the relay and follow the row. */
  readonly historyId?: string;
  readonly statusWarning?: string;
}

/**
 * Creates the Queued history row, then marks the invoice Queued so the form shows it at once.
 * In this order, a failure never leaves an invoice marked Queued with no request behind it; once
 * the row exists the relay will do the push, so a failed status update is only a warning.
 */
export async function queueInvoicePush(
  webApi: RibbonWebApi,
  invoice: InvoiceToSync,
  trigger: SyncTrigger,
): Promise<QueuedPush> {
  const created = await webApi.createRecord(
    TABLES.syncHistory.logicalName,
    pushRequestRecord(invoice, trigger),
  );
  const historyId = created?.id ? toBareGuid(created.id) : undefined;
  try {
    await webApi.updateRecord(SYSTEM_TABLES.invoice.logicalName, invoice.id, {
      [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.queued,
    });
    return historyId ? { historyId } : {};
  } catch (error) {
    return { ...(historyId ? { historyId } : {}), statusWarning: dataverseMessage(error) };
  }
}

/** The slice of `fetch` a nudge needs; tests pass a fake. */
export type Fetch = (url: string, init: { method: string }) => Promise<unknown>;

/** The host's fetch, or none where it has none (the nudge is then skipped). */
export function hostFetch(): Fetch | undefined {
  return typeof fetch === 'function' ? (url, init) => fetch(url, init) : undefined;
}

/** The relay's "look at this row now" route (plugins-proxy/src/routes/nudge.ts). */
export function nudgeUrl(relayUrl: string, historyId: string): string {
  return `${relayUrl}/api/sync-requests/${encodeURIComponent(historyId)}/nudge`;
}

/**
 * Tells the relay about a new row at once. Only a shortcut: the webhook and the reconciler pick
 * the row up anyway, so every failure is ignored, and the reply is not awaited, so a slow or
 * unreachable relay never holds up the form.
 */
export async function nudgeRelay(
  webApi: RelayUrlWebApi,
  historyId: string,
  fetchImpl: Fetch | undefined,
): Promise<void> {
  if (!fetchImpl) return;
  try {
    const relay = await readRelayUrl(webApi);
    if (relay.ok) fetchImpl(nudgeUrl(relay.url, historyId), { method: 'POST' }).catch(() => undefined);
  } catch {
    // Best effort by design (see above).
  }
}

export type SyncRequestWebApi = RibbonWebApi & RelayUrlWebApi;

/** What Sync to Xero and the panel's Sync button do: queue the push, then nudge the relay. */
export async function requestInvoicePush(
  webApi: SyncRequestWebApi,
  invoice: InvoiceToSync,
  trigger: SyncTrigger,
  fetchImpl: Fetch | undefined,
): Promise<QueuedPush> {
  const queued = await queueInvoicePush(webApi, invoice, trigger);
  if (queued.historyId) await nudgeRelay(webApi, queued.historyId, fetchImpl);
  return queued;
}

/** Asks the relay to have Xero email the (already synced) invoice to its customer. */
export async function queueInvoiceEmail(webApi: RibbonWebApi, invoice: InvoiceToSync): Promise<void> {
  await webApi.createRecord(
    TABLES.syncHistory.logicalName,
    invoiceRequestRecord(invoice, CHOICES.operation.values.emailDocument, CHOICES.trigger.values.button),
  );
}

/** Reads what a push request needs from a saved invoice (the grid gives only ids). */
export async function readInvoiceToSync(webApi: RibbonWebApi, id: string): Promise<InvoiceToSync> {
  const nameColumn = SYSTEM_TABLES.invoice.primaryName;
  const connectionValue = `_${COLUMNS.invoice.connectionId}_value`;
  const row = await webApi.retrieveRecord(
    SYSTEM_TABLES.invoice.logicalName,
    id,
    `?$select=${nameColumn},${connectionValue}`,
  );
  const connectionId = row[connectionValue];
  return {
    id,
    name: typeof row[nameColumn] === 'string' ? row[nameColumn] : id,
    connectionId: typeof connectionId === 'string' && connectionId ? toBareGuid(connectionId) : undefined,
  };
}

/** Xrm.WebApi rejects with `{ errorCode, message }`; show Dataverse's own message. */
export function dataverseMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' && message.trim()) return message;
  }
  return typeof error === 'string' && error ? error : 'Unknown error';
}
