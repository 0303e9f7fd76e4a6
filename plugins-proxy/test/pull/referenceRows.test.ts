/** Xero's reference lists → the rows each table should hold, without a network. */
import type { Account, TrackingCategory } from 'xero-node';
import { COLUMNS } from '../../../solution/names';
import { glCodeRows, trackingRows } from '../../src/pull/referenceRows';

const account = (change: Partial<Account>): Account => ({ code: '200', name: 'Sales', ...change }) as Account;

it('keys GL codes by code and skips accounts that have none', () => {
  const table = glCodeRows([account({}), account({ code: undefined, name: 'Uncoded bank' })]);
  expect(table.rows.map((r) => r.key)).toEqual(['200']);
});

it.each([
  ['ACTIVE', true],
  ['ARCHIVED', false],
  ['DELETED', false],
])('treats an account with status %s as active: %s', (status, active) => {
  const [row] = glCodeRows([account({ status: status as never })]).rows;
  expect(row.active).toBe(active);
});

it('deactivates the options of an archived tracking category and points each option at its category', () => {
  const category = {
    trackingCategoryID: 'c1',
    name: 'Region',
    status: 'ARCHIVED',
    options: [{ trackingOptionID: 'o1', name: 'North', status: 'ACTIVE' }],
  } as unknown as TrackingCategory;
  const { options } = trackingRows([category]);
  expect(options.rows).toEqual([expect.objectContaining({ key: 'o1', parentKey: 'c1', active: false })]);
  expect(options.rows[0].columns[COLUMNS.trackingOption.name]).toBe('North');
});
