/// <reference types="xrm" />
/**
 * The invoice ribbon commands, bundled by esbuild into the global `StellariseRibbon`.
 * Form commands receive PrimaryControl (the form context); the grid command receives
 * SelectedControl and SelectedControlSelectedItemIds.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES } from '../../solution/names';
import { toFormContext, type FormOrEventContext } from './formContext';
import {
  dataverseMessage,
  hostFetch,
  queueInvoiceEmail,
  queueInvoicePush,
  readInvoiceToSync,
  requestInvoicePush,
  toBareGuid,
} from './syncRequest';
import type { InvoiceToSync } from './syncRequest';

/** One notification slot, so a new result replaces the previous one. */
const NOTIFICATION_ID = 'stl_xerosync';

/** A few requests at a time: fast for a page of invoices, gentle on service protection limits. */
const BULK_CONCURRENCY = 4;

export const MESSAGES = {
  saveFirst: 'Save the invoice before syncing it to Xero.',
  queued: 'Queued for Xero. The Xero tab shows the result when the sync finishes.',
  queuedWithWarning: (detail: string) =>
    `Queued for Xero, but the invoice could not be marked Queued (${COLUMNS.invoice.syncStatus}): ${detail}`,
  failed: (detail: string) => `Could not queue the invoice for Xero: ${detail}`,
  noXeroUrl: 'This invoice has no Xero link yet (Xero link is empty). Sync it to Xero first.',
  emailSaveFirst: 'Save and sync the invoice before emailing it from Xero.',
  emailQueued:
    'Xero will email the invoice to the customer in a moment. The sync history shows when it is sent.',
  emailFailed: (detail: string) => `Could not ask Xero to email the invoice: ${detail}`,
  confirmTitle: 'Sync to Xero',
  confirmText: (count: number) => `Queue ${plural(count, 'invoice')} for Xero?`,
  nothingSelected: 'Select at least one invoice to sync to Xero.',
} as const;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function invoiceOnForm(formContext: Xrm.FormContext): InvoiceToSync | undefined {
  const id = toBareGuid(formContext.data.entity.getId());
  if (!id) return undefined;
  const name = formContext.getAttribute<Xrm.Attributes.StringAttribute>(SYSTEM_TABLES.invoice.primaryName);
  const connection = formContext.getAttribute<Xrm.Attributes.LookupAttribute>(COLUMNS.invoice.connectionId);
  const connectionId = toBareGuid(connection?.getValue()?.[0]?.id);
  return { id, name: name?.getValue() ?? id, connectionId: connectionId || undefined };
}

/** "Sync to Xero" on the invoice form. */
export async function syncToXero(primaryControl: FormOrEventContext): Promise<void> {
  const formContext = toFormContext(primaryControl);
  const ui = formContext.ui;
  ui.clearFormNotification(NOTIFICATION_ID);
  if (!invoiceOnForm(formContext)) {
    ui.setFormNotification(MESSAGES.saveFirst, 'WARNING', NOTIFICATION_ID);
    return;
  }
  try {
    // The relay reads the saved invoice, so unsaved edits must reach Dataverse first.
    if (formContext.data.entity.getIsDirty()) await formContext.data.save();
    const invoice = invoiceOnForm(formContext);
    if (!invoice) throw new Error(MESSAGES.saveFirst);
    const queued = await requestInvoicePush(Xrm.WebApi, invoice, CHOICES.trigger.values.button, hostFetch());
    // Reload the saved values so the Xero status control shows Queued without dirtying the form.
    await formContext.data.refresh(false);
    if (queued.statusWarning !== undefined)
      ui.setFormNotification(MESSAGES.queuedWithWarning(queued.statusWarning), 'WARNING', NOTIFICATION_ID);
    else ui.setFormNotification(MESSAGES.queued, 'INFO', NOTIFICATION_ID);
  } catch (error) {
    ui.setFormNotification(MESSAGES.failed(dataverseMessage(error)), 'ERROR', NOTIFICATION_ID);
  }
}

function valueOf<T>(formContext: Xrm.FormContext, column: string): T | null {
  const attribute = formContext.getAttribute(column) as Xrm.Attributes.Attribute | null;
  return (attribute?.getValue() as T | null | undefined) ?? null;
}

function textOf(formContext: Xrm.FormContext, column: string): string {
  const value = valueOf<string>(formContext, column);
  return typeof value === 'string' ? value.trim() : '';
}

/** While a push is Queued, a second request would only race the first. */
function isSyncQueued(formContext: Xrm.FormContext): boolean {
  return valueOf<number>(formContext, COLUMNS.invoice.syncStatus) === CHOICES.syncStatus.values.queued;
}

/** Enable rule for "Sync to Xero": saved, has a document type, and no sync is Queued. */
export function enableSyncToXero(primaryControl: FormOrEventContext): boolean {
  const formContext = toFormContext(primaryControl);
  return (
    invoiceOnForm(formContext) !== undefined &&
    valueOf<number>(formContext, COLUMNS.invoice.documentType) !== null &&
    !isSyncQueued(formContext)
  );
}

