/**
 * Pure builders for the write-back changeset: invoice columns, new stl_xerolink rows and the history row
 * in one `$batch` changeset, all or nothing; updates use `If-Match: *`, so a deleted row is never re-created.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES } from '../../../../solution/names';
import { BatchChangeset, BatchRequest } from './batch';
import { alternateKeySegment, bind, guid, keySegment, lookupProperty } from './odata';

const IC = COLUMNS.invoice;
const HC = COLUMNS.syncHistory;
const LC = COLUMNS.xeroLink;

/** Column sizes from the solution model (solution/model/tables). */
export const MAX_MESSAGE_LENGTH = 10_000;
export const MAX_DETAILS_LENGTH = 100_000;
const MAX_URL_LENGTH = 500;
const MAX_SUMMARY_LENGTH = 200;

export interface SyncTimings {
  startedOn: Date;
  completedOn: Date;
}

export interface XeroDocumentOutcome {
  xeroId: string;
  xeroNumber?: string;
  xeroStatus?: string;
  xeroUrl?: string;
  onlineUrl?: string;
  amountDue?: number;
  amountPaid?: number;
}

export interface NewXeroLink {
  /** Logical name of the Dynamics table: account, contact or product. */
  entity: string;
  recordId: string;
  xeroId: string;
  xeroCode?: string;
  name: string;
}

export interface SuccessWriteBack {
  invoiceId: string;
  syncHistoryId: string;
  connectionId: string;
  document: XeroDocumentOutcome;
  links: readonly NewXeroLink[];
  timings: SyncTimings;
  attempts?: number;
  /** What the history row says, e.g. "Sent to Xero as INV-0042 (AUTHORISED)". */
  message: string;
}

export interface FailureWriteBack {
  /** Absent when the invoice itself could not be read. */
  invoiceId?: string;
  syncHistoryId: string;
  /** Xero's (or our) messages, verbatim. */
  messages: readonly string[];
  findings?: readonly unknown[];
  details?: Record<string, unknown>;
  timings: SyncTimings;
  attempts?: number;
  /** History status; Failed unless the outcome needs a person (Needs review) or was skipped. */
  outcome?: 'failed' | 'needsReview' | 'skipped';
}

const UPDATE_ONLY = { 'If-Match': '*' };

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The first line of the first message: what the dashboard's "Failures by message" chart groups by. */
function summaryOf(message: string): string {
  return truncate(message.split('\n')[0].trim(), MAX_SUMMARY_LENGTH);
}

function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

function timingColumns(timings: SyncTimings) {
  return {
    [HC.startedOn]: timings.startedOn.toISOString(),
    [HC.completedOn]: timings.completedOn.toISOString(),
    [HC.durationMs]: Math.max(0, timings.completedOn.getTime() - timings.startedOn.getTime()),
  };
}

export function xeroLinkUpsert(connectionId: string, link: NewXeroLink): BatchRequest {
  const key = {
    [lookupProperty(LC.connectionId)]: guid(connectionId),
    [LC.entity]: link.entity,
    [LC.recordId]: link.recordId,
  };
  return {
    method: 'PATCH',
    url: alternateKeySegment(TABLES.xeroLink, key),
    body: withoutUndefined({
      [LC.name]: truncate(link.name, 100),
      [LC.xeroId]: link.xeroId,
      [LC.xeroCode]: link.xeroCode,
      // Key values repeated in the body so a create sets them whatever the server copies from the URL.
      [LC.entity]: link.entity,
      [LC.recordId]: link.recordId,
      ...bind(TABLES.xeroLink, LC.connectionId, connectionId),
    }),
  };
}

export function successChangeset(w: SuccessWriteBack): BatchChangeset {
  const d = w.document;
  const invoice: BatchRequest = {
    method: 'PATCH',
    url: keySegment(SYSTEM_TABLES.invoice, w.invoiceId),
    headers: UPDATE_ONLY,
    body: withoutUndefined({
      [IC.xeroId]: d.xeroId,
      [IC.xeroNumber]: d.xeroNumber,
      [IC.xeroStatus]: d.xeroStatus,
      [IC.xeroUrl]: d.xeroUrl ? truncate(d.xeroUrl, MAX_URL_LENGTH) : undefined,
      [IC.onlineUrl]: d.onlineUrl ? truncate(d.onlineUrl, MAX_URL_LENGTH) : undefined,
      [IC.amountDue]: d.amountDue,
      [IC.amountPaid]: d.amountPaid,
      [IC.lastSyncedOn]: w.timings.completedOn.toISOString(),
      [IC.syncStatus]: CHOICES.syncStatus.values.synced,
      // The connection the push resolved (the invoice's, or the default), so payments match by it.
      ...bind(SYSTEM_TABLES.invoice, IC.connectionId, w.connectionId),
    }),
  };
  const history: BatchRequest = {
    method: 'PATCH',
    url: keySegment(TABLES.syncHistory, w.syncHistoryId),
    headers: UPDATE_ONLY,
    body: withoutUndefined({
      [HC.status]: CHOICES.syncHistoryStatus.values.succeeded,
      ...timingColumns(w.timings),
      [HC.xeroId]: d.xeroId,
      [HC.xeroNumber]: d.xeroNumber,
      [HC.message]: truncate(w.message, MAX_MESSAGE_LENGTH),
      [HC.attempts]: w.attempts,
    }),
  };
  return { changeset: [invoice, ...w.links.map((l) => xeroLinkUpsert(w.connectionId, l)), history] };
}

