import { CHOICES } from '../../../../solution/names';
import { BatchRequest, buildBatch, parseBatchRequest } from '../../../src/adapters/dataverse/batch';
import {
  failureChangeset,
  gaveUpChangeset,
  operationSucceededChangeset,
  successChangeset,
  xeroDeepLink,
} from '../../../src/adapters/dataverse/writeBack';

const INVOICE = '00000000-0000-0000-0000-00000000a001';
const ROW = '00000000-0000-0000-0000-00000000e001';
const CONNECTION = '00000000-0000-0000-0000-0000000000c1';
const ACCOUNT = '00000000-0000-0000-0000-0000000000a9';
const timings = {
  startedOn: new Date('2026-12-01T00:00:00Z'),
  completedOn: new Date('2026-12-01T00:00:01.500Z'),
};

const body = (r: BatchRequest) => r.body as Record<string, unknown>;

describe('successChangeset', () => {
  const changeset = successChangeset({
    invoiceId: INVOICE,
    syncHistoryId: ROW,
    connectionId: CONNECTION,
    document: {
      xeroId: 'x-1',
      xeroNumber: 'INV-0042',
      xeroStatus: 'AUTHORISED',
      xeroUrl: 'https://go.xero.com/a',
      amountDue: 21,
      amountPaid: 0,
    },
    links: [{ entity: 'account', recordId: ACCOUNT, xeroId: 'c-1', name: "O'Brien Ltd" }],
    timings,
    attempts: 1,
    message: 'Sent to Xero as INV-0042 (AUTHORISED)',
  }).changeset;

  it('updates the invoice as Synced with the Xero columns, update-only', () => {
    const [invoice] = changeset;
    expect(invoice).toMatchObject({
      method: 'PATCH',
      url: `invoices(${INVOICE})`,
      headers: { 'If-Match': '*' },
    });
    expect(body(invoice)).toEqual({
      stl_xeroid: 'x-1',
      stl_xeronumber: 'INV-0042',
      stl_xerostatus: 'AUTHORISED',
      stl_xerourl: 'https://go.xero.com/a',
      stl_amountdue: 21,
      stl_amountpaid: 0,
      stl_lastsyncedon: '2026-12-01T00:00:01.500Z',
      stl_syncstatus: CHOICES.syncStatus.values.synced,
      'stl_ConnectionId@odata.bind': `/stl_connections(${CONNECTION})`,
    });
  });

  it('upserts a link row by its alternate key with the connection bound', () => {
    const link = changeset[1];
    expect(link.method).toBe('PATCH');
    expect(link.headers).toBeUndefined();
    expect(link.url).toBe(
      `stl_xerolinks(_stl_connectionid_value=${CONNECTION},stl_entity='account',stl_recordid='${ACCOUNT}')`,
    );
    expect(body(link)).toMatchObject({
      stl_xeroid: 'c-1',
      'stl_ConnectionId@odata.bind': `/stl_connections(${CONNECTION})`,
    });
  });

  it('marks the history row Succeeded with timings and the Xero id and number', () => {
    const history = changeset[2];
    expect(history.url).toBe(`stl_synchistories(${ROW})`);
    expect(body(history)).toMatchObject({
      stl_status: CHOICES.syncHistoryStatus.values.succeeded,
      stl_durationms: 1500,
      stl_xeroid: 'x-1',
      stl_xeronumber: 'INV-0042',
      stl_attempts: 1,
    });
  });

  it('goes on the wire as one changeset', () => {
    const built = buildBatch([{ changeset }], { apiPath: '/api/data/v9.2/' });
    const parts = parseBatchRequest(built.body, built.contentType);
    expect(parts).toHaveLength(3);
    expect(new Set(parts.map((p) => p.changeset)).size).toBe(1);
  });
});