/** "Open in Xero": the invoice in Xero, in a new window. */
export async function openInXero(primaryControl: FormOrEventContext): Promise<void> {
  const formContext = toFormContext(primaryControl);
  formContext.ui.clearFormNotification(NOTIFICATION_ID);
  const url = textOf(formContext, COLUMNS.invoice.xeroUrl);
  if (!url) {
    formContext.ui.setFormNotification(MESSAGES.noXeroUrl, 'WARNING', NOTIFICATION_ID);
    return;
  }
  await Xrm.Navigation.openUrl(url);
}

/** Enable rule for "Open in Xero": the invoice has a Xero link. */
export function enableOpenInXero(primaryControl: FormOrEventContext): boolean {
  return textOf(toFormContext(primaryControl), COLUMNS.invoice.xeroUrl) !== '';
}

/** "Email from Xero": a Queued Email document request; Xero sends its own invoice email. */
export async function emailFromXero(primaryControl: FormOrEventContext): Promise<void> {
  const formContext = toFormContext(primaryControl);
  const ui = formContext.ui;
  ui.clearFormNotification(NOTIFICATION_ID);
  const invoice = invoiceOnForm(formContext);
  if (!invoice) {
    ui.setFormNotification(MESSAGES.emailSaveFirst, 'WARNING', NOTIFICATION_ID);
    return;
  }
  try {
    await queueInvoiceEmail(Xrm.WebApi, invoice);
    ui.setFormNotification(MESSAGES.emailQueued, 'INFO', NOTIFICATION_ID);
  } catch (error) {
    ui.setFormNotification(MESSAGES.emailFailed(dataverseMessage(error)), 'ERROR', NOTIFICATION_ID);
  }
}

/** Enable rule for "Email from Xero": a synced sales invoice (Xero emails only those), no sync Queued. */
export function enableEmailFromXero(primaryControl: FormOrEventContext): boolean {
  const formContext = toFormContext(primaryControl);
  return (
    invoiceOnForm(formContext) !== undefined &&
    textOf(formContext, COLUMNS.invoice.xeroId) !== '' &&
    valueOf<number>(formContext, COLUMNS.invoice.documentType) === CHOICES.documentType.values.salesInvoice &&
    !isSyncQueued(formContext)
  );
}

interface BulkOutcome {
  readonly queued: number;
  readonly failures: readonly string[];
  /** Queued, but the invoice could not be marked Queued. */
  readonly warnings?: readonly string[];
}

type OneOutcome = { readonly failure: string } | { readonly warning?: string };

/** No nudge per row (docs/bulk-sync.md): the webhook announces each one; a nudge costs the relay a read. */
async function queueOne(id: string): Promise<OneOutcome> {
  let label = id;
  try {
    const invoice = await readInvoiceToSync(Xrm.WebApi, id);
    label = invoice.name;
    const queued = await queueInvoicePush(Xrm.WebApi, invoice, CHOICES.trigger.values.bulk);
    return queued.statusWarning === undefined ? {} : { warning: `${label}: ${queued.statusWarning}` };
  } catch (error) {
    return { failure: `${label}: ${dataverseMessage(error)}` };
  }
}

async function queueAll(ids: readonly string[]): Promise<BulkOutcome> {
  const failures: string[] = [];
  const warnings: string[] = [];
  for (let start = 0; start < ids.length; start += BULK_CONCURRENCY) {
    const results = await Promise.all(ids.slice(start, start + BULK_CONCURRENCY).map(queueOne));
    for (const result of results) {
      if ('failure' in result) failures.push(result.failure);
      else if (result.warning !== undefined) warnings.push(result.warning);
    }
  }
  return { queued: ids.length - failures.length, failures, warnings };
}

export function bulkSummary(outcome: BulkOutcome): string {
  const warnings = outcome.warnings ?? [];
  const unmarked = warnings.length
    ? ` (${warnings.length} not marked Queued on the invoice, but the sync still runs: ${warnings.join('; ')})`
    : '';
  const queued = `${plural(outcome.queued, 'invoice')} queued${unmarked}`;
  if (outcome.failures.length === 0) return `${queued}.`;
  return `${queued}, ${outcome.failures.length} failed: ${outcome.failures.join('; ')}`;
}

/** "Sync selected" on the invoice grid: one Queued history row per selected invoice. */
export async function syncSelected(
  gridControl: Xrm.Controls.GridControl,
  selectedIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(selectedIds.map(toBareGuid).filter((id) => id !== ''))];
  if (ids.length === 0) {
    await Xrm.Navigation.openAlertDialog({ text: MESSAGES.nothingSelected });
    return;
  }
  const answer = await Xrm.Navigation.openConfirmDialog({
    title: MESSAGES.confirmTitle,
    text: MESSAGES.confirmText(ids.length),
  });
  if (!answer.confirmed) return;
  const outcome = await queueAll(ids);
  gridControl.refresh();
  await Xrm.Navigation.openAlertDialog({ title: MESSAGES.confirmTitle, text: bulkSummary(outcome) });
}
