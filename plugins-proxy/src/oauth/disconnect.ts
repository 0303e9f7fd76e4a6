/**
 * Disconnect: the connect nonce rule, then delete this organisation's Xero connection and revoke the
 * refresh token only when its grant reaches no other (best effort), clear the tokens, mark the row
 * Disconnected; see oauth/README.md.
 */
import { CHOICES } from '../../../solution/names';
import { releaseConnection } from './connectionCleanup';
import type { ConnectFlowDeps, DisconnectOutcome } from './flowTypes';
import { claimConnectNonce } from './nonceGate';
import { openTokenSet } from './tokenSet';

export async function disconnectConnection(
  deps: ConnectFlowDeps,
  { connectionId, nonce }: { connectionId: string; nonce: string },
): Promise<DisconnectOutcome> {
  const claim = await claimConnectNonce(deps, connectionId, nonce);
  if (!claim.ok) return claim.failure;
  const problems: string[] = [];
  const attempt = async (what: string, action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await attempt('disconnecting the organisation in Xero', async () => {
    // Fetched first: getting a valid access token may rotate the refresh token used below.
    const accessToken = deps.accessTokenFor ? (await deps.accessTokenFor(connectionId)).accessToken : null;
    const set = await readSet(deps, connectionId);
    if (!set) return;
    // Revoking would remove every connection of this Xero user, other rows' organisations too.
    await releaseConnection(deps.identity, { ...set, accessToken: accessToken ?? set.accessToken });
  });
  await deps.tokens.delete(connectionId);
  const warning = problems.length
    ? `Disconnected in Dynamics; Xero clean-up was incomplete (${problems.join('; ')}). ` +
      'Remove the app under Connected apps in Xero if it is still listed.'
    : null;
  await deps.rows.updateConnection(connectionId, {
    status: CHOICES.connectionStatus.values.disconnected,
    refreshDeadline: null,
    lastError: warning,
  });
  return { kind: 'disconnected', connectionId, warning };
}

async function readSet(deps: ConnectFlowDeps, connectionId: string) {
  const record = await deps.tokens.get(connectionId);
  return record ? openTokenSet(deps.cipher, connectionId, record.blob) : null;
}
