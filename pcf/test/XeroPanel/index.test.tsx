/** @jest-environment jsdom */
/** The XeroPanel control's lifecycle: it loads after init, queues a sync and follows it. */
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { setIconOptions } from '@fluentui/react';
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
import { IDS, snapshot } from '../../../plugins-proxy/test/domain/fixtures';
import { XeroPanel } from '../../XeroPanel';
import { HELP_URL } from '../../XeroPanel/mapping';
import { containerPerTest, showDelayedText } from '../dom';
import { FakePanelWebApi, HISTORY_ID, rowsFor } from './support';
import { panelContext, type PanelContext } from './panelContext';

// The platform registers Fluent's icons; the tests do not need them.
setIconOptions({ disableWarnings: true });

const dom = containerPerTest();
afterEach(() => jest.useRealTimers());

describe('XeroPanel control', () => {
  type Ctx = Parameters<XeroPanel['init']>[0];
  const asPcf = (c: PanelContext) => c as unknown as Ctx;

  function render(control: XeroPanel, context: PanelContext): void {
    act(() => {
      ReactDOM.render(control.updateView(asPcf(context)), dom.container);
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
    expect(dom.byTestId('skeleton')).not.toBeNull();
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

    expect(dom.container.textContent).toContain('Save the invoice to check and sync it.');
    expect(webApi.calls).toHaveLength(0);
  });

  it('shows a load failure as a message bar, not an exception', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    webApi.failWith = { message: 'The user is offline' };
    jest.useFakeTimers();

    await started(webApi);
    showDelayedText();

    expect(dom.byTestId('notice')?.textContent).toContain(
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
    act(() => (dom.byTestId('sync') as HTMLButtonElement).click());
    await queued;
    render(control, context);

    expect(webApi.calls.filter((c) => c.method === 'createRecord')).toHaveLength(1);
    expect(dom.byTestId('sync')?.textContent).toBe('Sync running');
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

    const help = Array.from(dom.container.querySelectorAll('button')).find(
      (b) => b.textContent === 'How syncing works',
    );
    act(() => help?.click());

    expect(context.navigation.openUrl).toHaveBeenCalledWith(HELP_URL);
    // eslint-disable-next-line @microsoft/power-apps/use-cached-webresource -- the expected value, not a request
    expect(HELP_URL).toBe('/WebResources/stl_/docs/syncing.html');
  });
});
