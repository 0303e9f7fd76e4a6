/// <reference types="xrm" />
import { CHOICES, COLUMNS, navigationProperty, TABLES } from '../../solution/names';
import { CONNECTION_MESSAGES } from '../scripts/connectionActions';
import {
  connectToXero,
  disconnectFromXero,
  enableConnect,
  enableReconnect,
  MESSAGES,
  refreshReferenceDataNow,
} from '../scripts/connectionCommands';
import { RELAY_URL_MESSAGES } from '../scripts/relayUrl';
import {
  fakeForm,
  FakeWebApi,
  installFakeFetch,
  installFakeXrm,
  seedRelayUrl,
  uninstallFakeXrm,
} from './fakeXrm';

const CONNECTION = TABLES.connection.logicalName;
const HISTORY = TABLES.syncHistory.logicalName;
const C = COLUMNS.connection;
const H = COLUMNS.syncHistory;
const status = CHOICES.connectionStatus.values;
const connectionId = 'c0ffee00-1111-4222-8333-444455556666';
const RELAY = 'https://relay.contoso.com';
const NOTIFICATION = 'stl_xeroconnection';

function connectionForm(connectionStatus: number | null = status.notConnected) {
  return fakeForm({
    id: connectionId,
    attributes: { [TABLES.connection.primaryName]: 'Contoso NZ', [C.status]: connectionStatus },
  });
}

function relayReady(): FakeWebApi {
  return seedRelayUrl(new FakeWebApi(), { value: RELAY }).seed(CONNECTION, connectionId, {
    [TABLES.connection.primaryName]: 'Contoso NZ',
  });
}

let restoreFetch: (() => void) | undefined;
afterEach(() => {
  uninstallFakeXrm();
  restoreFetch?.();
  restoreFetch = undefined;
});

describe('StellariseConnection.connectToXero', () => {
  it('writes a fresh 32-byte base64url nonce and its issue time on the connection', async () => {
    const { webApi } = installFakeXrm(relayReady());
    const before = Date.now();

    await connectToXero(connectionForm().formContext);

    const row = webApi.row(CONNECTION, connectionId) ?? {};
    expect(row[C.connectNonce]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(row[C.connectNonceIssuedOn] as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('opens the relay connect URL with the connection id and the nonce just written', async () => {
    const { webApi, navigation } = installFakeXrm(relayReady());

    await connectToXero(connectionForm().formContext);

    const nonce = webApi.row(CONNECTION, connectionId)?.[C.connectNonce] as string;
    expect(navigation.opened.map((o) => o.url)).toEqual([
      `${RELAY}/oauth/connect?connection=${connectionId}&nonce=${nonce}`,
    ]);
  });

  it('writes the nonce before the URL opens, so the relay finds it on the row', async () => {
    const { webApi, navigation } = installFakeXrm(relayReady());

    await connectToXero(connectionForm().formContext);

    const nonceWrite = webApi.calls.findIndex(
      (c) => c.operation === 'updateRecord' && c.entity === CONNECTION,
    );
    expect(nonceWrite).toBeGreaterThanOrEqual(0);
    expect(navigation.opened[0].callsBefore).toBeGreaterThan(nonceWrite);
  });

  it('issues a different nonce each time', async () => {
    const { webApi } = installFakeXrm(relayReady());
    await connectToXero(connectionForm().formContext);
    const first = webApi.row(CONNECTION, connectionId)?.[C.connectNonce];

    await connectToXero(connectionForm().formContext);

    expect(webApi.row(CONNECTION, connectionId)?.[C.connectNonce]).not.toBe(first);
  });

  it('tells the user to finish in the Xero window', async () => {
    installFakeXrm(relayReady());
    const form = connectionForm();

    await connectToXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)).toEqual({
      message: CONNECTION_MESSAGES.connectOpened,
      level: 'INFO',
    });
  });

  it('asks to save first and does nothing on a new connection', async () => {
    const { webApi, navigation } = installFakeXrm(relayReady());
    const form = fakeForm({ id: '', attributes: { [TABLES.connection.primaryName]: 'New' } });

    await connectToXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)).toEqual({ message: MESSAGES.saveFirst, level: 'WARNING' });
    expect(webApi.calls).toEqual([]);
    expect(navigation.opened).toEqual([]);
  });

  it('names the environment variable and writes no nonce when the relay URL is not set', async () => {
    const webApi = new FakeWebApi().seed(CONNECTION, connectionId, {});
    const { navigation } = installFakeXrm(webApi);
    const form = connectionForm();

    await connectToXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)).toEqual({
      message: RELAY_URL_MESSAGES.missing,
      level: 'ERROR',
    });
    expect(webApi.calls.filter((c) => c.operation === 'updateRecord')).toEqual([]);
    expect(navigation.opened).toEqual([]);
  });

  it('opens nothing and names the field when the nonce cannot be written', async () => {
    const denied = 'The user does not have update permissions to a secured field';
    const { navigation } = installFakeXrm(relayReady().failOn('updateRecord', CONNECTION, denied));
    const form = connectionForm();

    await connectToXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)).toEqual({
      message: CONNECTION_MESSAGES.nonceFailed('Contoso NZ', denied),
      level: 'ERROR',
    });
    expect(form.notifications.get(NOTIFICATION)?.message).toContain(C.connectNonce);
    expect(navigation.opened).toEqual([]);
  });
});

