import { CHOICES } from '../../../solution/names';
import { TONE_COLOURS, toXeroStatusProps } from '../../XeroStatus/mapping';
import { mockContext } from '../mockContext';

const status = CHOICES.syncStatus.values;

describe('toXeroStatusProps', () => {
  it.each([
    [status.notSynced, 'Not synced', 'neutral', '#605e5c'],
    [status.queued, 'Queued', 'info', '#0078d4'],
    [status.synced, 'Synced', 'success', '#0b6a0b'],
    [status.failed, 'Failed', 'danger', '#a4262c'],
    [status.outOfDate, 'Out of date', 'warning', '#986f0b'],
  ] as const)('shows status %i as "%s" on a %s badge', (value, label, tone, background) => {
    const props = toXeroStatusProps(mockContext({ syncStatus: value }));

    expect(props).toMatchObject({ statusLabel: label, tone, colours: { background, foreground: '#ffffff' } });
  });

  it('gives every tone a distinct colour', () => {
    const backgrounds = Object.values(TONE_COLOURS).map((c) => c.background);
    expect(new Set(backgrounds).size).toBe(backgrounds.length);
  });

  it('reads an empty status as Not synced', () => {
    expect(toXeroStatusProps(mockContext({ syncStatus: null }))).toMatchObject({
      statusLabel: 'Not synced',
      tone: 'neutral',
    });
  });

  it('says the status is unknown for a value the choice does not have', () => {
    expect(toXeroStatusProps(mockContext({ syncStatus: 999 }))).toMatchObject({
      statusLabel: 'Unknown status',
      tone: 'neutral',
    });
  });

  it('passes the Xero number through without surrounding spaces', () => {
    expect(toXeroStatusProps(mockContext({ xeroNumber: ' INV-0042 ' })).xeroNumber).toBe('INV-0042');
  });

  it.each([null, '', '   '])('leaves the Xero number out when it is %p', (xeroNumber) => {
    expect(toXeroStatusProps(mockContext({ xeroNumber })).xeroNumber).toBeUndefined();
  });

  it('formats the last-synced time with the user settings, date and time', () => {
    const context = mockContext({ lastSyncedOn: new Date('2026-11-30T22:15:09Z') });

    const props = toXeroStatusProps(context);

    expect(context.formatCalls).toEqual([{ value: new Date('2026-11-30T22:15:09Z'), includeTime: true }]);
    expect(props.lastSyncedText).toBe('2026-11-30 22:15');
  });

  it.each([null, new Date('not a date')])('says "Never" when the last-synced time is %p', (lastSyncedOn) => {
    const context = mockContext({ lastSyncedOn });

    expect(toXeroStatusProps(context).lastSyncedText).toBe('Never');
    expect(context.formatCalls).toEqual([]);
  });

  it('takes the captions from the resx strings', () => {
    expect(toXeroStatusProps(mockContext())).toMatchObject({
      xeroNumberCaption: 'Xero number',
      lastSyncedCaption: 'Last synced',
    });
  });
});
