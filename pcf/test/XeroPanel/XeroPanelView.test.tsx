/** @jest-environment jsdom */
/** The panel's view alone: what it shows for a given panel state. */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { setIconOptions } from '@fluentui/react';
import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { IDS, snapshot } from '../../../plugins-proxy/test/domain/fixtures';
import { XeroPanelView } from '../../XeroPanel/components/XeroPanelView';
import { toXeroPanelProps, type PanelState } from '../../XeroPanel/mapping';
import { containerPerTest, showDelayedText } from '../dom';
import { rowsFor, testFormatters } from './support';

// The platform registers Fluent's icons; the tests do not need them.
setIconOptions({ disableWarnings: true });

const dom = containerPerTest();
afterEach(() => jest.useRealTimers());

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

function renderView(state: PanelState): void {
  jest.useFakeTimers();
  act(() => {
    ReactDOM.render(<XeroPanelView {...toXeroPanelProps(state, testFormatters(), actions)} />, dom.container);
  });
  showDelayedText();
}

describe('XeroPanelView', () => {
  it('shows a skeleton while loading, not the details', () => {
    renderView(baseState({ loading: true }));

    expect(dom.byTestId('skeleton')?.getAttribute('aria-busy')).toBe('true');
    expect(dom.container.textContent).not.toContain('Pre-flight check');
  });

  it('renders the findings with their fixes and the two totals with the difference', () => {
    const s = snapshot({
      invoice: { [SYSTEM_COLUMNS.invoice.totalAmount]: 25.86 },
      defaults: null,
      lines: undefined,
    });
    renderView(baseState({ rows: rowsFor(s) }));

    expect(dom.byTestId('Totals_Dynamics')?.textContent).toBe('25.86');
    expect(dom.byTestId('Totals_Xero')?.textContent).toBe('25.85');
    expect(dom.byTestId('Totals_Difference')?.textContent).toBe('-0.01');
    const codes = Array.from(dom.container.querySelectorAll('[data-testid="finding"]')).map((f) =>
      f.getAttribute('data-code'),
    );
    expect(codes).toContain('TOTAL_DIFFERS');
    expect(dom.container.textContent).toContain('Fix: Xero rounds tax per line to 2 decimals');
  });

  it('says the invoice is clean when the pre-flight check finds nothing', () => {
    renderView(baseState({ rows: rowsFor(snapshot()) }));

    expect(dom.container.querySelectorAll('[data-testid="finding"]')).toHaveLength(0);
    expect(dom.container.textContent).toContain('No problems found');
  });

  it('disables the Sync button while the invoice is Queued', () => {
    renderView(baseState({ syncStatus: CHOICES.syncStatus.values.queued }));

    const button = dom.byTestId('sync') as HTMLButtonElement;
    expect(button.textContent).toBe('Sync running');
    expect(button.disabled || button.getAttribute('aria-disabled') === 'true').toBe(true);
  });

  it('labels the panel and its status for screen readers', () => {
    renderView(baseState());

    expect(dom.container.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('Xero');
    expect(dom.byTestId('status')?.getAttribute('role')).toBe('status');
    expect(dom.byTestId('status')?.getAttribute('aria-live')).toBe('polite');
  });

  it('opens the Xero invoice through the callback, reachable as a button from the keyboard', () => {
    renderView(baseState({ invoice: { [COLUMNS.invoice.xeroUrl]: 'https://go.xero.com/x' } }));

    const link = Array.from(dom.container.querySelectorAll('button')).find(
      (b) => b.textContent === 'Open in Xero',
    );
    act(() => link?.click());

    expect(link?.tagName).toBe('BUTTON');
    expect(actions.onOpenUrl).toHaveBeenCalledWith('https://go.xero.com/x');
  });
});
