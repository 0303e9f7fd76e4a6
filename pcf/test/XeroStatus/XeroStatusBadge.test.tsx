/** @jest-environment jsdom */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { XeroStatusBadge } from '../../XeroStatus/components/XeroStatusBadge';
import { TONE_COLOURS, type XeroStatusProps } from '../../XeroStatus/mapping';
import { containerPerTest } from '../dom';

const synced: XeroStatusProps = {
  statusLabel: 'Synced',
  tone: 'success',
  colours: TONE_COLOURS.success,
  xeroNumberCaption: 'Xero number',
  xeroNumber: 'INV-0042',
  lastSyncedCaption: 'Last synced',
  lastSyncedText: '30/11/2026 10:15 PM',
};

const dom = containerPerTest();

function render(props: XeroStatusProps): void {
  ReactDOM.render(<XeroStatusBadge {...props} />, dom.container);
}

describe('XeroStatusBadge', () => {
  it('shows the status label on a badge of its tone', () => {
    render(synced);

    const badge = dom.byTestId('xero-status-badge');
    expect(badge?.textContent).toBe('Synced');
    expect(badge?.getAttribute('data-tone')).toBe('success');
    expect(badge?.getAttribute('role')).toBe('status');
  });

  it('shows the Xero number with its caption', () => {
    render(synced);

    expect(dom.byTestId('xero-number')?.textContent).toBe('Xero number: INV-0042');
  });

  it('shows the last-synced time with its caption', () => {
    render(synced);

    expect(dom.byTestId('xero-last-synced')?.textContent).toBe('Last synced: 30/11/2026 10:15 PM');
  });

  it('omits the Xero number until Xero has numbered the document', () => {
    render({ ...synced, statusLabel: 'Queued', tone: 'info', xeroNumber: undefined });

    expect(dom.byTestId('xero-number')).toBeNull();
    expect(dom.byTestId('xero-status-badge')?.textContent).toBe('Queued');
  });

  it('paints the badge in the colours it is given', () => {
    render(synced);

    const style = window.getComputedStyle(dom.byTestId('xero-status-badge') as HTMLElement);
    expect(style.backgroundColor).toBe('rgb(11, 106, 11)');
  });
});
