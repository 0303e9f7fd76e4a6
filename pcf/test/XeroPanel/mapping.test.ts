import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { lookupKey } from '../../../plugins-proxy/src/domain/lookupKey';
import { mapInvoice } from '../../../plugins-proxy/src/domain/mapInvoice';
import { finding, MESSAGES, type FindingCode } from '../../../plugins-proxy/src/domain/findings';
import { IDS, snapshot, writeIn } from '../../../plugins-proxy/test/domain/fixtures';
import { snapshotFromRows } from '../../XeroPanel/snapshotFromRows';
import {
  formatDifference,
  splitFinding,
  syncButton,
  toPreflightView,
  toXeroPanelProps,
  type PanelState,
} from '../../XeroPanel/mapping';
import { rowsFor, testFormatters } from './support';

const format = testFormatters();
const noActions = { onSync: () => undefined, onOpenUrl: () => undefined, onOpenHelp: () => undefined };

function roundTrip(s: ReturnType<typeof snapshot>) {
  return snapshotFromRows(rowsFor(s), s.today, s.timeZone);
}

function state(patch: Partial<PanelState> = {}): PanelState {
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

describe('the pre-flight view', () => {
  it('splits each finding into the problem and its fix from the catalogue', () => {
    const f = finding('ACCOUNT_CODE_MISSING', 'invoicedetail.stl_glcodeid', {
      line: 'Line 2 (Gadget)',
      side: 'sales',
    });

    expect(splitFinding(f)).toEqual({
      severity: 'error',
      code: 'ACCOUNT_CODE_MISSING',
      problem: 'Line 2 (Gadget): no sales account code.',
      fix: 'Set GL Code on the line, a sales GL code on the product, or the sales GL code on the Defaults.',
    });
  });

  it.each(Object.keys(MESSAGES) as FindingCode[])(
    'splits %s back into its filled template and fix',
    (code) => {
      const placeholders = `${MESSAGES[code].template} ${MESSAGES[code].fix}`.match(/\{\w+\}/g) ?? [];
      const params = Object.fromEntries(placeholders.map((p, i) => [p.slice(1, -1), `value ${i}.`]));
      const f = finding(code, 'invoice.name', params);

      const view = splitFinding(f);

      expect(view.fix).toBeDefined();
      expect(`${view.problem} ${view.fix}`).toBe(f.message);
    },
  );

  it('splits a finding whose fix is all placeholder after the problem', () => {
    const f = finding('NEGATIVE_TOTAL', 'invoice.totalamount', {
      invoice: 'Invoice 1',
      total: '-5.00',
      advice: 'Raise a credit note.',
    });

    expect(splitFinding(f)).toMatchObject({
      problem: 'Invoice 1: the total -5.00 is negative.',
      fix: 'Raise a credit note.',
    });
  });

  it('leaves out the findings only Xero can decide and says the contact is checked at sync time', () => {
    const s = snapshot({
      connection: { [COLUMNS.connection.contactPolicy]: CHOICES.contactPolicy.values.existingOnly },
    });
    const result = mapInvoice(roundTrip(s));
    expect(result.findings.map((f) => f.code)).toContain('CONTACT_MISSING');

    const view = toPreflightView(result, format);

    expect(view.findings.map((f) => f.code)).not.toContain('CONTACT_MISSING');
    expect(view.blocked).toBe(false);
    expect(view.contactNote).toBe('Customer: the Xero contact is checked at sync time.');
  });

  it('blocks on an error the browser can see, such as a line without a GL code anywhere', () => {
    const s = snapshot({
      lines: [writeIn('Consulting', { [lookupKey(COLUMNS.invoiceDetail.glCodeId)]: null })],
      defaults: null,
    });

    const view = toPreflightView(mapInvoice(roundTrip(s)), format);

    expect(view.blocked).toBe(true);
    expect(view.findings.map((f) => f.code)).toContain('ACCOUNT_CODE_MISSING');
  });

  it('puts the Dynamics total beside the Xero total with the difference', () => {
    const s = snapshot({ invoice: { [SYSTEM_COLUMNS.invoice.totalAmount]: 25.86 } });

    const view = toPreflightView(mapInvoice(roundTrip(s)), format);

    expect(view).toMatchObject({
      dynamicsTotal: '25.86',
      xeroTotal: '25.85',
      difference: '-0.01',
      differs: true,
    });
  });

  it.each([
    [0.01, '+0.01'],
    [-1.5, '-1.50'],
    [0, '0.00'],
    [-0.004, '0.00'],
  ])('formats a difference of %p as %s', (difference, expected) => {
    expect(formatDifference(difference, (v) => v.toFixed(2))).toBe(expected);
  });
});

describe('toXeroPanelProps', () => {
  const history = (status: number) => [
    { [COLUMNS.syncHistory.status]: status, createdon: '2026-12-01T09:00:00Z' },
  ];

  it('shows the Xero number, status and amounts the relay wrote back, and the links', () => {
    const invoice = {
      [COLUMNS.invoice.xeroNumber]: 'INV-0042',
      [COLUMNS.invoice.xeroStatus]: 'AUTHORISED',
      [COLUMNS.invoice.amountPaid]: 10,
      [COLUMNS.invoice.amountDue]: 15.85,
      [COLUMNS.invoice.xeroUrl]: 'https://go.xero.com/x',
      [COLUMNS.invoice.onlineUrl]: 'https://in.xero.com/y',
    };

    const props = toXeroPanelProps(state({ invoice }), format, noActions);

    expect(props.details.map((d) => `${d.caption}: ${d.value}`)).toEqual([
      'Xero number: INV-0042',
      'Xero status: AUTHORISED',
      'Amount paid: 10.00',
      'Amount due: 15.85',
    ]);
    expect(props).toMatchObject({ xeroUrl: 'https://go.xero.com/x', onlineUrl: 'https://in.xero.com/y' });
  });

  it('says "Not in Xero yet" for what an unsynced invoice does not have', () => {
    const props = toXeroPanelProps(state({ invoice: {} }), format, noActions);

    expect(new Set(props.details.map((d) => d.value))).toEqual(new Set(['Not in Xero yet']));
    expect(props.xeroUrl).toBeUndefined();
  });

  it('offers Sync when nothing ran yet', () => {
    expect(syncButton(state(), format)).toEqual({ label: 'Sync to Xero', disabled: false, running: false });
  });

  it('offers Retry when the last attempt failed', () => {
    expect(
      syncButton(state({ history: history(CHOICES.syncHistoryStatus.values.failed) }), format).label,
    ).toBe('Retry sync');
  });

  it.each([
    ['the invoice is Queued', state({ syncStatus: CHOICES.syncStatus.values.queued })],
    [
      'the last attempt is In progress',
      state({ history: history(CHOICES.syncHistoryStatus.values.inProgress) }),
    ],
    ['a request is being sent', state({ sending: true })],
    ['the invoice is not saved', state({ invoiceId: undefined })],
  ])('disables the button while %s', (_, s) => {
    expect(syncButton(s, format).disabled).toBe(true);
  });

  it('lists at most five history entries with their status, time and Xero message', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({
      stl_synchistoryid: `h${i}`,
      [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.failed,
      [COLUMNS.syncHistory.completedOn]: '2026-12-01T09:30:00Z',
      [COLUMNS.syncHistory.message]: 'Account code 999 is not a valid code',
    }));

    const props = toXeroPanelProps(state({ history: rows }), format, noActions);

    expect(props.history).toHaveLength(5);
    expect(props.history[0]).toEqual({
      id: 'h0',
      status: 'Failed',
      tone: 'danger',
      time: '2026-12-01 09:30',
      message: 'Account code 999 is not a valid code',
    });
  });

  it('shows load errors and the reason there is no pre-flight check as notices', () => {
    const props = toXeroPanelProps(
      state({ errors: ['boom'], preflightMessage: 'no connection' }),
      format,
      noActions,
    );

    expect(props.notices).toEqual([
      { kind: 'error', text: 'boom' },
      { kind: 'warning', text: 'no connection' },
    ]);
  });
});
