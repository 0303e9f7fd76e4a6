/**
 * The rule of DESIGN.md §3 for browser-initiated connection changes: act only for a matching, fresh,
 * unused one-time nonce on the `stl_connection` row; used by connect and disconnect alike.
 */
import { failure, success, type Result } from '../domain/result';
import type { ConnectFlowDeps, FlowRefusal } from './flowTypes';
import { refused } from './flowTypes';
import type { ConnectionRow } from './ports';
import { systemClock } from './ports';
import { checkConnectNonce, NONCE_MAX_AGE_MS, nonceFingerprint, randomToken } from './state';

/** The claimed connection row, or the page refusing the link. */
export type NonceClaim = Result<ConnectionRow, FlowRefusal>;

const START_AGAIN = 'Open the connection in Dynamics and click the button again.';

export async function claimConnectNonce(
  deps: Pick<ConnectFlowDeps, 'rows' | 'locks' | 'clock'>,
  connectionId: string,
  nonce: string,
): Promise<NonceClaim> {
  const deny = (status: 400 | 403, message: string): NonceClaim =>
    failure(refused(status, 'This link cannot be used', message));
  if (!connectionId || !nonce)
    return deny(400, `The link lacks the connection id or its nonce. ${START_AGAIN}`);
  const row = await deps.rows.getConnection(connectionId);
  if (!row) return deny(400, `Connection ${connectionId} does not exist in Dynamics. ${START_AGAIN}`);
  const check = checkConnectNonce(row, nonce, (deps.clock ?? systemClock).now());
  if (!check.ok) {
    const why = {
      missing: `The link for connection ${connectionId} was already used or never issued.`,
      mismatch: `The link does not match the one issued for connection ${connectionId}.`,
      stale: `The link for connection ${connectionId} is more than 10 minutes old.`,
    }[check.failure];
    return deny(403, `${why} ${START_AGAIN}`);
  }
  // The lock is never released: it lapses after the nonce is stale anyway, and until then it is
  // the atomic "used" mark that two simultaneous requests cannot both obtain.
  const claimed = await deps.locks.tryLock(
    `oauth-nonce:${connectionId}:${nonceFingerprint(nonce)}`,
    // A unique owner: a lock re-taken by its own owner would not detect the second use.
    randomToken(12),
    2 * NONCE_MAX_AGE_MS,
  );
  if (!claimed) return deny(403, `The link for connection ${connectionId} was already used. ${START_AGAIN}`);
  await deps.rows.updateConnection(connectionId, { nonce: null, nonceIssuedOn: null });
  return success(row);
}
