/** @jest-environment jsdom */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { setIconOptions } from '@fluentui/react';
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, TABLES } from '../../../solution/names';
import { IDS, snapshot } from '../../../plugins-proxy/test/domain/fixtures';
import { XeroPanel } from '../../XeroPanel';
import { XeroPanelView } from '../../XeroPanel/components/XeroPanelView';
import { HELP_URL, toXeroPanelProps, type PanelState } from '../../XeroPanel/mapping';
import { FakePanelWebApi, HISTORY_ID, rowsFor, testFormatters } from './support';
import { panelContext, type PanelContext } from './panelContext';

// The platform registers Fluent's icons; the tests do not need them.
setIconOptions({ disableWarnings: true });

let container: HTMLDivElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
});

afterEach(() => {
  ReactDOM.unmountComponentAtNode(container);
  container.remove();
  jest.useRealTimers();
});

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const actions = { onSync: jest.fn(), onOpenUrl: jest.fn(), onOpenHelp: jest.fn() };

function baseState(patch: Partial<PanelState> = {}): PanelState {
  return {
    loading: false,
    invoiceId: IDS.invoice,
    syncStatus: CHOICES.syncStatus.values.notSynced,
    history: [],
    sending: false,
    errors: [],
    warnings: [],
    today: '2026-12-01',
    timeZone: 'Australia/Sydney',
    ...patch,
  };
}

/** Fluent's MessageBar shows its text one timer tick late (DelayedRender, for screen readers). */
function showDelayedText(): void {
  act(() => {
    jest.runOnlyPendingTimers();
  });
}

function renderView(state: PanelState): void {
  jest.useFakeTimers();
  act(() => {
    ReactDOM.render(<XeroPanelView {...toXeroPanelProps(state, testFormatters(), actions)} />, container);
  });
  showDelayedText();
}

