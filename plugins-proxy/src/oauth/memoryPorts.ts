/**
 * In-memory OAuth ports, for tests and a single-process relay: each method completes its
 * read-modify-write synchronously before yielding, so concurrent callers in one process are safe.
 */
import { CHOICES } from '../../../solution/names';
import type {
  Clock,
  ConnectionPatch,
  ConnectionRow,
  ConnectionRows,
  LockPort,
  OAuthStateStore,
  TokenRecord,
  TokenStore,
} from './ports';
import { systemClock } from './ports';

export class InMemoryTokenStore implements TokenStore {
  private readonly records = new Map<string, TokenRecord & { tenantId: string }>();

  async get(connectionId: string): Promise<TokenRecord | null> {
    const record = this.records.get(connectionId);
    return record ? { blob: record.blob, version: record.version } : null;
  }

  async put(connectionId: string, tenantId: string, blob: string, expectedVersion: number): Promise<boolean> {
    const current = this.records.get(connectionId)?.version ?? 0;
    if (current !== expectedVersion) return false;
    this.records.set(connectionId, { blob, tenantId, version: current + 1 });
    return true;
  }

  async delete(connectionId: string): Promise<void> {
    this.records.delete(connectionId);
  }

  /** Every stored blob, for tests that check nothing readable reaches the store. */
  rawBlobs(): string[] {
    return [...this.records.values()].map((record) => record.blob);
  }
}

export class InMemoryLocks implements LockPort {
  private readonly held = new Map<string, { owner: string; expiresAt: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  async tryLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const current = this.held.get(name);
    if (current && current.owner !== owner && current.expiresAt > now) return false;
    this.held.set(name, { owner, expiresAt: now + ttlMs });
    return true;
  }

  async unlock(name: string, owner: string): Promise<void> {
    if (this.held.get(name)?.owner === owner) this.held.delete(name);
  }
}

export class InMemoryOAuthStateStore implements OAuthStateStore {
  private readonly values = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, { value, expiresAt: this.clock.now() + ttlMs });
  }

  async take(key: string): Promise<string | null> {
    const entry = this.values.get(key);
    this.values.delete(key);
    return entry && entry.expiresAt > this.clock.now() ? entry.value : null;
  }
}

/** Connection rows with the fields the OAuth core reads, plus what it wrote, for assertions. */
export interface InMemoryConnection extends ConnectionRow {
  readonly tenantName: string | null;
  readonly refreshDeadline: Date | null;
  readonly lastRefreshOn: Date | null;
  readonly lastError: string | null;
}

export class InMemoryConnectionRows implements ConnectionRows {
  private readonly rows = new Map<string, InMemoryConnection>();

  add(row: Partial<InMemoryConnection> & { id: string }): void {
    this.rows.set(row.id, {
      nonce: null,
      nonceIssuedOn: null,
      tenantId: null,
      tenantName: null,
      status: CHOICES.connectionStatus.values.notConnected,
      refreshDeadline: null,
      lastRefreshOn: null,
      lastError: null,
      ...row,
    });
  }

  row(id: string): InMemoryConnection | undefined {
    return this.rows.get(id);
  }

  async getConnection(id: string): Promise<ConnectionRow | null> {
    return this.rows.get(id) ?? null;
  }

  async updateConnection(id: string, patch: ConnectionPatch): Promise<void> {
    const row = this.rows.get(id);
    if (!row) throw new Error(`Connection ${id} does not exist`);
    this.rows.set(id, { ...row, ...patch });
  }

  async findConnectionByTenant(tenantId: string, exceptConnectionId: string): Promise<ConnectionRow | null> {
    const disconnected = CHOICES.connectionStatus.values.disconnected;
    for (const row of this.rows.values()) {
      if (row.id !== exceptConnectionId && row.tenantId === tenantId && row.status !== disconnected)
        return row;
    }
    return null;
  }
}
