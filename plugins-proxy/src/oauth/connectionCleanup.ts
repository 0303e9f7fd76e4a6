/**
 * Keeping Xero's connections to the ones the relay uses (reference §4 Tenants;
 * docs/xero-behaviour.md#connections): a connection is per app, Xero user and organisation, and
 * revoking a refresh token removes every connection of that user, so a disconnect deletes one
 * connection and revokes only a grant left with none; organisations a consent connected that no
 * connection row uses are disconnected, and so is the connection a reconnect replaced.
 */
import type { ConnectionRows } from './ports';
import type { StoredTokenSet } from './tokenSet';
import type { XeroIdentity, XeroTenantConnection } from './xeroIdentity';

export interface CleanupDeps {
  readonly identity: XeroIdentity;
  readonly rows: Pick<ConnectionRows, 'findConnectionByTenant'>;
}

/** What a release did, for the disconnect's reply. */
export interface Released {
  readonly deleted: boolean;
  readonly revoked: boolean;
}

/**
 * Deletes the grant's connection to `tenantId` (found by id, else by tenant) and revokes the
 * refresh token only when the grant has no other connection left. `keep` is a connection in use
 * elsewhere (the same Xero user's, after a reconnect): found to be the target, nothing is done.
 */
export async function releaseConnection(
  identity: XeroIdentity,
  grant: { accessToken: string; refreshToken: string; tenantId: string; xeroConnectionId?: string },
  keep?: string,
): Promise<Released> {
  let listed: XeroTenantConnection[] | undefined;
  try {
    listed = await identity.listConnections(grant.accessToken);
  } catch {
    listed = undefined;
  }
  const target =
    listed?.find((c) => c.id === grant.xeroConnectionId) ??
    listed?.find((c) => c.tenantId.toLowerCase() === grant.tenantId.toLowerCase());
  const connectionId = target?.id ?? grant.xeroConnectionId;
  if (keep && connectionId === keep) return { deleted: false, revoked: false };
  if (connectionId) await identity.deleteConnection(grant.accessToken, connectionId);
  // Without the list we cannot know what else the grant reaches: keep it rather than cut others off.
  const others = listed ? listed.filter((c) => c.id !== connectionId) : [{}];
  if (others.length > 0) return { deleted: Boolean(connectionId), revoked: false };
  await identity.revoke(grant.refreshToken);
  return { deleted: Boolean(connectionId), revoked: true };
}

/** Organisations this consent connected besides the chosen one that no connection row uses: disconnected. */
async function releaseUnchosen(
  deps: CleanupDeps,
  connectionRowId: string,
  accessToken: string,
  consented: readonly XeroTenantConnection[],
  chosenTenantId: string,
): Promise<void> {
  for (const tenant of consented) {
    if (tenant.tenantId === chosenTenantId) continue;
    if (await deps.rows.findConnectionByTenant(tenant.tenantId, connectionRowId)) continue;
    await deps.identity.deleteConnection(accessToken, tenant.id);
  }
}

/**
 * The connection a reconnect replaced (another Xero user, or another organisation) is released
 * with the old sign-in, unless another connection row still uses that organisation.
 */
async function releaseReplaced(
  deps: CleanupDeps,
  connectionRowId: string,
  previous: StoredTokenSet,
  current: XeroTenantConnection,
): Promise<void> {
  if (previous.xeroConnectionId && previous.xeroConnectionId === current.id) return;
  if (previous.tenantId !== current.tenantId) {
    if (await deps.rows.findConnectionByTenant(previous.tenantId, connectionRowId)) return;
  }
  const fresh = await deps.identity.refresh(previous.refreshToken);
  await releaseConnection(
    deps.identity,
    {
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken,
      tenantId: previous.tenantId,
      xeroConnectionId: previous.xeroConnectionId,
    },
    current.id,
  );
}

/** After a connect: the consent's unchosen organisations and the replaced connection, released; never throws. */
export async function tidyAfterConnect(
  deps: CleanupDeps,
  done: {
    connectionId: string;
    accessToken: string;
    consented: readonly XeroTenantConnection[];
    tenant: XeroTenantConnection;
    previous: StoredTokenSet | null;
  },
): Promise<void> {
  const { connectionId, accessToken, consented, tenant, previous } = done;
  await releaseUnchosen(deps, connectionId, accessToken, consented, tenant.tenantId).catch(() => undefined);
  if (previous) await releaseReplaced(deps, connectionId, previous, tenant).catch(() => undefined);
}