export function failureChangeset(w: FailureWriteBack): BatchChangeset {
  const status = CHOICES.syncHistoryStatus.values[w.outcome ?? 'failed'];
  const details = JSON.stringify({ messages: w.messages, findings: w.findings ?? [], ...w.details });
  const history: BatchRequest = {
    method: 'PATCH',
    url: keySegment(TABLES.syncHistory, w.syncHistoryId),
    headers: UPDATE_ONLY,
    body: withoutUndefined({
      [HC.status]: status,
      ...timingColumns(w.timings),
      [HC.message]: truncate(w.messages.join('\n'), MAX_MESSAGE_LENGTH),
      [HC.messageSummary]: summaryOf(w.messages[0] ?? ''),
      [HC.details]: truncate(details, MAX_DETAILS_LENGTH),
      [HC.attempts]: w.attempts,
    }),
  };
  return withInvoiceFailed(history, w.invoiceId);
}

/** The history row's change, with the invoice's sync status set to Failed when it names one. */
function withInvoiceFailed(history: BatchRequest, invoiceId: string | undefined): BatchChangeset {
  if (!invoiceId) return { changeset: [history] };
  const invoice: BatchRequest = {
    method: 'PATCH',
    url: keySegment(SYSTEM_TABLES.invoice, invoiceId),
    headers: UPDATE_ONLY,
    body: { [IC.syncStatus]: CHOICES.syncStatus.values.failed },
  };
  return { changeset: [invoice, history] };
}

/** A finished operation other than a push (an email): only the history row changes. */
export function operationSucceededChangeset(w: {
  syncHistoryId: string;
  message: string;
  timings: SyncTimings;
  attempts?: number;
}): BatchChangeset {
  const history: BatchRequest = {
    method: 'PATCH',
    url: keySegment(TABLES.syncHistory, w.syncHistoryId),
    headers: UPDATE_ONLY,
    body: withoutUndefined({
      [HC.status]: CHOICES.syncHistoryStatus.values.succeeded,
      ...timingColumns(w.timings),
      [HC.message]: truncate(w.message, MAX_MESSAGE_LENGTH),
      [HC.attempts]: w.attempts,
    }),
  };
  return { changeset: [history] };
}

/**
 * A job that used its attempts: the history row goes to Failed with what to do and, for a push,
 * the invoice's sync status to Failed.
 */
export function gaveUpChangeset(w: {
  syncHistoryId: string;
  /** Set for a push: the invoice shows Failed too. */
  invoiceId?: string;
  message: string;
  completedOn: Date;
  attempts: number;
}): BatchChangeset {
  const history: BatchRequest = {
    method: 'PATCH',
    url: keySegment(TABLES.syncHistory, w.syncHistoryId),
    headers: UPDATE_ONLY,
    body: {
      [HC.status]: CHOICES.syncHistoryStatus.values.failed,
      [HC.completedOn]: w.completedOn.toISOString(),
      [HC.message]: truncate(w.message, MAX_MESSAGE_LENGTH),
      [HC.messageSummary]: summaryOf(w.message),
      [HC.attempts]: w.attempts,
    },
  };
  return withInvoiceFailed(history, w.invoiceId);
}

/** The history row moving to In progress when a worker claims it. */
export function inProgressUpdate(syncHistoryId: string, startedOn: Date, attempts: number): BatchRequest {
  return {
    method: 'PATCH',
    url: keySegment(TABLES.syncHistory, syncHistoryId),
    headers: UPDATE_ONLY,
    body: {
      [HC.status]: CHOICES.syncHistoryStatus.values.inProgress,
      [HC.startedOn]: startedOn.toISOString(),
      [HC.attempts]: attempts,
    },
  };
}

const DEEP_LINK_PATHS: Record<number, string> = {
  [CHOICES.documentType.values.salesInvoice]: '/AccountsReceivable/View.aspx?InvoiceID=',
  [CHOICES.documentType.values.purchaseInvoice]: '/AccountsPayable/View.aspx?InvoiceID=',
  [CHOICES.documentType.values.salesCreditNote]: '/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=',
  [CHOICES.documentType.values.purchaseCreditNote]: '/AccountsPayable/ViewCreditNote.aspx?creditNoteID=',
};

/** A link that opens the document in Xero; with the organisation short code it lands in the right org. */
export function xeroDeepLink(documentType: number, xeroId: string, shortCode?: string): string {
  const target = `${DEEP_LINK_PATHS[documentType] ?? DEEP_LINK_PATHS[CHOICES.documentType.values.salesInvoice]}${encodeURIComponent(xeroId)}`;
  if (!shortCode) return `https://go.xero.com${target}`;
  return `https://go.xero.com/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${encodeURIComponent(target)}`;
}
