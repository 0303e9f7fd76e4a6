/// <reference types="xrm" />
/**
 * The invoice ribbon commands, bundled by esbuild into the global `StellariseRibbon`.
 * Form commands receive PrimaryControl (the form context); the grid command receives
 * SelectedControl and SelectedControlSelectedItemIds.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES } from '../../solution/names';
import { dataverseMessage, queueInvoicePush, readInvoiceToSync, toBareGuid } from './syncRequest';
import type { InvoiceToSync } from './syncRequest';

/** One notification slot, so a new result replaces the previous one. */
const NOTIFICATION_ID = 'stl_xerosync';

/** A few requests at a time: fast for a page of invoices, gentle on service protection limits. */
const BULK_CONCURRENCY = 4;

export const MESSAGES = {
  saveFirst: 'Save the invoice before syncing it to Xero.',
  queued: 'Queued for Xero. The Xero tab shows the result when the sync finishes.',
  failed: (detail: string) => `Could not queue the invoice for Xero: ${detail}`,
  confirmTitle: 'Sync to Xero',
  confirmText: (count: number) => `Queue ${plural(count, 'invoice')} for Xero?`,
  nothingSelected: 'Select at least one invoice to sync to Xero.',
} as const;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Ribbon actions pass the form context; form events pass an execution context. Accept both. */
function toFormContext(control: Xrm.FormContext | Xrm.Events.EventContext): Xrm.FormContext {
  return 'getFormContext' in control ? control.getFormContext() : control;
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
export async function syncToXero(primaryControl: Xrm.FormContext | Xrm.Events.EventContext): Promise<void> {
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
    await queueInvoicePush(Xrm.WebApi, invoice, CHOICES.trigger.values.button);
    // Reload the saved values so the Xero status control shows Queued without dirtying the form.
    await formContext.data.refresh(false);
    ui.setFormNotification(MESSAGES.queued, 'INFO', NOTIFICATION_ID);
  } catch (error) {
    ui.setFormNotification(MESSAGES.failed(dataverseMessage(error)), 'ERROR', NOTIFICATION_ID);
  }
}

/** Enable rule for "Sync to Xero": the invoice is saved and has a document type. */
export function enableSyncToXero(primaryControl: Xrm.FormContext | Xrm.Events.EventContext): boolean {
  const formContext = toFormContext(primaryControl);
  const documentType = formContext.getAttribute<Xrm.Attributes.OptionSetAttribute>(
    COLUMNS.invoice.documentType,
  );
  return invoiceOnForm(formContext) !== undefined && documentType?.getValue() != null;
}

interface BulkOutcome {
  readonly queued: number;
  readonly failures: readonly string[];
}

async function queueOne(id: string): Promise<string | undefined> {
  let label = id;
  try {
    const invoice = await readInvoiceToSync(Xrm.WebApi, id);
    label = invoice.name;
    await queueInvoicePush(Xrm.WebApi, invoice, CHOICES.trigger.values.bulk);
    return undefined;
  } catch (error) {
    return `${label}: ${dataverseMessage(error)}`;
  }
}

async function queueAll(ids: readonly string[]): Promise<BulkOutcome> {
  const failures: string[] = [];
  for (let start = 0; start < ids.length; start += BULK_CONCURRENCY) {
    const results = await Promise.all(ids.slice(start, start + BULK_CONCURRENCY).map(queueOne));
    for (const failure of results) if (failure !== undefined) failures.push(failure);
  }
  return { queued: ids.length - failures.length, failures };
}

export function bulkSummary(outcome: BulkOutcome): string {
  const queued = `${plural(outcome.queued, 'invoice')} queued`;
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