describe('XeroPanelView', () => {
  it('shows a skeleton while loading, not the details', () => {
    renderView(baseState({ loading: true }));

    expect(byTestId('skeleton')?.getAttribute('aria-busy')).toBe('true');
    expect(container.textContent).not.toContain('Pre-flight check');
  });

  it('renders the findings with their fixes and the two totals with the difference', () => {
    const s = snapshot({
      invoice: { [SYSTEM_COLUMNS.invoice.totalAmount]: 25.86 },
      defaults: null,
      lines: undefined,
    });
    renderView(baseState({ rows: rowsFor(s) }));

    expect(byTestId('Totals_Dynamics')?.textContent).toBe('25.86');
    expect(byTestId('Totals_Xero')?.textContent).toBe('25.85');
    expect(byTestId('Totals_Difference')?.textContent).toBe('-0.01');
    const codes = Array.from(container.querySelectorAll('[data-testid="finding"]')).map((f) =>
      f.getAttribute('data-code'),
    );
    expect(codes).toContain('TOTAL_DIFFERS');
    expect(container.textContent).toContain('Fix: Xero rounds tax per line to 2 decimals');
  });

  it('says the invoice is clean when the pre-flight check finds nothing', () => {
    renderView(baseState({ rows: rowsFor(snapshot()) }));

    expect(container.querySelectorAll('[data-testid="finding"]')).toHaveLength(0);
    expect(container.textContent).toContain('No problems found');
  });

  it('disables the Sync button while the invoice is Queued', () => {
    renderView(baseState({ syncStatus: CHOICES.syncStatus.values.queued }));

    const button = byTestId('sync') as HTMLButtonElement;
    expect(button.textContent).toBe('Sync running');
    expect(button.disabled || button.getAttribute('aria-disabled') === 'true').toBe(true);
  });

  it('labels the panel and its status for screen readers', () => {
    renderView(baseState());

    expect(container.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('Xero');
    expect(byTestId('status')?.getAttribute('role')).toBe('status');
    expect(byTestId('status')?.getAttribute('aria-live')).toBe('polite');
  });

  it('opens the Xero invoice through the callback, reachable as a button from the keyboard', () => {
    renderView(baseState({ invoice: { [COLUMNS.invoice.xeroUrl]: 'https://go.xero.com/x' } }));

    const link = Array.from(container.querySelectorAll('button')).find(
      (b) => b.textContent === 'Open in Xero',
    );
    act(() => link?.click());

    expect(link?.tagName).toBe('BUTTON');
    expect(actions.onOpenUrl).toHaveBeenCalledWith('https://go.xero.com/x');
  });
});

describe('XeroPanel control', () => {
  type Ctx = Parameters<XeroPanel['init']>[0];
  const asPcf = (c: PanelContext) => c as unknown as Ctx;

  function render(control: XeroPanel, context: PanelContext): void {
    act(() => {
      ReactDOM.render(control.updateView(asPcf(context)), container);
    });
  }

  async function started(webApi: FakePanelWebApi): Promise<{ control: XeroPanel; context: PanelContext }> {
    const context = panelContext(webApi, IDS.invoice, CHOICES.syncStatus.values.notSynced);
    const control = new XeroPanel();
    const loaded = context.nextRender();
    control.init(asPcf(context));
    render(control, context);
    await loaded;
    render(control, context);
    return { control, context };
  }

  const historyReads = () =>
    webApiCalls.filter((c) => c.method === 'retrieveRecord' && c.entity === TABLES.syncHistory.logicalName);
  let webApiCalls: FakePanelWebApi['calls'] = [];

  it('renders the skeleton first and reads nothing before init returns', () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    const context = panelContext(webApi, IDS.invoice);
    const control = new XeroPanel();

    control.init(asPcf(context));
    render(control, context);

    expect(webApi.calls).toHaveLength(0);
    expect(byTestId('skeleton')).not.toBeNull();
    control.destroy();
  });

  it('asks an unsaved invoice to be saved and reads nothing', () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    const context = panelContext(webApi, undefined);
    const control = new XeroPanel();

    jest.useFakeTimers();
    control.init(asPcf(context));
    render(control, context);
    showDelayedText();

    expect(container.textContent).toContain('Save the invoice to check and sync it.');
    expect(webApi.calls).toHaveLength(0);
  });

  it('shows a load failure as a message bar, not an exception', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    webApi.failWith = { message: 'The user is offline' };
    jest.useFakeTimers();

    await started(webApi);
    showDelayedText();

    expect(byTestId('notice')?.textContent).toContain(
      'The Xero panel could not read the invoice: The user is offline',
    );
  });

  it('creates the Queued row through the web API when Sync is clicked, then polls it until it is final', async () => {
    jest.useFakeTimers();
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    webApiCalls = webApi.calls;
    const { control, context } = await started(webApi);
    webApi.historyReads = [
      { [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.inProgress },
      { [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.succeeded },
    ];

    const queued = context.nextRender();
    act(() => (byTestId('sync') as HTMLButtonElement).click());
    await queued;
    render(control, context);

    expect(webApi.calls.filter((c) => c.method === 'createRecord')).toHaveLength(1);
    expect(byTestId('sync')?.textContent).toBe('Sync running');
    expect(historyReads()).toHaveLength(0);

    await act(() => jest.advanceTimersByTimeAsync(1000));
    expect(historyReads().map((c) => c.id)).toEqual([HISTORY_ID]);

    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(historyReads()).toHaveLength(2);

    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(historyReads()).toHaveLength(2);
    control.destroy();
  });

  it('stops polling when the form closes', async () => {
    jest.useFakeTimers();
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    webApiCalls = webApi.calls;
    webApi.history = [
      {
        [TABLES.syncHistory.primaryId]: HISTORY_ID,
        [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.queued,
      },
    ];
    webApi.historyReads = [{ [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.queued }];
    const { control } = await started(webApi);
    await act(() => jest.advanceTimersByTimeAsync(1000));
    expect(historyReads()).toHaveLength(1);

    control.destroy();
    await act(() => jest.advanceTimersByTimeAsync(120_000));

    expect(historyReads()).toHaveLength(1);
  });

  it('opens the documentation page from the help link', async () => {
    const { context } = await started(new FakePanelWebApi(rowsFor(snapshot())));

    const help = Array.from(container.querySelectorAll('button')).find(
      (b) => b.textContent === 'How syncing works',
    );
    act(() => help?.click());

    expect(context.navigation.openUrl).toHaveBeenCalledWith(HELP_URL);
    // eslint-disable-next-line @microsoft/power-apps/use-cached-webresource -- the expected value, not a request
    expect(HELP_URL).toBe('/WebResources/stl_/docs/syncing.html');
  });
});
