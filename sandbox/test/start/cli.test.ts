import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { CliError } from '../../cli/connect';
import { findByNumber } from '../../cli/invoices';
import { parseAmount } from '../../cli/pay';
import { messageLines } from '../../cli/sync';
import { formatTable } from '../../cli/table';

const N = SYSTEM_COLUMNS.invoice.invoiceNumber;
const INVOICES = [{ [N]: 'INV-01000-AAAAAA' }, { [N]: 'INV-01001-BBBBBB' }, { [N]: 'INV-01010-CCCCCC' }];

describe('findByNumber', () => {
  it('finds an invoice by its full number, in any case', () => {
    expect(findByNumber(INVOICES, 'inv-01001-bbbbbb')).toBe(INVOICES[1]);
  });

  it('finds an invoice by a prefix only it has', () => {
    expect(findByNumber(INVOICES, 'INV-01000')).toBe(INVOICES[0]);
  });

  it('refuses a prefix several invoices share, listing them (exit 1)', () => {
    expect(() => findByNumber(INVOICES, 'INV-0100')).toThrow(
      new CliError(
        '"INV-0100" matches 2 invoices (INV-01000-AAAAAA, INV-01001-BBBBBB); type more of the number.',
        1,
      ),
    );
  });

  it('says no invoice has an unknown number (exit 1)', () => {
    expect(() => findByNumber(INVOICES, 'INV-9')).toThrow(/No invoice has the number "INV-9"/);
  });
});

describe('parseAmount', () => {
  it('leaves the amount to Xero (the amount due) when none is given', () => {
    expect(parseAmount(undefined)).toBeUndefined();
  });

  it('reads a positive amount with cents', () => {
    expect(parseAmount('12.35')).toBe(12.35);
  });

  it.each([['0'], ['-5'], ['abc'], ['1.005']])('refuses %j', (text) => {
    expect(() => parseAmount(text)).toThrow(/The amount must be a positive number with at most 2 decimals/);
  });
});

describe('messageLines', () => {
  const HC = COLUMNS.syncHistory;

  it('prints the message and then the findings it does not already say', () => {
    const row = {
      [HC.status]: CHOICES.syncHistoryStatus.values.failed,
      [HC.message]: 'Not sent to Xero: 1 problem(s) to fix first.\nLine 1: no sales account code.',
      [HC.details]: JSON.stringify({
        findings: [
          { severity: 'error', message: 'Line 1: no sales account code.' },
          { severity: 'warning', message: 'No Due Date.' },
        ],
      }),
    };
    expect(messageLines(row)).toEqual([
      '    Not sent to Xero: 1 problem(s) to fix first.',
      '    Line 1: no sales account code.',
      '    warning: No Due Date.',
    ]);
  });

  it('prints details that are not JSON as they are', () => {
    expect(messageLines({ [HC.details]: 'Xero said no' })).toEqual(['    Xero said no']);
  });
});

describe('formatTable', () => {
  it('pads every column to its widest cell under a rule', () => {
    expect(formatTable(['A', 'Bee'], [['long value', 'x']])).toEqual([
      'A           Bee',
      '----------  ---',
      'long value  x',
    ]);
  });
});
