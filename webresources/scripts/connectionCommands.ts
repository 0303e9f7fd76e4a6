/// <reference types="xrm" />
/**
 * The connection form's ribbon commands, bundled by esbuild into the global `StellariseConnection`.
 * Each receives PrimaryControl; the work itself is in connectionActions.ts, shared with the
 * ConnectionHealth control. Unified Interface hides a command whose enable rule is false, so the
 * Connect and Reconnect buttons take turns by status.
 */
import { COLUMNS, TABLES } from '../../solution/names';
import { connect, disconnect, isLinkedToXero, refreshReferenceData } from './connectionActions';
import type { ActionOutcome, ConnectionPorts, ConnectionRef } from './connectionActions';
import { toFormContext, type FormOrEventContext } from './formContext';
import { toBareGuid } from './syncRequest';

/** One notification slot, so a new result replaces the previous one. */
const NOTIFICATION_ID = 'stl_xeroconnection';

/** Wide enough for Xero's consent page. */
const CONSENT_WINDOW = { width: 800, height: 720 };

export const MESSAGES = {
  saveFirst: 'Save the connection before connecting it to Xero.',
} as const;

function browserPorts(): ConnectionPorts {
  return {
    webApi: Xrm.WebApi,
    openUrl: (url) => Xrm.Navigation.openUrl(url, CONSENT_WINDOW),
    confirm: async (strings) => (await Xrm.Navigation.openConfirmDialog(strings)).confirmed,
    fetch: (url, init) => fetch(url, init),
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
    now: () => new Date(),
  };
}

function connectionOnForm(formContext: Xrm.FormContext): ConnectionRef | undefined {
  const id = toBareGuid(formContext.data.entity.getId());
  if (!id) return undefined;
  const name = formContext.getAttribute<Xrm.Attributes.StringAttribute>(TABLES.connection.primaryName);
  return { id, name: name?.getValue() ?? id };
}

function statusOnForm(formContext: Xrm.FormContext): number | null {
  const attribute = formContext.getAttribute<Xrm.Attributes.OptionSetAttribute>(COLUMNS.connection.status);
  return attribute?.getValue() ?? null;
}

function show(formContext: Xrm.FormContext, outcome: ActionOutcome): void {
  if (outcome.kind === 'cancelled') return;
  const level = outcome.kind === 'done' ? 'INFO' : 'ERROR';
  formContext.ui.setFormNotification(outcome.message, level, NOTIFICATION_ID);
}

/** Runs one command on a saved connection, showing its outcome as the form notification. */
async function run(
  primaryControl: FormOrEventContext,
  action: (ports: ConnectionPorts, connection: ConnectionRef) => Promise<ActionOutcome>,
  refreshAfter: boolean,
): Promise<void> {
  const formContext = toFormContext(primaryControl);
  formContext.ui.clearFormNotification(NOTIFICATION_ID);
  const connection = connectionOnForm(formContext);
  if (!connection) {
    formContext.ui.setFormNotification(MESSAGES.saveFirst, 'WARNING', NOTIFICATION_ID);
    return;
  }
  const outcome = await action(browserPorts(), connection);
  // Reload the saved row so the status and health fields show what the relay wrote.
  if (refreshAfter && outcome.kind === 'done') await formContext.data.refresh(false);
  show(formContext, outcome);
}

/** "Connect to Xero" and "Reconnect". */
export function connectToXero(primaryControl: FormOrEventContext): Promise<void> {
  return run(primaryControl, connect, false);
}

/** "Disconnect": confirm, then the relay revokes the Xero connection and clears the tokens. */
export function disconnectFromXero(primaryControl: FormOrEventContext): Promise<void> {
  return run(primaryControl, disconnect, true);
}

/** "Refresh reference data": a Queued history row the relay picks up. */
export function refreshReferenceDataNow(primaryControl: FormOrEventContext): Promise<void> {
  return run(primaryControl, refreshReferenceData, false);
}

function isSaved(formContext: Xrm.FormContext): boolean {
  return connectionOnForm(formContext) !== undefined;
}

/** Enable rule for "Connect to Xero": saved and not linked to Xero. */
export function enableConnect(primaryControl: FormOrEventContext): boolean {
  const formContext = toFormContext(primaryControl);
  return isSaved(formContext) && !isLinkedToXero(statusOnForm(formContext));
}

/** Enable rule for "Reconnect", "Disconnect" and "Refresh reference data": saved and linked to Xero (even if it needs attention). */
export function enableReconnect(primaryControl: FormOrEventContext): boolean {
  const formContext = toFormContext(primaryControl);
  return isSaved(formContext) && isLinkedToXero(statusOnForm(formContext));
}
