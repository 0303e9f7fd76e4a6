/** @jest-environment jsdom */
/**
 * A sync started outside the panel (the ribbon's Sync to Xero): the form changes the bound
 * stl_syncstatus, and the panel must follow the run and then reread the invoice, not only the badge.
 */
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { setIconOptions } from '@fluentui/react';
import { AUDIT_COLUMNS, CHOICES, COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { IDS, snapshot } from '../../../plugins-proxy/test/domain/fixtures';
import { XeroPanel } from '../../XeroPanel';
import { InputProperties } from '../../XeroPanel/ManifestConstants';
import { FakePanelWebApi, HISTORY_ID, rowsFor, type Row } from './support';
import { panelContext, type PanelContext } from './panelContext';
import { containerPerTest } from '../dom';

setIconOptions({ disableWarnings: true });

type Ctx = Parameters<XeroPanel['init']>[0];
const asPcf = (c: PanelContext) => c as unknown as Ctx;
const SV = CHOICES.syncStatus.values;
const HV = CHOICES.syncHistoryStatus.values;
const H = COLUMNS.syncHistory;

const dom = containerPerTest();

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

function render(control: XeroPanel, context: PanelContext): void {
  act(() => {
    ReactDOM.render(control.updateView(asPcf(context)), dom.container);
  });
}

/** The form's bound column changes, as when the ribbon script writes it and the form refreshes. */
function boundStatusBecomes(control: XeroPanel, context: PanelContext, value: number): void {
  context.parameters.syncStatus.raw = value;
  context.updatedProperties = [InputProperties.SyncStatus];
  render(control, context);
}

/** Lets the fake Web API's resolved promises and the control's renders run. */
const settle = () => act(() => jest.advanceTimersByTimeAsync(0));

const queuedRow: Row = {
  [TABLES.syncHistory.primaryId]: HISTORY_ID,
  [H.status]: HV.queued,
  [H.trigger]: CHOICES.trigger.values.button,
  [AUDIT_COLUMNS.createdOn]: '2026-12-01T09:00:00Z',
};

async function openedNotSynced() {
  const rows = rowsFor(snapshot());
  delete rows.invoice[COLUMNS.invoice.xeroNumber];
  const webApi = new FakePanelWebApi(rows);
  const context = panelContext(webApi, IDS.invoice, SV.notSynced);
  const control = new XeroPanel();
  control.init(asPcf(context));
  render(control, context);
  await settle();
  render(control, context);
  return { rows, webApi, context, control };
}

const historyPolls = (webApi: FakePanelWebApi) =>
  webApi.calls.filter((c) => c.method === 'retrieveRecord' && c.entity === TABLES.syncHistory.logicalName);
const invoiceReads = (webApi: FakePanelWebApi) =>
  webApi.calls.filter((c) => c.method === 'retrieveRecord' && c.entity === SYSTEM_TABLES.invoice.logicalName);
/** A detail's text, caption first, e.g. "Xero numberINV-0042". */
const detail = (caption: string) =>
  Array.from(dom.container.querySelectorAll('[data-testid="detail"]'))
    .map((d) => d.textContent ?? '')
    .find((t) => t.startsWith(caption));

describe('XeroPanel with a sync started from the ribbon', () => {
  it('follows the Queued row and, once Synced, shows the Xero number and the new history entry', async () => {
    const { rows, webApi, context, control } = await openedNotSynced();
    expect(detail('Xero number')).toContain('Not in Xero yet');
    webApi.history = [queuedRow];
    webApi.historyReads = [{ [H.status]: HV.queued }];

    boundStatusBecomes(control, context, SV.queued);
    await settle();
    render(control, context);
    await act(() => jest.advanceTimersByTimeAsync(1000));
    expect(historyPolls(webApi).map((c) => c.id)).toEqual([HISTORY_ID]);
    expect(dom.container.querySelectorAll('[data-testid="history"]')).toHaveLength(1);

    // The relay finishes and writes the invoice back; the form refreshes its bound column.
    Object.assign(rows.invoice, {
      [COLUMNS.invoice.xeroNumber]: 'INV-0042',
      [COLUMNS.invoice.syncStatus]: SV.synced,
    });
    webApi.history = [{ ...queuedRow, [H.status]: HV.succeeded, [H.message]: 'Created INV-0042 in Xero' }];
    webApi.historyReads = [{ [H.status]: HV.succeeded }];
    boundStatusBecomes(control, context, SV.synced);
    await settle();
    render(control, context);

    expect(detail('Xero number')).toContain('INV-0042');
    expect(dom.container.querySelector('[data-testid="history"]')?.textContent).toContain(
      'Created INV-0042 in Xero',
    );
    expect(dom.container.querySelector('[data-testid="status"]')?.textContent).toContain('Synced');
    control.destroy();
  });

  it('runs one poll loop however often updateView repeats the Queued status', async () => {
    const { webApi, context, control } = await openedNotSynced();
    webApi.history = [queuedRow];
    webApi.historyReads = [{ [H.status]: HV.queued }];

    boundStatusBecomes(control, context, SV.queued);
    for (let i = 0; i < 5; i += 1) {
      await settle();
      boundStatusBecomes(control, context, SV.queued);
    }
    await act(() => jest.advanceTimersByTimeAsync(1000 + 2000 + 4000));

    // One loop with backoff reads at 1 s, 3 s and 7 s; a second loop would have doubled that.
    expect(historyPolls(webApi)).toHaveLength(3);
    control.destroy();
  });

  it('reads nothing more once the form closes while the ribbon sync is still Queued', async () => {
    const { webApi, context, control } = await openedNotSynced();
    webApi.history = [queuedRow];
    webApi.historyReads = [{ [H.status]: HV.queued }];
    boundStatusBecomes(control, context, SV.queued);
    await settle();
    await act(() => jest.advanceTimersByTimeAsync(1000));
    const before = webApi.calls.length;

    control.destroy();
    await act(() => jest.advanceTimersByTimeAsync(120_000));

    expect(historyPolls(webApi)).toHaveLength(1);
    expect(webApi.calls).toHaveLength(before);
  });

  it('rereads the invoice once when the poll already saw the row finish before the form refreshed', async () => {
    const { rows, webApi, context, control } = await openedNotSynced();
    webApi.history = [queuedRow];
    webApi.historyReads = [{ [H.status]: HV.queued }];
    boundStatusBecomes(control, context, SV.queued);
    await settle();
    const readsBefore = invoiceReads(webApi).length;
    Object.assign(rows.invoice, {
      [COLUMNS.invoice.xeroNumber]: 'INV-0042',
      [COLUMNS.invoice.syncStatus]: SV.synced,
    });
    webApi.history = [{ ...queuedRow, [H.status]: HV.succeeded }];
    webApi.historyReads = [{ [H.status]: HV.succeeded }];
    await act(() => jest.advanceTimersByTimeAsync(1000));

    boundStatusBecomes(control, context, SV.synced);
    await settle();
    render(control, context);

    expect(invoiceReads(webApi).length - readsBefore).toBe(1);
    expect(detail('Xero number')).toContain('INV-0042');
    control.destroy();
  });
});
