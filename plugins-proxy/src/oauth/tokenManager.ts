/**
 * Hands out valid Xero access tokens per connection and keeps the refresh token alive, by the rules of
 * Xero's rotating refresh tokens (reference §4, §5; docs/architecture.md#the-token-manager).
 */
import type { TokenCipher } from './crypto';
import { TokenDecryptError } from './crypto';
import { ConnectionNeedsAttention, needsAttentionMessage } from './errors';
import type { Clock, LockPort, TokenStore } from './ports';
import { systemClock } from './ports';
import { randomToken } from './state';
import type { StoredTokenSet } from './tokenSet';
import { openTokenSet, refreshDeadlineOf, sealTokenSet } from './tokenSet';
import type { XeroIdentity, XeroTokenResponse } from './xeroIdentity';
import { XeroIdentityError } from './xeroIdentity';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TokenHealth {
  readonly lastRefreshOn: Date;
  readonly refreshDeadline: Date;
}

export interface TokenManagerOptions {
  readonly identity: Pick<XeroIdentity, 'refresh'>;
  readonly tokens: TokenStore;
  readonly locks: LockPort;
  readonly cipher: TokenCipher;
  readonly clock?: Clock;
  /** Names this relay instance in lock owners. */
  readonly instanceId?: string;
  readonly refreshBeforeExpiryMs?: number;
  /** Must outlast a refresh with its retries (identity timeout x (retries + 1)). */
  readonly lockTtlMs?: number;
  readonly lockPollMs?: number;
  readonly lockWaitMs?: number;
  readonly lostResponseRetries?: number;
  readonly keepAliveAfterDays?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** pino-compatible; only ids and messages are logged, never tokens. */
  readonly logger?: { warn(details: object, message: string): void };
}

export interface KeepAliveReport {
  readonly refreshed: string[];
  readonly needsAttention: ConnectionNeedsAttention[];
  readonly failed: { connectionId: string; message: string }[];
}

type Staleness = (set: StoredTokenSet) => boolean;

export type RefreshedListener = (connectionId: string, health: TokenHealth) => Promise<void> | void;

