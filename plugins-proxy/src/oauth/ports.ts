/**
 * The narrow seams the OAuth core needs from the rest of the relay, over the relay's `Store`, Dataverse
 * or memory (storePorts.ts, memoryPorts.ts). Times are epoch milliseconds.
 */

/** An encrypted token blob as the store keeps it; the store never sees plaintext. */
export interface TokenRecord {
  readonly blob: string;
  /** Starts at 1 on the first write; each write adds 1. */
  readonly version: number;
}

export interface TokenStore {
  get(connectionId: string): Promise<TokenRecord | null>;
  /**
   * Compare-and-set: writes only when the stored version equals `expectedVersion` (0 = nothing
   * stored yet); false when another writer got there first.
   */
  put(connectionId: string, tenantId: string, blob: string, expectedVersion: number): Promise<boolean>;
  delete(connectionId: string): Promise<void>;
}

/** A lease-style lock shared by every relay instance (a store row lock in production). */
export interface LockPort {
  /** Takes the lock when it is free or its holder's ttl has run out; true when taken. */
  tryLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  unlock(name: string, owner: string): Promise<void>;
}

/**
 * Short-lived server-side values (PKCE verifiers, organisation-chooser tickets). `take` must be
 * an atomic get-and-delete so a value is used at most once even with several relay instances:
 * a store-backed implementation does `DELETE ... RETURNING value` (PostgreSQL, SQLite >= 3.35)
 * filtered on `expires_at > now`.
 */
export interface OAuthStateStore {
  put(key: string, value: string, ttlMs: number): Promise<void>;
  take(key: string): Promise<string | null>;
}

/** What the OAuth core reads from a `stl_connection` row. */
export interface ConnectionRow {
  readonly id: string;
  /** The row's display name, used in messages when present. */
  readonly name?: string | null;
  /** The one-time connect nonce (a field-secured column); null once used. */
  readonly nonce: string | null;
  readonly nonceIssuedOn: Date | null;
  readonly tenantId: string | null;
  /** A CHOICES.connectionStatus value, or null when never set. */
  readonly status: number | null;
}

/** What the OAuth core writes to a `stl_connection` row; omitted fields are left as they are. */
export interface ConnectionPatch {
  readonly nonce?: null;
  readonly nonceIssuedOn?: null;
  readonly tenantId?: string | null;
  readonly tenantName?: string | null;
  readonly status?: number;
  readonly refreshDeadline?: Date | null;
  readonly lastRefreshOn?: Date | null;
  readonly lastError?: string | null;
}

/** The Dataverse side of a connection (the Dataverse gateway implements it). */
export interface ConnectionRows {
  getConnection(id: string): Promise<ConnectionRow | null>;
  updateConnection(id: string, patch: ConnectionPatch): Promise<void>;
  /**
   * A row other than `exceptConnectionId` that uses this Xero organisation and is not
   * Disconnected, or null: one organisation belongs to one connection row.
   */
  findConnectionByTenant(tenantId: string, exceptConnectionId: string): Promise<ConnectionRow | null>;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The subset of `fetch` the identity client uses, so tests can inject a fake. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;
