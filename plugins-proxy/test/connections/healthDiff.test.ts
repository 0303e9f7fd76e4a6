/** Which health columns a change writes, without a network. */
import { COLUMNS } from '../../../solution/names';
import type { ConnectionHealthRow } from '../../src/connections/connectionRows';
import { healthDiff } from '../../src/connections/health';

const C = COLUMNS.connection;
const row: ConnectionHealthRow = {
  id: 'c',
  name: 'Org',
  tenantId: 't',
  status: 1,
  refreshDeadline: '2027-01-30T09:00:00Z',
  lastRefreshOn: '2026-12-01T09:00:00Z',
  dailyCallsLeft: 4990,
  lastError: null,
  lastPaymentPullOn: null,
};

it('writes nothing when every value is as the row has it (date-times compared to the second)', () => {
  expect(
    healthDiff(row, {
      status: 1,
      refreshDeadline: new Date('2027-01-30T09:00:00.400Z'),
      lastRefreshOn: new Date('2026-12-01T09:00:00Z'),
      dailyCallsLeft: 4990,
      lastError: null,
    }),
  ).toEqual({});
});

it('writes only the columns that changed', () => {
  expect(healthDiff(row, { dailyCallsLeft: 4980, lastError: 'Xero: boom' })).toEqual({
    [C.dailyCallsLeft]: 4980,
    [C.lastError]: 'Xero: boom',
  });
});