export class TokenManager {
  private readonly inFlight = new Map<string, Promise<StoredTokenSet>>();
  private readonly refreshedListeners = new Set<RefreshedListener>();
  private readonly clock: Clock;
  private readonly instanceId: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: TokenManagerOptions) {
    this.clock = options.clock ?? systemClock;
    this.instanceId = options.instanceId ?? `relay-${randomToken(6)}`;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Told after every stored refresh (the connection row's health columns follow it). */
  onRefreshed(listener: RefreshedListener): () => void {
    this.refreshedListeners.add(listener);
    return () => this.refreshedListeners.delete(listener);
  }

  /**
   * A valid access token. `rejected` is one Xero just refused (a 401): it is refreshed even if it
   * has not expired yet, unless another caller already replaced it.
   */
  async getAccessToken(
    connectionId: string,
    options: { rejected?: string } = {},
  ): Promise<{ accessToken: string; tenantId: string }> {
    const pending = this.inFlight.get(connectionId);
    let set = pending ? await pending : await this.readSet(connectionId);
    const stale: Staleness = (candidate) =>
      candidate.accessToken === options.rejected ||
      candidate.accessTokenExpiresAt - (this.options.refreshBeforeExpiryMs ?? 2 * 60_000) <= this.clock.now();
    if (stale(set)) set = await this.singleFlight(connectionId, stale);
    return { accessToken: set.accessToken, tenantId: set.tenantId };
  }

  /** The scopes Xero granted the connection's tokens (space-separated; '' when Xero did not say). */
  async grantedScope(connectionId: string): Promise<string> {
    return (await this.readSet(connectionId)).scope;
  }

  /** Refreshes each given connection whose refresh token is older than the keep-alive age. */
  async refreshIdleConnections(now: number, connectionIds: readonly string[]): Promise<KeepAliveReport> {
    const maxAgeMs = (this.options.keepAliveAfterDays ?? 30) * DAY_MS;
    const idle: Staleness = (set) => now - set.refreshTokenIssuedAt >= maxAgeMs;
    const report: KeepAliveReport = { refreshed: [], needsAttention: [], failed: [] };
    for (const connectionId of connectionIds) {
      try {
        if (!idle(await this.readSet(connectionId))) continue;
        await this.singleFlight(connectionId, idle);
        report.refreshed.push(connectionId);
      } catch (error) {
        if (error instanceof ConnectionNeedsAttention) report.needsAttention.push(error);
        else
          report.failed.push({
            connectionId,
            message: error instanceof Error ? error.message : String(error),
          });
      }
    }
    return report;
  }

  private singleFlight(connectionId: string, isStale: Staleness): Promise<StoredTokenSet> {
    const pending = this.inFlight.get(connectionId);
    if (pending) return pending;
    const flight = this.refreshAcrossInstances(connectionId, isStale).finally(() => {
      this.inFlight.delete(connectionId);
    });
    this.inFlight.set(connectionId, flight);
    return flight;
  }

  private async refreshAcrossInstances(connectionId: string, isStale: Staleness): Promise<StoredTokenSet> {
    const lockName = `xero-token-refresh:${connectionId}`;
    const owner = `${this.instanceId}:${randomToken(6)}`;
    const pollMs = this.options.lockPollMs ?? 100;
    const attempts = Math.max(1, Math.ceil((this.options.lockWaitMs ?? 60_000) / pollMs));
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (await this.options.locks.tryLock(lockName, owner, this.options.lockTtlMs ?? 90_000)) {
        try {
          return await this.refreshHoldingLock(connectionId, isStale);
        } finally {
          await this.options.locks.unlock(lockName, owner);
        }
      }
      // Another instance is refreshing; its result lands in the store.
      const latest = await this.readSet(connectionId);
      if (!isStale(latest)) return latest;
      await this.sleep(pollMs);
    }
    throw new Error(
      `Timed out waiting for another relay instance to refresh the Xero token of connection ${connectionId}`,
    );
  }

  private async refreshHoldingLock(connectionId: string, isStale: Staleness): Promise<StoredTokenSet> {
    const { set, version } = await this.readRecord(connectionId);
    if (!isStale(set)) return set;
    const response = await this.refreshWithGrace(connectionId, set.refreshToken);
    const now = this.clock.now();
    const next: StoredTokenSet = {
      ...set,
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      accessTokenExpiresAt: now + response.expiresInSeconds * 1000,
      refreshTokenIssuedAt: now,
      scope: response.scope || set.scope,
    };
    const stored = await this.persist(connectionId, next, version);
    if (stored === next) {
      await this.reportRefreshed(connectionId, {
        lastRefreshOn: new Date(now),
        refreshDeadline: refreshDeadlineOf(next),
      });
    }
    return stored;
  }

  /** The tokens are already stored; a failed health write must not fail the caller's Xero call. */
  private async reportRefreshed(connectionId: string, health: TokenHealth): Promise<void> {
    for (const listener of this.refreshedListeners) {
      try {
        await listener(connectionId, health);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.options.logger?.warn(
          { connectionId, err: message },
          'could not record the token refresh on the connection row',
        );
      }
    }
  }

  private async refreshWithGrace(connectionId: string, refreshToken: string): Promise<XeroTokenResponse> {
    const retries = this.options.lostResponseRetries ?? 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.options.identity.refresh(refreshToken);
      } catch (error) {
        if (error instanceof XeroIdentityError && error.kind === 'invalid_grant') {
          throw new ConnectionNeedsAttention(
            connectionId,
            'invalid_grant',
            needsAttentionMessage(connectionId, 'invalid_grant'),
          );
        }
        if (attempt < retries && isMaybeProcessed(error)) continue;
        throw error;
      }
    }
  }

  /**
   * Written under the version read while holding the lock. A conflict means someone wrote in
   * between: a reconnect (its consent is authoritative) or, if our lock lapsed, another refresher
   * (its token is as good as ours). Either way the stored set wins and ours is dropped.
   */
  private async persist(connectionId: string, set: StoredTokenSet, version: number): Promise<StoredTokenSet> {
    const blob = sealTokenSet(this.options.cipher, connectionId, set);
    if (await this.options.tokens.put(connectionId, set.tenantId, blob, version)) return set;
    this.options.logger?.warn(
      { connectionId },
      'token row changed during a refresh; using the stored token set',
    );
    return this.readSet(connectionId);
  }

  private async readSet(connectionId: string): Promise<StoredTokenSet> {
    return (await this.readRecord(connectionId)).set;
  }

  private async readRecord(connectionId: string): Promise<{ set: StoredTokenSet; version: number }> {
    const record = await this.options.tokens.get(connectionId);
    if (!record) {
      throw new ConnectionNeedsAttention(
        connectionId,
        'not_connected',
        needsAttentionMessage(connectionId, 'not_connected'),
      );
    }
    try {
      return { set: openTokenSet(this.options.cipher, connectionId, record.blob), version: record.version };
    } catch (error) {
      if (!(error instanceof TokenDecryptError)) throw error;
      throw new ConnectionNeedsAttention(
        connectionId,
        'unreadable_token',
        needsAttentionMessage(connectionId, 'unreadable_token'),
      );
    }
  }
}

/** No answer, or a server error: Xero may have rotated the token anyway, so the old one is retried. */
function isMaybeProcessed(error: unknown): boolean {
  if (!(error instanceof XeroIdentityError)) return false;
  return error.kind === 'network' || (error.kind === 'http' && (error.status ?? 0) >= 500);
}
