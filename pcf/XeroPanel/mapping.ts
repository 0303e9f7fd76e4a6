/**
 * Pure: the panel's state (rows read through the Web API, the sync in flight) → the props the
 * component renders, already localised and formatted. The pre-flight check is the relay's own
 * mapInvoice, run on a snapshot built from the same rows the relay reads.
 */
import { CHOICES, COLUMNS, COMPONENTS } from '../../solution/names';
import { mapInvoice, type MappingResult } from '../../plugins-proxy/src/domain/mapInvoice';
import {
  MESSAGES,
  XERO_SIDE_FINDINGS,
  type Finding,
  type FindingCode,
} from '../../plugins-proxy/src/domain/findings';
import type { StringKey } from './ManifestConstants';
import { snapshotFromRows, type PanelRows, type Row } from './snapshotFromRows';

/** The syncing page of the embedded documentation (a sibling of the docs index web resource). */
export const HELP_URL = `/WebResources/${COMPONENTS.docsPage.replace(/[^/]+$/, 'syncing.html')}`;

export type Tone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

export interface FindingView {
  readonly severity: Finding['severity'];
  readonly code: FindingCode;
  readonly problem: string;
  readonly fix?: string;
}

export interface HistoryView {
  readonly id: string;
  readonly status: string;
  readonly tone: Tone;
  readonly time: string;
  readonly message?: string;
}

export interface PreflightView {
  readonly findings: readonly FindingView[];
  readonly blocked: boolean;
  readonly contactNote: string;
  readonly dynamicsTotal: string;
  readonly xeroTotal: string;
  readonly difference: string;
  readonly differs: boolean;
}

export interface Notice {
  readonly kind: 'error' | 'warning' | 'info';
  readonly text: string;
}

/** Everything the panel shows; callbacks are plain functions, so the component never sees context. */
export interface XeroPanelProps {
  readonly loading: boolean;
  readonly statusLabel: string;
  readonly statusTone: Tone;
  readonly details: readonly { readonly caption: string; readonly value: string }[];
  readonly xeroUrl?: string;
  readonly onlineUrl?: string;
  readonly notices: readonly Notice[];
  readonly preflight?: PreflightView;
  readonly history: readonly HistoryView[];
  readonly sync: { readonly label: string; readonly disabled: boolean; readonly running: boolean };
  /** The resx strings the component shows as they are. */
  readonly text: (key: StringKey) => string;
  readonly onSync: () => void;
  readonly onOpenUrl: (url: string) => void;
  readonly onOpenHelp: () => void;
}

/** What the controller knows at a moment: rows once loaded, the bound status, a sync request's progress. */
export interface PanelState {
  readonly loading: boolean;
  readonly invoiceId?: string;
  readonly syncStatus: number | null;
  readonly invoice?: Row;
  /** Absent when the snapshot cannot be built (no customer, no connection): `preflightMessage` says why. */
  readonly rows?: PanelRows;
  readonly preflightMessage?: string;
  /** Newest first. */
  readonly history: readonly Row[];
  readonly sending: boolean;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** The user's date as YYYY-MM-DD and their IANA zone: the mapper's "today". */
  readonly today: string;
  readonly timeZone: string;
}

export interface Formatters {
  readonly text: (key: StringKey) => string;
  readonly money: (value: number) => string;
  readonly dateTime: (value: Date) => string;
}

export type PanelActions = Pick<XeroPanelProps, 'onSync' | 'onOpenUrl' | 'onOpenHelp'>;

const SV = CHOICES.syncStatus.values;
const HV = CHOICES.syncHistoryStatus.values;

const STATUS_LOOKS: Record<number, [StringKey, Tone]> = {
  [SV.notSynced]: ['Status_NotSynced', 'neutral'],
  [SV.queued]: ['Status_Queued', 'info'],
  [SV.synced]: ['Status_Synced', 'success'],
  [SV.failed]: ['Status_Failed', 'danger'],
  [SV.outOfDate]: ['Status_OutOfDate', 'warning'],
};

const HISTORY_LOOKS: Record<number, [StringKey, Tone]> = {
  [HV.queued]: ['History_Queued', 'info'],
  [HV.inProgress]: ['History_InProgress', 'info'],
  [HV.succeeded]: ['History_Succeeded', 'success'],
  [HV.failed]: ['History_Failed', 'danger'],
  [HV.skipped]: ['History_Skipped', 'neutral'],
  [HV.needsReview]: ['History_NeedsReview', 'warning'],
};

const UNKNOWN: [StringKey, Tone] = ['Status_Unknown', 'neutral'];

/** A history status after which nothing more happens to the row. */
export function isFinalHistoryStatus(status: unknown): boolean {
  return status !== HV.queued && status !== HV.inProgress;
}

/** A catalogue template as a pattern: its text literally, each `{placeholder}` as any text. */
function templatePattern(template: string): string {
  return template
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?');
}

