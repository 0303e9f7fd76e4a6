/**
 * The panel's state machine, apart from PCF so it is testable: it loads after init (never blocking
 * the form), queues a sync, and follows a Queued or In progress history row until it is final.
 * Every change calls `onChange`, which index.ts turns into a re-render.
 */
import { AUDIT_COLUMNS, CHOICES, COLUMNS, SYSTEM_COLUMNS, TABLES } from '../../solution/names';
/* eslint-disable @microsoft/power-apps/use-cached-webresource -- a bundled module, not a URL */
import { dataverseMessage, toBareGuid, type Fetch } from '../../webresources/scripts/syncRequest';
/* eslint-enable @microsoft/power-apps/use-cached-webresource */
import { lookupKey } from '../../plugins-proxy/src/domain/lookupKey';
import { loadPanel, readHistory, readHistoryRow, requestSync, type PanelWebApi } from './dataSource';
import { isFinalHistoryStatus, type PanelState } from './mapping';
import { pollUntilFinal, type Poll, type Scheduler } from './poller';
import { todayIn, type Row } from './snapshotFromRows';

export interface ControllerDeps {
  readonly webApi: PanelWebApi;
  readonly fetch?: Fetch;
  readonly scheduler?: Scheduler;
  readonly now?: () => Date;
  readonly timeZone?: string;
  readonly onChange: () => void;
  /** The resx texts that lead an error, e.g. "The sync could not be queued". */
  readonly messages: { readonly loadFailed: string; readonly syncFailed: string };
}

const history = COLUMNS.syncHistory;
const historyStatus = CHOICES.syncHistoryStatus.values;
const invoiceStatus = CHOICES.syncStatus.values;
/** Invoice statuses after which the relay has written everything back (or given up). */
const FINAL_INVOICE_STATUSES: readonly unknown[] = [
  invoiceStatus.synced,
  invoiceStatus.failed,
  invoiceStatus.outOfDate,
];

export class PanelController {
  private current: PanelState;
  private poll: Poll | undefined;
  private destroyed = false;
  /** The form's bound value last seen, apart from the state's, which load() may have moved on. */
  private boundStatus: number | null;
  /** Only the newest load's result is shown, so two overlapping loads cannot undo each other. */
  private loadSeq = 0;
  /** Bumped on every change, so index.ts rebuilds props only when something changed. */
  public version = 0;

  constructor(
    private readonly deps: ControllerDeps,
    invoiceId: string | undefined,
    syncStatus: number | null,
  ) {
    this.boundStatus = syncStatus;
    const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
    this.current = {
      loading: invoiceId !== undefined,
      invoiceId,
      syncStatus,
      history: [],
      sending: false,
      errors: [],
      warnings: [],
      today: todayIn(timeZone, (deps.now ?? (() => new Date()))()),
      timeZone,
    };
  }

  get state(): PanelState {
    return this.current;
  }

  get polling(): boolean {
    return this.poll !== undefined && !this.poll.stopped;
  }

  private update(patch: Partial<PanelState>): void {
    if (this.destroyed) return;
    this.current = { ...this.current, ...patch };
    this.version += 1;
    this.deps.onChange();
  }

  /** Reads everything; resolves when the panel has data (or an error to show). */
  async load(): Promise<void> {
    const { invoiceId } = this.current;
    if (!invoiceId) return;
    const seq = ++this.loadSeq;
    const result = await loadPanel(this.deps.webApi, invoiceId);
    if (seq !== this.loadSeq || this.destroyed) return;
    if (!result.ok) {
      this.update({ loading: false, errors: [`${this.deps.messages.loadFailed}: ${result.message}`] });
      return;
    }
    const status = result.invoice[COLUMNS.invoice.syncStatus];
    this.update({
      loading: false,
      errors: [],
      syncStatus: typeof status === 'number' ? status : this.current.syncStatus,
      invoice: result.invoice,
      rows: result.rows,
      preflightMessage: result.preflightMessage,
      history: result.history,
    });
    const latest = result.history[0];
    if (latest && !isFinalHistoryStatus(latest[history.status]))
      this.follow(String(latest[TABLES.syncHistory.primaryId]));
  }

