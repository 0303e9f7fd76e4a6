/** @jest-environment jsdom */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { XeroStatusBadge } from '../../XeroStatus/components/XeroStatusBadge';
import { TONE_COLOURS, type XeroStatusProps } from '../../XeroStatus/mapping';

const synced: XeroStatusProps = {
  statusLabel: 'Synced',
  tone: 'success',
  colours: TONE_COLOURS.success,
  xeroNumberCaption: 'Xero number',
  xeroNumber: 'INV-0042',
  lastSyncedCaption: 'Last synced',
  lastSyncedText: '30/11/2026 10:15 PM',
};

let container: HTMLDivElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
});

afterEach(() => {
  ReactDOM.unmountComponentAtNode(container);
  container.remove();
});

function render(props: XeroStatusProps): void {
  ReactDOM.render(<XeroStatusBadge {...props} />, container);
}

function byTestId(id: string): HTMLElement | null {
  return container.querySelector(`[data-testid="${id}"]`);
}

describe('XeroStatusBadge', () => {
  it('shows the status label on a badge of its tone', () => {
    render(synced);

    const badge = byTestId('xero-status-badge');
    expect(badge?.textContent).toBe('Synced');
    expect(badge?.getAttribute('data-tone')).toBe('success');
    expect(badge?.getAttribute('role')).toBe('status');
  });

  it('shows the Xero number with its caption', () => {
    render(synced);

    expect(byTestId('xero-number')?.textContent).toBe('Xero number: INV-0042');
  });

  it('shows the last-synced time with its caption', () => {
    render(synced);

    expect(byTestId('xero-last-synced')?.textContent).toBe('Last synced: 30/11/2026 10:15 PM');
  });

  it('omits the Xero number until Xero has numbered the document', () => {
    render({ ...synced, statusLabel: 'Queued', tone: 'info', xeroNumber: undefined });

    expect(byTestId('xero-number')).toBeNull();
    expect(byTestId('xero-status-badge')?.textContent).toBe('Queued');
  });

  it('paints the badge in the colours it is given', () => {
    render(synced);

    const style = window.getComputedStyle(byTestId('xero-status-badge') as HTMLElement);
    expect(style.backgroundColor).toBe('rgb(11, 106, 11)');
  });
});
