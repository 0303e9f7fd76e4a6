import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { lookupKey } from '../../../plugins-proxy/src/domain/lookupKey';
import { IDS, snapshot } from '../../../plugins-proxy/test/domain/fixtures';
import { loadPanel, requestSync } from '../../XeroPanel/dataSource';
import { FakePanelWebApi, HISTORY_ID, RELAY_URL, rowsFor } from './support';

const invoiceToSync = { id: IDS.invoice, name: 'Order 1001', connectionId: IDS.connection };

describe('loadPanel', () => {
  it('reads an invoice that names its connection in 11 requests: invoice and history, then 9 in parallel', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));

    const result = await loadPanel(webApi, `{${IDS.invoice.toUpperCase()}}`);

    expect(result.ok && result.rows).toBeTruthy();
    expect(webApi.calls).toHaveLength(11);
    expect(webApi.summary().slice(0, 2)).toEqual([
      `retrieveRecord ${SYSTEM_TABLES.invoice.logicalName}`,
      `retrieveMultipleRecords ${TABLES.syncHistory.logicalName}`,
    ]);
    expect(webApi.calls[0].id).toBe(IDS.invoice);
    expect(webApi.calls[0].options).toBe(
      '?$expand=' +
        encodeURIComponent('invoice_details,customerid_account,customerid_contact,transactioncurrencyid'),
    );
  });

  it('asks for the last five history rows of this invoice, newest first', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));

    await loadPanel(webApi, IDS.invoice);

    const options = decodeURIComponent(webApi.calls[1].options ?? '');
    expect(options).toContain(`$filter=${lookupKey(COLUMNS.syncHistory.invoiceId)} eq ${IDS.invoice}`);
    expect(options).toContain('$orderby=createdon desc&$top=5');
  });

  it('never asks for the connection’s field-secured connect code', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));

    await loadPanel(webApi, IDS.invoice);

    const connectionRead = webApi.calls.find((c) => c.entity === TABLES.connection.logicalName);
    expect(connectionRead?.options).toMatch(/^\?\$select=/);
    expect(connectionRead?.options).not.toContain(COLUMNS.connection.connectNonce);
  });

  it('uses the default connection when the invoice names none, at the cost of one more request', async () => {
    const rows = rowsFor(snapshot({ invoice: { [lookupKey(COLUMNS.invoice.connectionId)]: null } }));
    const webApi = new FakePanelWebApi(rows);
    webApi.defaultConnection = { [TABLES.connection.primaryId]: IDS.connection };

    const result = await loadPanel(webApi, IDS.invoice);

    expect(result.ok && result.rows?.connection).toBeTruthy();
    expect(webApi.calls).toHaveLength(12);
    expect(decodeURIComponent(webApi.calls[2].options ?? '')).toContain('stl_isdefault eq true');
  });

  it('says why there is no pre-flight check when there is no connection at all', async () => {
    const rows = rowsFor(snapshot({ invoice: { [lookupKey(COLUMNS.invoice.connectionId)]: null } }));
    const webApi = new FakePanelWebApi(rows);

    const result = await loadPanel(webApi, IDS.invoice);

    expect(result).toMatchObject({
      ok: true,
      preflightMessage:
        'Invoice INV-01001-A1B2C3 names no Xero connection and there is no default connection: set Connection on the invoice.',
    });
    expect(result).not.toHaveProperty('rows');
    expect(webApi.calls).toHaveLength(3);
  });

  it('says why there is no pre-flight check when the invoice has no customer', async () => {
    const rows = rowsFor(snapshot());
    const webApi = new FakePanelWebApi({ ...rows, invoice: { ...rows.invoice, customerid_account: null } });

    const result = await loadPanel(webApi, IDS.invoice);

    expect(result).toMatchObject({ ok: true, preflightMessage: expect.stringContaining('has no customer') });
  });

  it('gives null defaults when the connection has none', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot({ defaults: null })));

    const result = await loadPanel(webApi, IDS.invoice);

    expect(result.ok && result.rows?.defaults).toBeNull();
  });

  it('returns the Web API error as a message instead of throwing', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    webApi.failWith = { message: 'Principal user is missing prvReadInvoice privilege' };

    await expect(loadPanel(webApi, IDS.invoice)).resolves.toEqual({
      ok: false,
      message: 'Principal user is missing prvReadInvoice privilege',
    });
  });
});

describe('requestSync', () => {
  it('creates the Queued history row with the trigger, marks the invoice Queued and nudges the relay', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    const fetch = jest.fn().mockResolvedValue({ ok: true });

    const outcome = await requestSync(webApi, invoiceToSync, CHOICES.trigger.values.retry, fetch);

    expect(outcome).toEqual({ ok: true, historyId: HISTORY_ID, warning: undefined });
    const created = webApi.calls.find((c) => c.method === 'createRecord');
    expect(created?.data).toMatchObject({
      [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.queued,
      [COLUMNS.syncHistory.trigger]: CHOICES.trigger.values.retry,
    });
    expect(webApi.calls.find((c) => c.method === 'updateRecord')?.data).toEqual({
      [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.queued,
    });
    expect(fetch).toHaveBeenCalledWith(`${RELAY_URL}/api/sync-requests/${HISTORY_ID}/nudge`, {
      method: 'POST',
    });
  });

  it('still succeeds when the nudge fails: the webhook and the reconciler pick the row up', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    const fetch = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));

    await expect(
      requestSync(webApi, invoiceToSync, CHOICES.trigger.values.button, fetch),
    ).resolves.toMatchObject({
      ok: true,
      historyId: HISTORY_ID,
    });
  });

  it('returns the Web API error when the row cannot be created', async () => {
    const webApi = new FakePanelWebApi(rowsFor(snapshot()));
    webApi.failWith = { message: 'Principal user is missing prvCreatestl_synchistory privilege' };

    await expect(
      requestSync(webApi, invoiceToSync, CHOICES.trigger.values.button, jest.fn()),
    ).resolves.toEqual({
      ok: false,
      message: 'Principal user is missing prvCreatestl_synchistory privilege',
    });
  });
});