  /**
   * The form's bound status changed (a sync started from the ribbon, or the relay finished): follow
   * the newest history row while it runs, and reread everything once it is final, so the Xero
   * number, amounts and history agree with the badge. Repeating the same value does nothing.
   */
  setSyncStatus(value: number | null): void {
    if (value === this.boundStatus) return;
    this.boundStatus = value;
    // A poll that saw the row finish has usually reloaded already: then the panel shows this value.
    const alreadyLoaded = value === this.current.syncStatus && !this.polling;
    if (!alreadyLoaded) this.update({ syncStatus: value });
    if (!this.current.invoiceId || this.destroyed) return;
    if (FINAL_INVOICE_STATUSES.includes(value)) {
      if (alreadyLoaded) return;
      this.poll?.stop();
      void this.load();
    } else if (value === invoiceStatus.queued && !this.polling && !this.current.sending) {
      void this.followNewest(this.current.invoiceId);
    }
  }

  /** Reads the last five history rows and follows the newest while it is Queued or In progress. */
  private async followNewest(invoiceId: string): Promise<void> {
    const seq = this.loadSeq;
    let rows: Row[];
    try {
      rows = await readHistory(this.deps.webApi, toBareGuid(invoiceId));
    } catch (error) {
      this.update({ warnings: [dataverseMessage(error)] });
      return;
    }
    // A load or a poll that started meanwhile has newer news.
    if (seq !== this.loadSeq || this.polling || this.destroyed) return;
    this.update({ history: rows });
    const latest = rows[0];
    if (latest && !isFinalHistoryStatus(latest[history.status]))
      this.follow(String(latest[TABLES.syncHistory.primaryId]));
  }

  /** Sync, or Retry when the last attempt failed: one Queued history row, then follow it. */
  async sync(): Promise<void> {
    const { invoiceId, invoice, rows, history: rowsShown } = this.current;
    if (!invoiceId || this.current.sending) return;
    this.update({ sending: true, errors: [], warnings: [] });
    // Retry exactly when the button says so (see syncButton in mapping.ts).
    const lastFailed =
      rowsShown[0]?.[history.status] === historyStatus.failed ||
      this.current.syncStatus === CHOICES.syncStatus.values.failed;
    const trigger = lastFailed ? CHOICES.trigger.values.retry : CHOICES.trigger.values.button;
    const named =
      invoice?.[lookupKey(COLUMNS.invoice.connectionId)] ?? rows?.connection[TABLES.connection.primaryId];
    const outcome = await requestSync(
      this.deps.webApi,
      {
        id: toBareGuid(invoiceId),
        name: String(
          invoice?.[SYSTEM_COLUMNS.invoice.name] ??
            invoice?.[SYSTEM_COLUMNS.invoice.invoiceNumber] ??
            invoiceId,
        ),
        connectionId: typeof named === 'string' && named ? toBareGuid(named) : undefined,
      },
      trigger,
      this.deps.fetch,
    );
    if (!outcome.ok) {
      this.update({ sending: false, errors: [`${this.deps.messages.syncFailed}: ${outcome.message}`] });
      return;
    }
    const queuedRow: Row = {
      [TABLES.syncHistory.primaryId]: outcome.historyId ?? '',
      [history.status]: historyStatus.queued,
      [history.trigger]: trigger,
      [AUDIT_COLUMNS.createdOn]: (this.deps.now ?? (() => new Date()))().toISOString(),
    };
    this.update({
      sending: false,
      syncStatus: CHOICES.syncStatus.values.queued,
      warnings: outcome.warning ? [outcome.warning] : [],
      history: [queuedRow, ...rowsShown],
    });
    if (outcome.historyId) this.follow(outcome.historyId);
  }

  private follow(historyId: string): void {
    if (this.destroyed) return;
    this.poll?.stop();
    this.poll = pollUntilFinal<Row>({
      read: () => readHistoryRow(this.deps.webApi, historyId),
      isFinal: (row) => isFinalHistoryStatus(row[history.status]),
      onValue: (row) => {
        this.update({
          history: this.current.history.map((r) =>
            r[TABLES.syncHistory.primaryId] === historyId ? { ...r, ...row } : r,
          ),
        });
        // The relay has written the Xero number, status and amounts back: read them, and check again.
        if (isFinalHistoryStatus(row[history.status])) void this.load();
      },
      onError: (error) => this.update({ warnings: [dataverseMessage(error)] }),
      scheduler: this.deps.scheduler,
    });
  }

  destroy(): void {
    this.poll?.stop();
    this.destroyed = true;
  }
}
