/// <reference types="xrm" />
import { CHOICES, COLUMNS, LOOKUPS, SYSTEM_TABLES, TABLES } from '../../solution/names';
import {
  emailFromXero,
  enableEmailFromXero,
  enableOpenInXero,
  enableSyncToXero,
  MESSAGES,
  openInXero,
  syncToXero,
} from '../scripts/invoiceRibbon';
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

describe('StellariseRibbon.enableSyncToXero while a sync is queued', () => {
  it('disables the button while the invoice sync status is Queued', () => {
    const form = savedInvoiceForm({ [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.queued });
    expect(enableSyncToXero(form.formContext)).toBe(false);
  });

  it.each([CHOICES.syncStatus.values.failed, CHOICES.syncStatus.values.synced, null])(
    'enables the button with sync status %p',
    (syncStatus) => {
      expect(
        enableSyncToXero(savedInvoiceForm({ [COLUMNS.invoice.syncStatus]: syncStatus }).formContext),
      ).toBe(true);
    },
  );
});

describe('StellariseRibbon.syncToXero when only the status update fails', () => {
  it('reports the invoice as queued, with a warning naming the status column', async () => {
    const { webApi } = installFakeXrm(
      new FakeWebApi().seed(INVOICE, invoiceId, {}).failOn('updateRecord', INVOICE, 'Record is locked'),
    );
    const form = savedInvoiceForm();

    await syncToXero(form.formContext);

    expect(webApi.rows(HISTORY)).toHaveLength(1);
    expect(form.notifications.get('stl_xerosync')).toEqual({
      message: MESSAGES.queuedWithWarning('Record is locked'),
      level: 'WARNING',
    });
    expect(MESSAGES.queuedWithWarning('x')).toContain(COLUMNS.invoice.syncStatus);
  });
});

describe('StellariseRibbon.openInXero', () => {
  const xeroUrl = 'https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=0a1b2c3d';

  it('opens the Xero link of the invoice', async () => {
    const { navigation } = installFakeXrm();

    await openInXero(savedInvoiceForm({ [COLUMNS.invoice.xeroUrl]: xeroUrl }).formContext);

    expect(navigation.opened.map((o) => o.url)).toEqual([xeroUrl]);
  });

  it('explains instead of opening when the invoice has no Xero link', async () => {
    const { navigation } = installFakeXrm();
    const form = savedInvoiceForm({ [COLUMNS.invoice.xeroUrl]: null });

    await openInXero(form.formContext);

    expect(navigation.opened).toEqual([]);
    expect(form.notifications.get('stl_xerosync')).toEqual({ message: MESSAGES.noXeroUrl, level: 'WARNING' });
  });

  it.each([
    [xeroUrl, true],
    [null, false],
    ['  ', false],
  ])('enables the button when the Xero link is %p: %p', (value, enabled) => {
    expect(enableOpenInXero(savedInvoiceForm({ [COLUMNS.invoice.xeroUrl]: value }).formContext)).toBe(
      enabled,
    );
  });
});

describe('StellariseRibbon.emailFromXero', () => {
  const synced = { [COLUMNS.invoice.xeroId]: '0a1b2c3d-0000-4000-8000-00000000abcd' };

  it('creates one Queued Email document request, trigger Button, bound to the invoice and connection', async () => {
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));
    const form = savedInvoiceForm(synced);

    await emailFromXero(form.formContext);

    expect(webApi.rows(HISTORY)).toEqual([
      {
        [H.name]: 'Email INV-1001 Contoso',
        [H.status]: CHOICES.syncHistoryStatus.values.queued,
        [H.operation]: CHOICES.operation.values.emailDocument,
        [H.trigger]: CHOICES.trigger.values.button,
        [bindKey(HISTORY, H.invoiceId)]: `/invoices(${invoiceId})`,
        [bindKey(HISTORY, H.connectionId)]: `/${TABLES.connection.entitySet}(${connectionId})`,
      },
    ]);
    expect(form.notifications.get('stl_xerosync')).toEqual({ message: MESSAGES.emailQueued, level: 'INFO' });
  });

  it('does not touch the invoice sync status', async () => {
    const { webApi } = installFakeXrm(new FakeWebApi().seed(INVOICE, invoiceId, {}));

    await emailFromXero(savedInvoiceForm(synced).formContext);

    expect(webApi.calls.map((c) => c.operation)).toEqual(['createRecord']);
  });

  it("shows Dataverse's message when the request cannot be created", async () => {
    installFakeXrm(new FakeWebApi().failOn('createRecord', HISTORY, 'Not allowed'));
    const form = savedInvoiceForm(synced);

    await emailFromXero(form.formContext);

    expect(form.notifications.get('stl_xerosync')).toEqual({
      message: MESSAGES.emailFailed('Not allowed'),
      level: 'ERROR',
    });
  });

  it('enables the button on a synced sales invoice', () => {
    expect(enableEmailFromXero(savedInvoiceForm(synced).formContext)).toBe(true);
  });

  it('disables the button on an invoice not yet in Xero', () => {
    expect(enableEmailFromXero(savedInvoiceForm({ [COLUMNS.invoice.xeroId]: null }).formContext)).toBe(false);
  });

  it('disables the button on a bill (purchase invoice), which Xero does not email', () => {
    const bill = { ...synced, [COLUMNS.invoice.documentType]: CHOICES.documentType.values.purchaseInvoice };
    expect(enableEmailFromXero(savedInvoiceForm(bill).formContext)).toBe(false);
  });

  it('disables the button while a sync is Queued', () => {
    const queued = { ...synced, [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.queued };
    expect(enableEmailFromXero(savedInvoiceForm(queued).formContext)).toBe(false);
  });

  it('disables the button on an unsaved invoice', () => {
    const form = fakeForm({ id: '', attributes: synced });
    expect(enableEmailFromXero(form.formContext)).toBe(false);
  });
});
