/**
 * Keeps a connection row's health columns current, and when Xero no longer accepts the sign-in marks it
 * Needs attention and holds its jobs (docs/architecture.md#connection-health-and-services).
 */
import type { Logger } from 'pino';
import { CHOICES, COLUMNS } from '../../../solution/names';
import type { Store } from '../adapters/store/store';
import type { ConnectionNeedsAttention } from '../oauth/errors';
import type { TokenHealth } from '../oauth/tokenManager';
import type { ConnectionHealthRow, DataverseConnectionRows } from './connectionRows';

const C = COLUMNS.connection;
const STATUS = CHOICES.connectionStatus.values;
const MAX_ERROR_LENGTH = 4000;

/** Desired values; omitted ones are left as they are. */
export interface HealthChange {
  readonly status?: number;
  readonly refreshDeadline?: Date;
  readonly lastRefreshOn?: Date;
  readonly dailyCallsLeft?: number;
  readonly lastError?: string | null;
  /** Set by a payments pull that changed something, so a quiet pull leaves the row alone. */
  readonly lastPaymentPullOn?: Date;
}

export interface ConnectionHealthDeps {
  readonly rows: Pick<DataverseConnectionRows, 'getHealth' | 'updateColumns'>;
  readonly store: Pick<Store, 'holdJobsForConnection' | 'releaseHeldJobs'>;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface ConnectionHealth {
  /** Writes the differing columns; true when something was written. */
  update(connectionId: string, change: HealthChange): Promise<boolean>;
  /** TokenManager's onRefreshed hook. */
  recordRefresh(connectionId: string, health: TokenHealth): Promise<void>;
  /**
   * Needs attention + reconnect message on the row, and the connection's jobs held; true when the
   * row was not already saying so (a caller records the change once, not on every poll).
   */
  markNeedsAttention(error: ConnectionNeedsAttention): Promise<boolean>;
  /** After a reconnect: held jobs released and the old error cleared. */
  recordReconnected(connectionId: string): Promise<number>;
}

function sameInstant(current: string | null, wanted: Date): boolean {
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return current !== null && seconds(Date.parse(current)) === seconds(wanted.getTime());
}

/** The columns of `change` that differ from the row; Dataverse keeps date-times to the second. */
export function healthDiff(row: ConnectionHealthRow, change: HealthChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (change.status !== undefined && row.status !== change.status) body[C.status] = change.status;
  if (change.refreshDeadline && !sameInstant(row.refreshDeadline, change.refreshDeadline))
    body[C.refreshDeadline] = change.refreshDeadline.toISOString();
  if (change.lastRefreshOn && !sameInstant(row.lastRefreshOn, change.lastRefreshOn))
    body[C.lastRefreshOn] = change.lastRefreshOn.toISOString();
  if (change.lastPaymentPullOn && !sameInstant(row.lastPaymentPullOn, change.lastPaymentPullOn))
    body[C.lastPaymentPullOn] = change.lastPaymentPullOn.toISOString();
  if (change.dailyCallsLeft !== undefined) {
    const calls = Math.max(0, Math.round(change.dailyCallsLeft));
    if (row.dailyCallsLeft !== calls) body[C.dailyCallsLeft] = calls;
  }
  if (change.lastError !== undefined) {
    const error = change.lastError === null ? null : change.lastError.slice(0, MAX_ERROR_LENGTH);
    if ((row.lastError ?? null) !== error) body[C.lastError] = error;
  }
  return body;
}

export function createConnectionHealth(deps: ConnectionHealthDeps): ConnectionHealth {
  const now = deps.now ?? Date.now;

  async function update(connectionId: string, change: HealthChange): Promise<boolean> {
    const row = await deps.rows.getHealth(connectionId);
    if (!row) return false;
    const body = healthDiff(row, change);
    if (Object.keys(body).length === 0) return false;
    await deps.rows.updateColumns(connectionId, body);
    return true;
  }

  return {
    update,

    async recordRefresh(connectionId, health) {
      await update(connectionId, {
        lastRefreshOn: health.lastRefreshOn,
        refreshDeadline: health.refreshDeadline,
      });
    },

    async markNeedsAttention(error) {
      const held = await deps.store.holdJobsForConnection(error.connectionId, error.message, now());
      // An admin's Disconnect is deliberate: the row keeps saying Disconnected, the jobs just wait.
      const row = await deps.rows.getHealth(error.connectionId);
      const changed = Boolean(
        row && row.status !== STATUS.disconnected && row.status !== STATUS.needsAttention,
      );
      if (row && row.status !== STATUS.disconnected)
        await update(error.connectionId, { status: STATUS.needsAttention, lastError: error.message });
      deps.logger.warn(
        { connectionId: error.connectionId, reason: error.reason, held },
        'connection needs attention; its jobs are held until it is reconnected',
      );
      return changed;
    },

    async recordReconnected(connectionId) {
      const released = await deps.store.releaseHeldJobs(connectionId, now());
      await update(connectionId, { status: STATUS.connected, lastError: null });
      if (released > 0) deps.logger.info({ connectionId, released }, 'reconnected; held jobs resumed');
      return released;
    },
  };
}