describe('StellariseConnection.disconnectFromXero', () => {
  it('does nothing when the user cancels the confirm dialog', async () => {
    const { webApi, navigation } = installFakeXrm(relayReady());
    navigation.confirmAnswer = false;
    const relay = installFakeFetch({ status: 200, body: { status: 'disconnected' } });
    restoreFetch = relay.restore;
    const form = connectionForm(status.connected);

    await disconnectFromXero(form.formContext);

    expect(navigation.confirms).toHaveLength(1);
    expect(webApi.calls).toEqual([]);
    expect(relay.calls).toEqual([]);
    expect(form.notifications.size).toBe(0);
  });

  it('posts the connection id and a fresh nonce to the relay, form-encoded', async () => {
    const { webApi } = installFakeXrm(relayReady());
    const relay = installFakeFetch({ status: 200, body: { status: 'disconnected' } });
    restoreFetch = relay.restore;

    await disconnectFromXero(connectionForm(status.connected).formContext);

    const nonce = webApi.row(CONNECTION, connectionId)?.[C.connectNonce] as string;
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(relay.calls).toHaveLength(1);
    expect(relay.calls[0].url).toBe(`${RELAY}/oauth/disconnect`);
    expect(relay.calls[0].init.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(relay.calls[0].init.body))).toEqual({
      connection: connectionId,
      nonce,
    });
  });

  it('refreshes the form and says so when the relay has disconnected', async () => {
    installFakeXrm(relayReady());
    restoreFetch = installFakeFetch({ status: 200, body: { status: 'disconnected' } }).restore;
    const form = connectionForm(status.connected);

    await disconnectFromXero(form.formContext);

    expect(form.refreshes).toEqual([false]);
    expect(form.notifications.get(NOTIFICATION)).toEqual({
      message: CONNECTION_MESSAGES.disconnected,
      level: 'INFO',
    });
  });

  it("passes on the relay's warning after a disconnect", async () => {
    installFakeXrm(relayReady());
    const warning = 'Xero did not confirm the revocation; remove the app in Xero if it still shows.';
    restoreFetch = installFakeFetch({ status: 200, body: { status: 'disconnected', warning } }).restore;
    const form = connectionForm(status.connected);

    await disconnectFromXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)?.message).toBe(
      CONNECTION_MESSAGES.disconnectedWithWarning(warning),
    );
  });

  it("shows the relay's error message and does not refresh when the relay refuses", async () => {
    installFakeXrm(relayReady());
    const refusal = 'The connect code has expired. Start again from the connection form.';
    restoreFetch = installFakeFetch({ status: 403, body: { error: refusal } }).restore;
    const form = connectionForm(status.connected);

    await disconnectFromXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)).toEqual({
      message: CONNECTION_MESSAGES.relayRefused('Contoso NZ', refusal),
      level: 'ERROR',
    });
    expect(form.refreshes).toEqual([]);
  });

  it('names the HTTP status when the relay answers without a message', async () => {
    installFakeXrm(relayReady());
    restoreFetch = installFakeFetch({ status: 502, body: '<html>Bad gateway</html>' }).restore;
    const form = connectionForm(status.connected);

    await disconnectFromXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)?.message).toBe(
      CONNECTION_MESSAGES.relayRefused('Contoso NZ', CONNECTION_MESSAGES.relayStatus(502)),
    );
  });

  it('says the relay could not be reached when the request fails', async () => {
    installFakeXrm(relayReady());
    restoreFetch = installFakeFetch(new TypeError('Failed to fetch')).restore;
    const form = connectionForm(status.connected);

    await disconnectFromXero(form.formContext);

    expect(form.notifications.get(NOTIFICATION)?.message).toBe(
      CONNECTION_MESSAGES.relayUnreachable(RELAY, 'Failed to fetch'),
    );
  });
});

describe('StellariseConnection.refreshReferenceDataNow', () => {
  it('creates one Queued Refresh reference data request, trigger Button, bound to the connection', async () => {
    const { webApi } = installFakeXrm(relayReady());
    const form = connectionForm(status.connected);

    await refreshReferenceDataNow(form.formContext);

    expect(webApi.rows(HISTORY)).toEqual([
      {
        [H.name]: 'Refresh reference data Contoso NZ',
        [H.status]: CHOICES.syncHistoryStatus.values.queued,
        [H.operation]: CHOICES.operation.values.refreshReferenceData,
        [H.trigger]: CHOICES.trigger.values.button,
        [`${navigationProperty(HISTORY, H.connectionId)}@odata.bind`]: `/${TABLES.connection.entitySet}(${connectionId})`,
      },
    ]);
    expect(form.notifications.get(NOTIFICATION)?.level).toBe('INFO');
  });

  it("shows Dataverse's message when the request cannot be created", async () => {
    const denied = 'Principal user is missing prvCreatestl_synchistory privilege';
    installFakeXrm(relayReady().failOn('createRecord', HISTORY, denied));
    const form = connectionForm(status.connected);

    await refreshReferenceDataNow(form.formContext);

    expect(form.notifications.get(NOTIFICATION)).toEqual({
      message: CONNECTION_MESSAGES.refreshFailed('Contoso NZ', denied),
      level: 'ERROR',
    });
  });
});

describe('connection enable rules', () => {
  it.each([
    [status.notConnected, true, false],
    [status.disconnected, true, false],
    [null, true, false],
    [status.connected, false, true],
    [status.needsAttention, false, true],
  ])('with status %p shows Connect: %p, Reconnect and Disconnect: %p', (value, connect, reconnect) => {
    const form = connectionForm(value);

    expect([enableConnect(form.formContext), enableReconnect(form.formContext)]).toEqual([
      connect,
      reconnect,
    ]);
  });

  it('disables every connection command on an unsaved connection', () => {
    const form = fakeForm({ id: '', attributes: { [C.status]: status.connected } });

    expect([enableConnect(form.formContext), enableReconnect(form.formContext)]).toEqual([false, false]);
  });
});