/** A finding's message is the filled template, a space, the filled fix: the catalogue finds the split. */
export function splitFinding(f: Finding): FindingView {
  const { severity, code } = f;
  const entry = MESSAGES[f.code];
  const match = new RegExp(`^(${templatePattern(entry.template)}) (${templatePattern(entry.fix)})$`).exec(
    f.message,
  );
  return match
    ? { severity, code, problem: match[1], fix: match[2] }
    : { severity, code, problem: f.message };
}

/** `+1.00`, `-0.01` or `0.00` in the user's number format: the sign says which side is larger. */
export function formatDifference(difference: number, money: (value: number) => string): string {
  const cents = Math.round(difference * 100);
  return `${cents > 0 ? '+' : cents < 0 ? '-' : ''}${money(Math.abs(cents) / 100)}`;
}

export function toPreflightView(result: MappingResult, format: Formatters): PreflightView {
  const findings = result.findings.filter((f) => !XERO_SIDE_FINDINGS.includes(f.code));
  const { dynamics, xero, difference } = result.totals;
  return {
    findings: findings.map(splitFinding),
    blocked: findings.some((f) => f.severity === 'error'),
    contactNote: format.text(
      result.contact.kind === 'use' ? 'Preflight_ContactLinked' : 'Preflight_ContactAtSync',
    ),
    dynamicsTotal: format.money(dynamics.total),
    xeroTotal: format.money(xero.total),
    difference: formatDifference(difference, format.money),
    differs: Math.round(difference * 100) !== 0,
  };
}

function text(row: Row | undefined, column: string): string | undefined {
  const value = row?.[column];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function historyView(row: Row, format: Formatters): HistoryView {
  const [key, tone] = HISTORY_LOOKS[row[COLUMNS.syncHistory.status] as number] ?? UNKNOWN;
  const when = new Date(text(row, COLUMNS.syncHistory.completedOn) ?? text(row, 'createdon') ?? NaN);
  return {
    id: String(row.stl_synchistoryid ?? ''),
    status: format.text(key),
    tone,
    time: Number.isNaN(when.getTime()) ? '' : format.dateTime(when),
    message: text(row, COLUMNS.syncHistory.message),
  };
}

/** Sync while nothing is running; Retry when the last attempt failed. */
export function syncButton(state: PanelState, format: Formatters): XeroPanelProps['sync'] {
  const latest = state.history[0]?.[COLUMNS.syncHistory.status];
  const running =
    state.sending ||
    state.syncStatus === SV.queued ||
    (latest !== undefined && !isFinalHistoryStatus(latest));
  const failed = latest === HV.failed || state.syncStatus === SV.failed;
  return {
    label: format.text(running ? 'Button_SyncRunning' : failed ? 'Button_Retry' : 'Button_Sync'),
    disabled: running || state.loading || !state.invoiceId,
    running,
  };
}

export function toXeroPanelProps(
  state: PanelState,
  format: Formatters,
  actions: PanelActions,
): XeroPanelProps {
  const inv = COLUMNS.invoice;
  const { invoice, rows } = state;
  const [statusKey, statusTone] = STATUS_LOOKS[state.syncStatus ?? SV.notSynced] ?? UNKNOWN;
  const value = (v: string | undefined) => v ?? format.text('Caption_NotInXero');
  const amount = (column: string) => {
    const n = invoice?.[column];
    return value(typeof n === 'number' ? format.money(n) : undefined);
  };
  const notices: Notice[] = [
    ...state.errors.map((t) => ({ kind: 'error' as const, text: t })),
    ...state.warnings.map((t) => ({ kind: 'warning' as const, text: t })),
  ];
  if (!state.loading && !state.invoiceId) notices.push({ kind: 'info', text: format.text('Notice_Unsaved') });
  if (state.preflightMessage) notices.push({ kind: 'warning', text: state.preflightMessage });
  return {
    loading: state.loading,
    statusLabel: format.text(statusKey),
    statusTone,
    details: [
      { caption: format.text('Caption_XeroNumber'), value: value(text(invoice, inv.xeroNumber)) },
      { caption: format.text('Caption_XeroStatus'), value: value(text(invoice, inv.xeroStatus)) },
      { caption: format.text('Caption_AmountPaid'), value: amount(inv.amountPaid) },
      { caption: format.text('Caption_AmountDue'), value: amount(inv.amountDue) },
    ],
    xeroUrl: text(invoice, inv.xeroUrl),
    onlineUrl: text(invoice, inv.onlineUrl),
    notices,
    preflight:
      rows && toPreflightView(mapInvoice(snapshotFromRows(rows, state.today, state.timeZone)), format),
    history: state.history.slice(0, 5).map((row) => historyView(row, format)),
    sync: syncButton(state, format),
    text: format.text,
    ...actions,
  };
}