describe('failureChangeset', () => {
  it('marks the history Failed with the messages verbatim and the findings, and the invoice Failed', () => {
    const [invoice, history] = failureChangeset({
      invoiceId: INVOICE,
      syncHistoryId: ROW,
      messages: ['Invoice # must be unique.', "The TaxType code 'GST on Income' is not valid"],
      findings: [{ severity: 'error', code: 'tax', field: 'taxType', message: 'x' }],
      timings,
    }).changeset;
    expect(body(invoice)).toEqual({ stl_syncstatus: CHOICES.syncStatus.values.failed });
    expect(body(history).stl_status).toBe(CHOICES.syncHistoryStatus.values.failed);
    expect(body(history).stl_message).toBe(
      "Invoice # must be unique.\nThe TaxType code 'GST on Income' is not valid",
    );
    expect(JSON.parse(String(body(history).stl_details)).findings).toHaveLength(1);
  });

  it('can record Needs review and leave the invoice alone when it was not read', () => {
    const { changeset } = failureChangeset({
      syncHistoryId: ROW,
      messages: ['Two Xero contacts match'],
      timings,
      outcome: 'needsReview',
    });
    expect(changeset).toHaveLength(1);
    expect(body(changeset[0]).stl_status).toBe(CHOICES.syncHistoryStatus.values.needsReview);
  });

  it('writes the first message as the summary the failures chart groups by, within its column', () => {
    const [, history] = failureChangeset({
      invoiceId: INVOICE,
      syncHistoryId: ROW,
      messages: ['Invoice # must be unique.\nSecond line', 'Another message'],
      timings,
    }).changeset;
    expect(body(history).stl_messagesummary).toBe('Invoice # must be unique.');
    const long = failureChangeset({ syncHistoryId: ROW, messages: ['y'.repeat(500)], timings });
    expect(String(body(long.changeset[0]).stl_messagesummary).length).toBe(200);
  });

  it('keeps a long message within the column size', () => {
    const { changeset } = failureChangeset({ syncHistoryId: ROW, messages: ['x'.repeat(20_000)], timings });
    expect(String(body(changeset[0]).stl_message).length).toBe(10_000);
  });
});

describe('xeroDeepLink', () => {
  it('links sales invoices and bills to their Xero pages, through the short code when known', () => {
    expect(xeroDeepLink(CHOICES.documentType.values.salesInvoice, 'abc')).toBe(
      'https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=abc',
    );
    expect(xeroDeepLink(CHOICES.documentType.values.purchaseInvoice, 'abc')).toContain('/AccountsPayable/');
    expect(xeroDeepLink(CHOICES.documentType.values.salesInvoice, 'abc', '!x1')).toMatch(
      /shortcode=!x1&redirecturl=%2FAccountsReceivable/,
    );
  });
});

describe('gaveUpChangeset', () => {
  const completedOn = new Date('2026-12-01T00:05:00Z');

  it('fails the history row and the invoice of a push together, update-only', () => {
    const [invoice, history] = gaveUpChangeset({
      syncHistoryId: ROW,
      invoiceId: INVOICE,
      message: 'Gave up after 8 attempts: Xero is down.',
      completedOn,
      attempts: 8,
    }).changeset;
    expect(invoice).toMatchObject({ url: `invoices(${INVOICE})`, headers: { 'If-Match': '*' } });
    expect(body(invoice)).toEqual({ stl_syncstatus: CHOICES.syncStatus.values.failed });
    expect(history).toMatchObject({ url: `stl_synchistories(${ROW})`, headers: { 'If-Match': '*' } });
    expect(body(history)).toEqual({
      stl_status: CHOICES.syncHistoryStatus.values.failed,
      stl_completedon: '2026-12-01T00:05:00.000Z',
      stl_message: 'Gave up after 8 attempts: Xero is down.',
      stl_messagesummary: 'Gave up after 8 attempts: Xero is down.',
      stl_attempts: 8,
    });
  });

  it('leaves the invoice alone for a job that is not a push', () => {
    const { changeset } = gaveUpChangeset({ syncHistoryId: ROW, message: 'x', completedOn, attempts: 3 });
    expect(changeset.map((r) => r.url)).toEqual([`stl_synchistories(${ROW})`]);
  });
});

describe('operationSucceededChangeset', () => {
  it('marks only the history row Succeeded with its timings and message', () => {
    const { changeset } = operationSucceededChangeset({
      syncHistoryId: ROW,
      message: 'Xero emailed invoice INV-0042 to the contact.',
      timings,
      attempts: 1,
    });
    expect(changeset).toHaveLength(1);
    expect(body(changeset[0])).toEqual({
      stl_status: CHOICES.syncHistoryStatus.values.succeeded,
      stl_startedon: '2026-12-01T00:00:00.000Z',
      stl_completedon: '2026-12-01T00:00:01.500Z',
      stl_durationms: 1500,
      stl_message: 'Xero emailed invoice INV-0042 to the contact.',
      stl_attempts: 1,
    });
  });
});
