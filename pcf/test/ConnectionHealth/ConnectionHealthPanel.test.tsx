/** @jest-environment jsdom */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { setIconOptions } from '@fluentui/react';
import { CHOICES } from '../../../solution/names';
import { ConnectionHealthPanel } from '../../ConnectionHealth/components/ConnectionHealthPanel';
import type { ConnectionCommand } from '../../ConnectionHealth/commands';
import { toConnectionHealthView, type ConnectionHealthView } from '../../ConnectionHealth/mapping';
import type { ActionOutcome } from '../../ConnectionHealth/sharedActions';
import { mockConnectionHealthContext, type ConnectionHealthInputs } from '../mockContext';
import { containerPerTest } from '../dom';

const NOW = new Date('2026-12-01T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const connected: ConnectionHealthInputs = {
  status: CHOICES.connectionStatus.values.connected,
  tenantName: 'Demo Company (NZ)',
  refreshDeadline: new Date(NOW.getTime() + 10 * DAY),
  dailyCallsLeft: 4990,
  lastRefreshOn: new Date('2026-12-01T08:30:00Z'),
};

// Dynamics registers Fluent's icon font; in jsdom nothing does, and MessageBar's icon would warn.
setIconOptions({ disableWarnings: true });

const dom = containerPerTest();

function viewOf(inputs: ConnectionHealthInputs, saved = true): ConnectionHealthView {
  return toConnectionHealthView(mockConnectionHealthContext(inputs), NOW, saved);
}

function render(
  view: ConnectionHealthView,
  onCommand = jest.fn(async (): Promise<ActionOutcome> => ({ kind: 'cancelled' })),
) {
  act(() => {
    ReactDOM.render(<ConnectionHealthPanel view={view} onCommand={onCommand} />, dom.container);
  });
  return onCommand;
}

const buttons = () => Array.from(dom.container.querySelectorAll('button'));
const button = (label: string) => buttons().find((b) => b.textContent === label) as HTMLButtonElement;

async function click(label: string): Promise<void> {
  await act(async () => {
    button(label).click();
  });
}

describe('ConnectionHealthPanel', () => {
  it('is a region labelled for screen readers, with its commands in a labelled group', () => {
    render(viewOf(connected));

    expect(dom.byTestId('connection-health')?.tagName).toBe('SECTION');
    expect(dom.byTestId('connection-health')?.getAttribute('aria-label')).toBe('Xero connection health');
    expect(dom.container.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe(
      'Xero connection commands',
    );
  });

  it('shows the status badge, organisation, calls left and last refresh', () => {
    render(viewOf(connected));

    expect(dom.byTestId('connection-status')?.textContent).toBe('Connected');
    expect(dom.byTestId('connection-status')?.getAttribute('role')).toBe('status');
    expect(dom.byTestId('connection-organisation')?.textContent).toBe('Organisation: Demo Company (NZ)');
    expect(dom.byTestId('connection-daily-calls')?.textContent).toBe('Xero calls left today: 4,990');
    expect(dom.byTestId('connection-last-refresh')?.textContent).toBe('Last token refresh: 2026-12-01 08:30');
  });

  it('shows the refresh-token deadline in the warning style under 14 days', () => {
    render(viewOf(connected));

    const deadline = dom.byTestId('connection-deadline') as HTMLElement;
    expect(deadline.textContent).toBe('Refresh token valid until 2026-12-11 (in 10 days)');
    expect(deadline.getAttribute('data-tone')).toBe('warning');
    expect(window.getComputedStyle(deadline).color).toBe('rgb(152, 111, 11)');
  });

  it('shows the last error in a message bar, and no bar without one', () => {
    // Fluent's MessageBar renders its text on a zero-delay timer, so screen readers announce it.
    jest.useFakeTimers();
    try {
      render(viewOf({ ...connected, lastError: 'invalid_grant: reconnect to Xero' }));
      act(() => {
        jest.runOnlyPendingTimers();
      });
      expect(dom.byTestId('connection-last-error')?.textContent).toContain(
        'Last error: invalid_grant: reconnect to Xero',
      );

      render(viewOf(connected));
      expect(dom.byTestId('connection-last-error')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('offers Reconnect, Disconnect and Refresh reference data when linked to Xero', () => {
    render(viewOf(connected));

    expect(buttons().map((b) => b.textContent)).toEqual([
      'Reconnect',
      'Disconnect',
      'Refresh reference data',
    ]);
  });

  it('offers only Connect to Xero when not connected', () => {
    render(viewOf({ status: CHOICES.connectionStatus.values.notConnected }));

    expect(buttons().map((b) => b.textContent)).toEqual(['Connect to Xero']);
  });

  it('disables the commands and says why on an unsaved connection', () => {
    render(viewOf({}, false));

    expect(button('Connect to Xero').disabled).toBe(true);
    expect(dom.byTestId('connection-save-first')?.textContent).toBe(
      'Save the connection to connect it to Xero.',
    );
  });

  it.each([
    ['Reconnect', 'connect'],
    ['Disconnect', 'disconnect'],
    ['Refresh reference data', 'refresh'],
  ] as const)('runs the %s command', async (label, command: ConnectionCommand) => {
    const onCommand = render(viewOf(connected));

    await click(label);

    expect(onCommand).toHaveBeenCalledWith(command);
  });

  it('shows what the command did, with a hint to refresh the form after disconnecting', async () => {
    render(
      viewOf(connected),
      jest.fn(async (): Promise<ActionOutcome> => ({ kind: 'done', message: 'Disconnected from Xero.' })),
    );

    await click('Disconnect');

    const outcome = dom.byTestId('connection-outcome') as HTMLElement;
    expect(outcome.getAttribute('data-kind')).toBe('done');
    expect(outcome.textContent).toBe('Disconnected from Xero. Refresh the form to see the new status.');
  });

  it("announces a failure, such as the relay's message, as an alert", async () => {
    const message = 'The relay did not disconnect "Contoso NZ": The connect code has expired.';
    render(
      viewOf(connected),
      jest.fn(async (): Promise<ActionOutcome> => ({ kind: 'failed', message })),
    );

    await click('Disconnect');

    const outcome = dom.byTestId('connection-outcome') as HTMLElement;
    expect(outcome.getAttribute('role')).toBe('alert');
    expect(outcome.textContent).toBe(message);
  });

  it('shows nothing after a cancelled confirmation', async () => {
    render(viewOf(connected));

    await click('Disconnect');

    expect(dom.byTestId('connection-outcome')).toBeNull();
  });

  it('disables the buttons while a command runs', async () => {
    let finish: (outcome: ActionOutcome) => void = () => undefined;
    render(
      viewOf(connected),
      jest.fn(() => new Promise<ActionOutcome>((resolve) => (finish = resolve))),
    );

    await click('Reconnect');
    expect(buttons().every((b) => b.disabled)).toBe(true);

    await act(async () => finish({ kind: 'done', message: 'ok' }));
    expect(buttons().some((b) => b.disabled)).toBe(false);
  });
});
