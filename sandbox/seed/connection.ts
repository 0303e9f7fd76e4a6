/**
 * The demo connection: an stl_connection row already Connected to the Xero emulator's demo
 * organisation, and its Xero tokens, obtained from the emulator's identity side (consent and code
 * exchange) and stored encrypted in the relay's store, exactly where a real connect puts them.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import type { Store } from '../../plugins-proxy/src/adapters/store/store';
import type { Config } from '../../plugins-proxy/src/config';
import { TokenCipher } from '../../plugins-proxy/src/oauth/crypto';
import { storeTokenStore } from '../../plugins-proxy/src/oauth/storePorts';
import { replaceTokenSet } from '../../plugins-proxy/src/oauth/tokenSet';
import { CHOICES, COLUMNS, TABLES } from '../../solution/names';
import type { XeroEmulator } from '../xero';
import { DEFAULT_ORGANISATION } from '../xero/options';
import { findOrCreate, type SeedCounter } from './rows';

const CC = COLUMNS.connection;

export interface DemoTenant {
  readonly tenantId: string;
  readonly name: string;
}

/** The demo connection's settings: push Authorised, let Xero number, create what is missing. */
export const DEMO_CONNECTION_SETTINGS = {
  [CC.contactPolicy]: CHOICES.contactPolicy.values.createMissing,
  [CC.itemPolicy]: CHOICES.itemPolicy.values.createMissing,
  [CC.bundleMode]: CHOICES.bundleMode.values.headerAndComponents,
  [CC.numbering]: CHOICES.numbering.values.xeroNumbers,
  [CC.pushStatus]: CHOICES.pushStatus.values.authorised,
  [CC.lineAmountType]: CHOICES.lineAmountType.values.taxExclusive,
  [CC.emailOnSync]: false,
  [CC.paymentAccountCode]: '090',
} as const;

type ConnectionSettings = Partial<Record<keyof typeof DEMO_CONNECTION_SETTINGS, number | string | boolean>>;

/**
 * The demo connections: the main one, and one per setting that changes how a document goes to
 * Xero as a whole (bundle mode, numbering), each on its own Xero organisation since one
 * organisation belongs to one connection row.
 */
export const DEMO_CONNECTIONS = {
  main: { organisation: DEFAULT_ORGANISATION.name, settings: {} },
  headerOnly: {
    organisation: 'Demo Bundles Header Only (AU)',
    settings: { [CC.bundleMode]: CHOICES.bundleMode.values.headerOnly },
  },
  componentsOnly: {
    organisation: 'Demo Bundles Components Only (AU)',
    settings: { [CC.bundleMode]: CHOICES.bundleMode.values.componentsOnly },
  },
  manualNumbers: {
    organisation: 'Demo Manual Numbers (AU)',
    settings: { [CC.numbering]: CHOICES.numbering.values.manualNumber },
  },
} as const satisfies Record<string, { organisation: string; settings: ConnectionSettings }>;

export type DemoConnectionKey = keyof typeof DEMO_CONNECTIONS;

/** The Xero organisation of a demo connection, found by name (made once; the main one by the emulator). */
export function ensureXeroOrganisation(xero: XeroEmulator, key: DemoConnectionKey): DemoTenant {
  const name = DEMO_CONNECTIONS[key].organisation;
  return (
    xero.admin.tenants().find((t) => t.name === name) ??
    xero.admin.createOrganisation({ name, demoData: true })
  );
}

export async function ensureConnection(
  client: DataverseClient,
  tenant: DemoTenant,
  key: DemoConnectionKey,
  counter: SeedCounter,
): Promise<string> {
  return findOrCreate(
    client,
    TABLES.connection,
    { column: CC.tenantId, value: tenant.tenantId },
    {
      [CC.name]: tenant.name,
      [CC.tenantName]: tenant.name,
      // Connected only once its tokens are stored (markConnected): the relay's pulls list Connected rows.
      [CC.status]: CHOICES.connectionStatus.values.notConnected,
      [CC.isDefault]: key === 'main',
      ...DEMO_CONNECTION_SETTINGS,
      ...DEMO_CONNECTIONS[key].settings,
    },
    counter,
  );
}

/** The row says Connected once the relay holds the connection's tokens. */
export async function markConnected(client: DataverseClient, connectionId: string): Promise<void> {
  await client.update(`${TABLES.connection.entitySet}(${connectionId})`, {
    [CC.status]: CHOICES.connectionStatus.values.connected,
  });
}

interface XeroConnection {
  id: string;
  tenantId: string;
}

async function xeroConnectionId(xero: XeroEmulator, accessToken: string, tenantId: string): Promise<string> {
  const response = await fetch(`${xero.url}/connections`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (!response.ok) return '';
  const connections = (await response.json()) as XeroConnection[];
  return connections.find((c) => c.tenantId === tenantId)?.id ?? '';
}

/** Stores a fresh token set unless the relay already holds one for the connection. */
export async function ensureTokens(
  store: Store,
  config: Config,
  xero: XeroEmulator,
  connectionId: string,
  tenant: DemoTenant,
): Promise<'stored' | 'kept'> {
  if (await store.getToken(connectionId)) return 'kept';
  // The relay's own scopes (its production default unless XERO_SCOPES says otherwise), as a
  // connect through the consent page would grant them.
  const scope = config.xero.scopes.join(' ');
  const issued = xero.admin.issueTokenSet({ tenantIds: [tenant.tenantId], scope });
  if (!issued.refresh_token)
    throw new Error('The Xero emulator issued no refresh token for the demo connection');
  await replaceTokenSet(
    storeTokenStore(store),
    new TokenCipher(config.encryption.current, config.encryption.previous),
    connectionId,
    {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      accessTokenExpiresAt: issued.expires_at * 1000,
      refreshTokenIssuedAt: Date.now(),
      tenantId: tenant.tenantId,
      tenantName: tenant.name,
      xeroConnectionId: await xeroConnectionId(xero, issued.access_token, tenant.tenantId),
      scope,
    },
  );
  return 'stored';
}
