import type * as React from 'react';
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
// eslint-disable-next-line @microsoft/power-apps/use-cached-webresource -- a Node module import, not a URL
import { FakeWebApi, seedRelayUrl } from '../../../webresources/test/fakeXrm';
import { ConnectionHealth } from '../../ConnectionHealth';
import type { ConnectionHealthPanelProps } from '../../ConnectionHealth/components/ConnectionHealthPanel';
import { recordIdOf } from '../../ConnectionHealth/commands';
import {
  mockConnectionHealthContext,
  type ConnectionHealthInputs,
  type ConnectionHealthMockContext,
} from '../mockContext';

type Context = Parameters<ConnectionHealth['updateView']>[0];

const connectionId = 'c0ffee00-1111-4222-8333-444455556666';
const connected = { status: CHOICES.connectionStatus.values.connected, connectionName: 'Contoso NZ' };

function render(control: ConnectionHealth, context: ConnectionHealthMockContext): ConnectionHealthPanelProps {
  const element = control.updateView(
    context as unknown as Context,
  ) as React.ReactElement<ConnectionHealthPanelProps>;
  return element.props;
}

function contextWith(inputs: ConnectionHealthInputs, updated: string[] = [], id = connectionId) {
  const context = mockConnectionHealthContext(inputs, updated);
  context.mode = { contextInfo: { entityId: id ? `{${id.toUpperCase()}}` : '' } };
  return context;
}

describe('ConnectionHealth control', () => {
  it('builds the view on the first render', () => {
    expect(render(new ConnectionHealth(), contextWith(connected)).view.statusLabel).toBe('Connected');
  });

  it('reuses the view and the command handler when no input changed', () => {
    const control = new ConnectionHealth();
    const first = render(control, contextWith(connected));

    const second = render(
      control,
      contextWith({ status: CHOICES.connectionStatus.values.disconnected }, ['layout']),
    );

    expect(second.view).toBe(first.view);
    expect(second.onCommand).toBe(first.onCommand);
  });

  it.each(['status', 'tenantName', 'refreshDeadline', 'dailyCallsLeft', 'lastRefreshOn', 'lastError'])(
    'rebuilds the view when %s changed',
    (name) => {
      const control = new ConnectionHealth();
      render(control, contextWith(connected));

      const next = render(
        control,
        contextWith({ status: CHOICES.connectionStatus.values.disconnected }, [name]),
      );

      expect(next.view.statusLabel).toBe('Disconnected');
    },
  );

  it('reads the record id the form gives the control, as a bare GUID', () => {
    expect(recordIdOf(contextWith(connected))).toBe(connectionId);
    expect(recordIdOf({ mode: {} })).toBe('');
  });

  it('marks a new connection as unsaved and refuses to run commands for it', async () => {
    const control = new ConnectionHealth();
    const props = render(control, contextWith({}, [], ''));

    expect(props.view.saved).toBe(false);
    expect(await props.onCommand('connect')).toEqual({
      kind: 'failed',
      message: 'Save the connection to connect it to Xero.',
    });
  });

  it('connects through context.webAPI and context.navigation: nonce on the row, then the relay URL', async () => {
    const webAPI = seedRelayUrl(new FakeWebApi(), { value: 'https://relay.contoso.com' }).seed(
      TABLES.connection.logicalName,
      connectionId,
      {},
    );
    const opened: string[] = [];
    const context = contextWith(connected);
    context.webAPI = webAPI;
    context.navigation = { openUrl: (url: string) => opened.push(url), openConfirmDialog: jest.fn() };
    const props = render(new ConnectionHealth(), context);

    const outcome = await props.onCommand('connect');

    const nonce = webAPI.row(TABLES.connection.logicalName, connectionId)?.[COLUMNS.connection.connectNonce];
    expect(outcome.kind).toBe('done');
    expect(opened).toEqual([
      `https://relay.contoso.com/oauth/connect?connection=${connectionId}&nonce=${nonce}`,
    ]);
  });

  it('has no outputs: the control only reads the connection', () => {
    expect(new ConnectionHealth().getOutputs()).toEqual({});
  });
});
