/// <reference types="xrm" />
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES } from '../../solution/names';
import { MESSAGES, syncToXero } from '../scripts/invoiceRibbon';
import {
  fakeForm,
  FakeWebApi,
  installFakeFetch,
  installFakeXrm,
  seedRelayUrl,
  uninstallFakeXrm,
} from './fakeXrm';

const INVOICE = SYSTEM_TABLES.invoice.logicalName;
const HISTORY = TABLES.syncHistory.logicalName;
const invoiceId = '6f1c2a8e-3b4d-4c5e-9f60-7a8b9c0d1e2f';
const RELAY = 'https://relay.contoso.com';

function savedInvoiceForm() {
  return fakeForm({
    id: invoiceId,
    attributes: {
      name: 'INV-1001',
      [COLUMNS.invoice.documentType]: CHOICES.documentType.values.salesInvoice,
    },
  });
}

/** The id the fake Web API gave the one Queued history row. */
function historyId(webApi: FakeWebApi): string {
  const ids = [...(webApi.tables.get(HISTORY)?.keys() ?? [])];
  expect(ids).toHaveLength(1);
  return ids[0];
}

let restoreFetch: (() => void) | undefined;
afterEach(() => {
  restoreFetch?.();
  restoreFetch = undefined;
  uninstallFakeXrm();
});

describe('StellariseRibbon.syncToXero nudges the relay', () => {
  it('posts the new row to the relay named by stl_RelayUrl, as the Xero panel does', async () => {
    const fetch = installFakeFetch({ status: 202, body: { status: 'accepted' } });
    restoreFetch = fetch.restore;
    const { webApi } = installFakeXrm(
      seedRelayUrl(new FakeWebApi().seed(INVOICE, invoiceId, {}), { value: `${RELAY}/` }),
    );

    await syncToXero(savedInvoiceForm().formContext);

    expect(fetch.calls).toEqual([
      { url: `${RELAY}/api/sync-requests/${historyId(webApi)}/nudge`, init: { method: 'POST' } },
    ]);
  });

  it('still says Queued when the relay cannot be reached: the webhook and the reconciler pick the row up', async () => {
    const fetch = installFakeFetch(new TypeError('Failed to fetch'));
    restoreFetch = fetch.restore;
    const { webApi } = installFakeXrm(
      seedRelayUrl(new FakeWebApi().seed(INVOICE, invoiceId, {}), { value: RELAY }),
    );
    const form = savedInvoiceForm();

    await syncToXero(form.formContext);

    expect(fetch.calls).toHaveLength(1);
    expect(webApi.rows(HISTORY)).toHaveLength(1);
    expect(form.notifications.get('stl_xerosync')).toEqual({ message: MESSAGES.queued, level: 'INFO' });
  });

  it('queues without a nudge when the relay URL is not set', async () => {
    const fetch = installFakeFetch({ status: 202, body: {} });
    restoreFetch = fetch.restore;
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));
    const form = savedInvoiceForm();

    await syncToXero(form.formContext);

    expect(fetch.calls).toEqual([]);
    expect(webApi.rows(HISTORY)).toHaveLength(1);
    expect(form.notifications.get('stl_xerosync')).toEqual({ message: MESSAGES.queued, level: 'INFO' });
  });

  it('does not nudge when the row could not be created', async () => {
    const fetch = installFakeFetch({ status: 202, body: {} });
    restoreFetch = fetch.restore;
    installFakeXrm(
      seedRelayUrl(new FakeWebApi().seed(INVOICE, invoiceId, {}), { value: RELAY }).failOn(
        'createRecord',
        HISTORY,
        'Principal user is missing prvCreatestl_synchistory privilege',
      ),
    );

    await syncToXero(savedInvoiceForm().formContext);

    expect(fetch.calls).toEqual([]);
  });
});
