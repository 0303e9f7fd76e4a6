/**
 * The first half of a push, per sync row: read what Dynamics knows, check it alone (a block stops
 * before any Xero call), add Xero's side (organisation, contact candidates, items) and map it.
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import type { DataverseClient } from '../adapters/dataverse/client';
import { keySegment } from '../adapters/dataverse/odata';
import { SnapshotReader } from '../adapters/dataverse/snapshotReader';
import { inProgressUpdate } from '../adapters/dataverse/writeBack';
import type { Job } from '../adapters/store/store';
import {
  failure,
  mapInvoice,
  parseSnapshot,
  success,
  type Result,
  XERO_SIDE_FINDINGS,
  type Finding,
  type InvoiceSnapshot,
  type MappingResult,
} from '../domain';
import type { XeroSideLoader } from './xeroSideLoader';

export interface PreparedPush {
  job: Job;
  startedOn: Date;
  invoiceId: string;
  connectionId: string;
  snapshot: InvoiceSnapshot;
  mapping: MappingResult;
  documentType: number;
  /** logicalname and id of the customer, for the contact link. */
  customer: { table: string; id: string; name: string };
  /** The Xero id the invoice already carries: the sync updates that document. */
  existingXeroId?: string;
}

export interface PrepareFailure {
  job: Job;
  startedOn: Date;
  invoiceId?: string;
  /** The connection the push resolved, once known. */
  connectionId?: string;
  messages: string[];
  findings?: Finding[];
  outcome?: 'failed' | 'needsReview';
}

export type PrepareResult = Result<PreparedPush, PrepareFailure>;

export interface PrepareDeps {
  dataverse: DataverseClient;
  /** The loader for the job's connection (shared by a batch). */
  loader: (connectionId: string) => XeroSideLoader;
  timeZone?: string;
  now: () => Date;
}

const SC = SYSTEM_COLUMNS;

export async function markInProgress(dataverse: DataverseClient, job: Job, startedOn: Date): Promise<void> {
  const request = inProgressUpdate(job.id, startedOn, job.attempts);
  await dataverse.update(request.url, request.body as Record<string, unknown>);
}

/**
 * A job run again after a lease takeover may find its row already final: the previous owner wrote
 * it back and died before completing the job. Read only on such re-runs (one small GET).
 */
export async function rowAlreadySucceeded(dataverse: DataverseClient, job: Job): Promise<boolean> {
  const status = COLUMNS.syncHistory.status;
  const row = await dataverse.get<Record<string, unknown>>(keySegment(TABLES.syncHistory, job.id), {
    select: [status],
  });
  return row?.[status] === CHOICES.syncHistoryStatus.values.succeeded;
}

function customerOf(snapshot: InvoiceSnapshot) {
  const c = snapshot.customer;
  if (c.logicalname === SYSTEM_TABLES.account.logicalName)
    return { table: c.logicalname, id: c[SC.account.id], name: c[SC.account.name] ?? '' };
  return { table: c.logicalname, id: c[SC.contact.id], name: c[SC.contact.fullName] ?? '' };
}

function readableBlock(mapping: MappingResult, include: (f: Finding) => boolean = () => true): string[] {
  const errors = mapping.findings.filter((f) => f.severity === 'error' && include(f));
  return [`Not sent to Xero: ${errors.length} problem(s) to fix first.`, ...errors.map((f) => f.message)];
}

export async function preparePush(deps: PrepareDeps, job: Job, startedOn: Date): Promise<PrepareResult> {
  const fail = (f: Omit<PrepareFailure, 'job' | 'startedOn'>): PrepareResult =>
    failure({ job, startedOn, ...f });
  if (!job.invoiceId) return fail({ messages: [`Sync request ${job.id} names no invoice.`] });
  const reader = new SnapshotReader({ client: deps.dataverse, timeZone: deps.timeZone, now: deps.now });
  const read = await reader.read({ invoiceId: job.invoiceId, connectionId: job.connectionId });
  if (!read.ok) {
    return fail({
      invoiceId: read.failure.reason === 'invoiceNotFound' ? undefined : job.invoiceId,
      messages: [read.failure.message],
    });
  }
  const { xeroSide } = read.value;
  const connectionId = xeroSide.connectionId;
  const parsed = parseSnapshot(read.value.snapshot);
  if (!parsed.ok) {
    return fail({
      invoiceId: job.invoiceId,
      connectionId,
      messages: [`The invoice could not be read for Xero: ${parsed.failure.message}`],
    });
  }
  // Dynamics' own data first: a block found here costs no Xero call.
  const offline = mapInvoice(parsed.value);
  if (offline.findings.some((f) => f.severity === 'error' && !XERO_SIDE_FINDINGS.includes(f.code))) {
    return fail({
      invoiceId: job.invoiceId,
      connectionId,
      messages: readableBlock(offline, (f) => !XERO_SIDE_FINDINGS.includes(f.code)),
      findings: offline.findings.filter((f) => !XERO_SIDE_FINDINGS.includes(f.code)),
    });
  }
  const fromXero = await deps.loader(connectionId).load(xeroSide);
  const snapshot: InvoiceSnapshot = { ...parsed.value, xero: fromXero };
  const mapping = mapInvoice(snapshot);
  if (mapping.blocked) {
    const onlyReview =
      mapping.contact.kind === 'needsReview' &&
      mapping.findings.filter((f) => f.severity === 'error').every((f) => f.code === 'CONTACT_NEEDS_REVIEW');
    return fail({
      invoiceId: job.invoiceId,
      connectionId,
      messages: readableBlock(mapping),
      findings: mapping.findings,
      outcome: onlyReview ? 'needsReview' : 'failed',
    });
  }
  return success({
    job,
    startedOn,
    invoiceId: job.invoiceId,
    connectionId,
    snapshot,
    mapping,
    documentType: snapshot.invoice[COLUMNS.invoice.documentType] ?? CHOICES.documentType.values.salesInvoice,
    customer: customerOf(snapshot),
    existingXeroId: snapshot.invoice[COLUMNS.invoice.xeroId]?.trim() || undefined,
  });
}
