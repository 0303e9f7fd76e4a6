/// <reference types="xrm" />
import { CHOICES, COLUMNS, navigationProperty, SYSTEM_TABLES, TABLES } from '../../solution/names';
import { syncSelected } from '../scripts/invoiceRibbon';
import {
  fakeGrid,
  FakeWebApi,
  installFakeFetch,
  installFakeXrm,
  seedRelayUrl,
  uninstallFakeXrm,
} from './fakeXrm';

const INVOICE = SYSTEM_TABLES.invoice.logicalName;
const HISTORY = TABLES.syncHistory.logicalName;
const H = COLUMNS.syncHistory;
const connectionValue = `_${COLUMNS.invoice.connectionId}_value`;
const ids = [
  '11111111-1111-4111-8111-111111111111',
  '22222222-2222-4222-8222-222222222222',
  '33333333-3333-4333-8333-333333333333',
];

function threeInvoices(): FakeWebApi {
  const webApi = new FakeWebApi();
  ids.forEach((id, i) => webApi.seed(INVOICE, id, { name: `INV-${i + 1}`, [connectionValue]: null }));
  return webApi;
}

afterEach(uninstallFakeXrm);

describe('StellariseRibbon.syncSelected', () => {
  it('queues one Bulk push request per selected invoice', async () => {
    const { webApi } = installFakeXrm(threeInvoices());

    await syncSelected(
      fakeGrid().grid,
      ids.map((id) => `{${id.toUpperCase()}}`),
    );

    const rows = webApi.rows(HISTORY);
    expect(rows.map((r) => r[H.name]).sort()).toEqual(['Push INV-1', 'Push INV-2', 'Push INV-3']);
    expect(rows.every((r) => r[H.trigger] === CHOICES.trigger.values.bulk)).toBe(true);
    expect(rows.every((r) => r[H.status] === CHOICES.syncHistoryStatus.values.queued)).toBe(true);
  });

  it('marks every selected invoice Queued and refreshes the grid', async () => {
    const { webApi } = installFakeXrm(threeInvoices());
    const { grid, refreshes } = fakeGrid();

    await syncSelected(grid, ids);

    expect(ids.map((id) => webApi.row(INVOICE, id)?.[COLUMNS.invoice.syncStatus])).toEqual(
      ids.map(() => CHOICES.syncStatus.values.queued),
    );
    expect(refreshes()).toBe(1);
  });

  it('binds the connection read from each invoice', async () => {
    const connectionId = 'c0c0c0c0-0000-4000-8000-000000000009';
    const webApi = new FakeWebApi().seed(INVOICE, ids[0], { name: 'INV-1', [connectionValue]: connectionId });
    installFakeXrm(webApi);

    await syncSelected(fakeGrid().grid, [ids[0]]);

    expect(webApi.rows(HISTORY)[0][`${navigationProperty(HISTORY, H.connectionId)}@odata.bind`]).toBe(
      `/${TABLES.connection.entitySet}(${connectionId})`,
    );
  });

  it('asks for confirmation first and does nothing when the user cancels', async () => {
    const { webApi, navigation } = installFakeXrm(threeInvoices());
    navigation.confirmAnswer = false;
    const { grid, refreshes } = fakeGrid();

    await syncSelected(grid, ids);

    expect(navigation.confirms).toEqual([{ title: 'Sync to Xero', text: 'Queue 3 invoices for Xero?' }]);
    expect(webApi.calls).toEqual([]);
    expect(refreshes()).toBe(0);
  });

  it('summarises how many were queued and why the others failed', async () => {
    const webApi = threeInvoices().failOn(
      'createRecord',
      HISTORY,
      'The invoice is locked',
      (_id, data) => data?.[H.name] === 'Push INV-2',
    );
    const { navigation } = installFakeXrm(webApi);

    await syncSelected(fakeGrid().grid, ids);

    expect(navigation.alerts).toEqual([
      { title: 'Sync to Xero', text: '2 invoices queued, 1 failed: INV-2: The invoice is locked' },
    ]);
  });

  it('names the invoice by id when it cannot be read', async () => {
    const missing = '44444444-4444-4444-8444-444444444444';
    const { navigation } = installFakeXrm(threeInvoices());

    await syncSelected(fakeGrid().grid, [ids[0], missing]);

    expect(navigation.alerts[0].text).toBe(
      `1 invoice queued, 1 failed: ${missing}: invoice With Id = ${missing} Does Not Exist`,
    );
  });

  it('tells the user to select invoices when none are selected', async () => {
    const { webApi, navigation } = installFakeXrm(threeInvoices());

    await syncSelected(fakeGrid().grid, []);

    expect(navigation.confirms).toEqual([]);
    expect(navigation.alerts).toEqual([{ text: 'Select at least one invoice to sync to Xero.' }]);
    expect(webApi.calls).toEqual([]);
  });
});

describe('StellariseRibbon.syncSelected when only an invoice update fails', () => {
  it('counts the invoice as queued, with a warning, since its history row exists', async () => {
    const webApi = threeInvoices().failOn('updateRecord', INVOICE, 'Record is locked', (id) => id === ids[1]);
    const { navigation } = installFakeXrm(webApi);

    await syncSelected(fakeGrid().grid, ids);

    expect(webApi.rows(HISTORY)).toHaveLength(3);
    expect(navigation.alerts).toEqual([
      {
        title: 'Sync to Xero',
        text: '3 invoices queued (1 not marked Queued on the invoice, but the sync still runs: INV-2: Record is locked).',
      },
    ]);
  });
});

describe('StellariseRibbon.syncSelected and the relay', () => {
  it('sends no nudge: the Dataverse webhook announces every Bulk row', async () => {
    const fetch = installFakeFetch({ status: 202, body: {} });
    try {
      const { webApi } = installFakeXrm(
        seedRelayUrl(threeInvoices(), { value: 'https://relay.contoso.com' }),
      );

      await syncSelected(fakeGrid().grid, ids);

      expect(webApi.rows(HISTORY)).toHaveLength(3);
      expect(fetch.calls).toEqual([]);
    } finally {
      fetch.restore();
    }
  });
});
