import { CHOICES } from '../../../solution/names';
import {
  daysUntil,
  DEADLINE_WARNING_DAYS,
  deadlineToneFor,
  fillTemplate,
  toConnectionHealthView,
} from '../../ConnectionHealth/mapping';
import { mockConnectionHealthContext, type ConnectionHealthInputs } from '../mockContext';

const status = CHOICES.connectionStatus.values;
const NOW = new Date('2026-12-01T09:00:00Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const after = (ms: number) => new Date(NOW.getTime() + ms);

function view(inputs: ConnectionHealthInputs, saved = true) {
  return toConnectionHealthView(mockConnectionHealthContext(inputs), NOW, saved);
}

describe('toConnectionHealthView: the refresh-token deadline', () => {
  it.each([
    ['60 days ahead', after(60 * DAY), 'ok', 'Refresh token valid until 2027-01-30 (in 60 days)'],
    ['exactly 14 days ahead', after(14 * DAY), 'ok', 'Refresh token valid until 2026-12-15 (in 14 days)'],
    [
      '13 days 23 hours ahead',
      after(14 * DAY - HOUR),
      'warning',
      'Refresh token valid until 2026-12-15 (in 13 days)',
    ],
    [
      'a day and two hours ahead',
      after(DAY + 2 * HOUR),
      'warning',
      'Refresh token valid until 2026-12-02 (in 1 day)',
    ],
    [
      'five hours ahead',
      after(5 * HOUR),
      'warning',
      'Refresh token valid until 2026-12-01 (less than a day left)',
    ],
    ['an hour ago', after(-HOUR), 'danger', 'Refresh token expired on 2026-12-01. Reconnect to Xero.'],
    ['missing', null, 'none', 'No refresh token yet: connect to Xero first.'],
    ['not a date', new Date('nope'), 'none', 'No refresh token yet: connect to Xero first.'],
  ] as const)('with the deadline %s, shows tone %s and "%s"', (_case, refreshDeadline, tone, text) => {
    expect(view({ refreshDeadline })).toMatchObject({ deadlineTone: tone, deadlineText: text });
  });

  it('formats the deadline as a date without time, with the user settings', () => {
    const context = mockConnectionHealthContext({ refreshDeadline: after(30 * DAY) });

    toConnectionHealthView(context, NOW, true);

    expect(context.formatCalls).toEqual([{ value: after(30 * DAY), includeTime: false }]);
  });

  it('counts whole days left, rounding down, from the injected now', () => {
    expect(daysUntil(after(3 * DAY - 1), NOW)).toBe(2);
    expect(daysUntil(after(3 * DAY), NOW)).toBe(3);
    expect(daysUntil(after(-1), NOW)).toBe(-1);
  });

  it(`warns from ${DEADLINE_WARNING_DAYS} days left`, () => {
    expect(DEADLINE_WARNING_DAYS).toBe(14);
    expect(deadlineToneFor(after(DEADLINE_WARNING_DAYS * DAY), NOW)).toBe('ok');
    expect(deadlineToneFor(after(DEADLINE_WARNING_DAYS * DAY - 1), NOW)).toBe('warning');
  });

  it('treats a deadline of exactly now as expired', () => {
    expect(deadlineToneFor(NOW, NOW)).toBe('danger');
  });
});

describe('toConnectionHealthView: status', () => {
  it.each([
    [status.notConnected, 'Not connected', 'neutral', false],
    [status.connected, 'Connected', 'success', true],
    [status.needsAttention, 'Needs attention', 'warning', true],
    [status.disconnected, 'Disconnected', 'neutral', false],
    [null, 'Not connected', 'neutral', false],
    [999, 'Unknown status', 'neutral', false],
  ] as const)('shows status %p as "%s" on a %s badge, linked to Xero: %p', (value, label, tone, linked) => {
    expect(view({ status: value })).toMatchObject({ statusLabel: label, tone, linked });
  });
});

describe('toConnectionHealthView: details', () => {
  it('shows the organisation without surrounding spaces', () => {
    expect(view({ tenantName: '  Demo Company (NZ) ' }).organisation).toBe('Demo Company (NZ)');
  });

  it.each([null, '', '  '])('says there is no organisation yet when the tenant name is %p', (tenantName) => {
    expect(view({ tenantName }).organisation).toBe('None yet');
  });

  it('formats the daily calls left as an integer with the user settings', () => {
    expect(view({ dailyCallsLeft: 4321 }).dailyCallsText).toBe('4,321');
  });

  it('shows zero calls left as 0, not as unknown', () => {
    expect(view({ dailyCallsLeft: 0 }).dailyCallsText).toBe('0');
  });

  it('says the calls left are not known before the relay has reported them', () => {
    expect(view({ dailyCallsLeft: null }).dailyCallsText).toBe('Not known yet');
  });

  it('formats the last refresh with date and time, or says Never', () => {
    expect(view({ lastRefreshOn: new Date('2026-11-30T22:15:09Z') }).lastRefreshText).toBe(
      '2026-11-30 22:15',
    );
    expect(view({ lastRefreshOn: null }).lastRefreshText).toBe('Never');
  });

  it('passes the last error through, and leaves it out when blank', () => {
    expect(view({ lastError: ' invalid_grant: reconnect ' }).lastError).toBe('invalid_grant: reconnect');
    expect(view({ lastError: '  ' }).lastError).toBeUndefined();
    expect(view({ lastError: null }).lastError).toBeUndefined();
  });

  it('says whether the record is saved, so the commands can be offered', () => {
    expect(view({}, false).saved).toBe(false);
    expect(view({}, true).saved).toBe(true);
  });

  it('takes the button labels from the resx strings', () => {
    expect(view({}).labels).toMatchObject({
      connect: 'Connect to Xero',
      reconnect: 'Reconnect',
      disconnect: 'Disconnect',
      refresh: 'Refresh reference data',
      region: 'Xero connection health',
    });
  });
});

describe('fillTemplate', () => {
  it('fills numbered placeholders and leaves unknown ones', () => {
    expect(fillTemplate('{0} and {1}, not {2}', 'a', 'b')).toBe('a and b, not {2}');
  });
});
