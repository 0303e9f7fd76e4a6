/// <reference types="xrm" />
import { CHOICES, COLUMNS, LOOKUPS, SYSTEM_TABLES, TABLES } from '../../solution/names';
import { enableSyncToXero, MESSAGES, syncToXero } from '../scripts/invoiceRibbon';
import { fakeForm, FakeWebApi, installFakeXrm, uninstallFakeXrm } from './fakeXrm';

const INVOICE = SYSTEM_TABLES.invoice.logicalName;
const HISTORY = TABLES.syncHistory.logicalName;
const H = COLUMNS.syncHistory;
const invoiceId = '6f1c2a8e-3b4d-4c5e-9f60-7a8b9c0d1e2f';
const connectionId = 'a1b2c3d4-0000-4000-8000-000000000001';

function bindKey(table: string, column: string): string {
  const found = LOOKUPS.find((l) => l.table === table && l.column === column);
  if (!found) throw new Error(`test setup: no lookup ${table}.${column}`);
  return `${found.navigationProperty}@odata.bind`;
}

function savedInvoiceForm(extra: Record<string, unknown> = {}) {
  return fakeForm({
    id: invoiceId,
    attributes: {
      name: 'INV-1001 Contoso',
      [COLUMNS.invoice.documentType]: CHOICES.documentType.values.salesInvoice,
      [COLUMNS.invoice.connectionId]: [
        { id: `{${connectionId.toUpperCase()}}`, entityType: TABLES.connection.logicalName },
      ],
      ...extra,
    },
  });
}

afterEach(uninstallFakeXrm);

describe('StellariseRibbon.syncToXero', () => {
  it('asks to save first and creates nothing when the invoice is unsaved', async () => {
    const { webApi } = installFakeXrm();
    const form = fakeForm({ id: '', attributes: { name: 'Draft' } });

    await syncToXero(form.formContext);

    expect(form.notifications.get('stl_xerosync')).toEqual({ message: MESSAGES.saveFirst, level: 'WARNING' });
    expect(webApi.calls).toEqual([]);
  });

  it('creates one Queued push request bound to the invoice and its connection', async () => {
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));

    await syncToXero(savedInvoiceForm().formContext);

    expect(webApi.rows(HISTORY)).toEqual([
      {
        [H.name]: 'Push INV-1001 Contoso',
        [H.status]: CHOICES.syncHistoryStatus.values.queued,
        [H.operation]: CHOICES.operation.values.pushDocument,
        [H.trigger]: CHOICES.trigger.values.button,
        [bindKey(HISTORY, H.invoiceId)]: `/invoices(${invoiceId})`,
        [bindKey(HISTORY, H.connectionId)]: `/${TABLES.connection.entitySet}(${connectionId})`,
      },
    ]);
  });

  it('leaves the connection unbound when the invoice has none', async () => {
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));

    await syncToXero(savedInvoiceForm({ [COLUMNS.invoice.connectionId]: null }).formContext);

    expect(Object.keys(webApi.rows(HISTORY)[0])).not.toContain(bindKey(HISTORY, H.connectionId));
  });

  it('sets the invoice sync status to Queued, refreshes the form without saving and says so', async () => {
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));
    const form = savedInvoiceForm();

    await syncToXero(form.formContext);

    expect(webApi.row(INVOICE, invoiceId)).toEqual({
      [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.queued,
    });
    expect(form.refreshes).toEqual([false]);
    expect(form.notifications.get('stl_xerosync')).toEqual({ message: MESSAGES.queued, level: 'INFO' });
  });

  it('saves pending edits before queueing, so the relay reads what the user sees', async () => {
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));
    const form = fakeForm({ id: invoiceId, attributes: { name: 'INV-1' }, dirty: true });

    await syncToXero(form.formContext);

    expect(form.saves).toBe(1);
    expect(webApi.rows(HISTORY)).toHaveLength(1);
  });

  it("shows Dataverse's message as an error when the Web API rejects the request", async () => {
    const denied = 'Principal user is missing prvCreatestl_synchistory privilege';
    installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}).failOn('createRecord', HISTORY, denied));
    const form = savedInvoiceForm();

    await syncToXero(form.formContext);

    expect(form.notifications.get('stl_xerosync')).toEqual({
      message: MESSAGES.failed(denied),
      level: 'ERROR',
    });
  });

  it('accepts an execution context as well as the form context', async () => {
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));
    const form = savedInvoiceForm();
    const executionContext = { getFormContext: () => form.formContext } as unknown as Xrm.Events.EventContext;

    await syncToXero(executionContext);

    expect(webApi.rows(HISTORY)).toHaveLength(1);
  });
});

describe('StellariseRibbon.enableSyncToXero', () => {
  it('enables the button on a saved invoice with a document type', () => {
    expect(enableSyncToXero(savedInvoiceForm().formContext)).toBe(true);
  });

  it('disables the button on an unsaved invoice', () => {
    const form = fakeForm({ id: '', attributes: { [COLUMNS.invoice.documentType]: 106240000 } });
    expect(enableSyncToXero(form.formContext)).toBe(false);
  });

  it('disables the button when the document type is empty', () => {
    expect(enableSyncToXero(savedInvoiceForm({ [COLUMNS.invoice.documentType]: null }).formContext)).toBe(
      false,
    );
  });
});
