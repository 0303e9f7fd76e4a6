/**
 * The relay's durable state behind one interface: the job ledger, the idempotency ledger, Xero
 * tokens, distributed locks, cursors and counters. One SQL implementation (sqlStore.ts) runs on
 * two dialects that share a contract test: SQLite (one relay, the default) and PostgreSQL (several
 * relays sharing the work).
 *
 * A store is opened for one Dynamics organisation (`orgId`); every row it writes carries that id
 * and every query filters on it, so a later multi-organisation deployment needs no schema change.
 * Times are epoch milliseconds, passed in by the caller so tests can drive the clock.
 */

import type { JobKind } from '../../domain/syncRequest';

export type { JobKind };
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'held';
export const JOB_STATES: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed', 'held'];

export interface Job {
  /** The stl_synchistory id (lower-case GUID), or a deterministic key for scheduled work without a row. */
  readonly id: string;
  readonly orgId: string;
  /** The Xero tenant id when known at intake; '' until then. */
  readonly tenantId: string;
  readonly kind: JobKind;
  readonly connectionId: string | null;
  readonly invoiceId: string | null;
  /** Free-form JSON text for kinds that need more than the ids (e.g. a targeted pull). */
  readonly payload: string | null;
  readonly state: JobState;
  /** How many times the job has been claimed (incremented at each claim, takeovers included). */
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewJob {
  readonly id: string;
  readonly kind: JobKind;
  readonly tenantId?: string;
  readonly connectionId?: string | null;
  readonly invoiceId?: string | null;
  readonly payload?: string | null;
  /** Defaults to `now`: due immediately. */
  readonly nextAttemptAt?: number;
}

export interface ClaimFilter {
  readonly connectionId?: string;
  readonly kinds?: readonly JobKind[];
}

export interface ListJobsOptions {
  readonly state?: JobState;
  readonly connectionId?: string;
  readonly limit?: number;
}

export type IdempotencyPhase = 'sent' | 'confirmed';

/**
 * What the last send under the current key got back: `error` (an error answer Xero keeps under the
 * key and would replay), `none` (no answer: it may have reached Xero) or `refused` (answered without
 * being processed, e.g. a 429).
 */
export type SendAnswer = 'error' | 'none' | 'refused';

export interface IdempotencyRecord {
  /** The stl_synchistory id the Xero document was sent for. */
  readonly syncRowId: string;
  readonly tenantId: string;
  readonly idempotencyKey: string;
  readonly xeroDocumentId: string | null;
  readonly xeroNumber: string | null;
  readonly phase: IdempotencyPhase;
  /** When `idempotencyKey` was first sent (Xero keeps a key 6 minutes from then); kept when omitted. */
  readonly sentAt?: number | null;
  /** Which key of the row this is (1, 2, …): a new one after Xero's window or a kept error; kept when omitted. */
  readonly generation?: number | null;
  readonly lastAnswer?: SendAnswer | null;
  readonly updatedAt: number;
}

/** An email Xero was asked to send for a sync row: `refused` means Xero answered and sent nothing. */
export type EmailOutcome = 'requested' | 'sent' | 'refused';

export interface StoredToken {
  readonly connectionId: string;
  readonly tenantId: string;
  /** Opaque to the store: the token module encrypts before writing. */
  readonly blob: string;
  /** Starts at 1 on the first write; each write adds 1. */
  readonly version: number;
  readonly updatedAt: number;
}

export interface NewToken {
  readonly connectionId: string;
  readonly tenantId: string;
  readonly blob: string;
}

export type PutTokenResult =
  { readonly written: true; readonly version: number } | { readonly written: false };

export interface Store {
  /** Which engine this is, for logs and /ready. */
  readonly dialect: 'sqlite' | 'postgres';
  readonly orgId: string;

  /** Creates the job unless one with this id exists; true when it was new. */
  enqueueJob(job: NewJob, now: number): Promise<boolean>;
  /**
   * Atomically takes up to `limit` due jobs (queued with next_attempt_at <= now, or running with an
   * expired lease, i.e. a crashed worker's) and leases them to `owner` until now + leaseMs.
   * Two claimers never receive the same job.
   */
  claimJobs(owner: string, limit: number, leaseMs: number, now: number, filter?: ClaimFilter): Promise<Job[]>;
  /** Extends the lease; false when the owner no longer holds it (it expired and was taken over). */
  renewLease(id: string, owner: string, leaseMs: number, now: number): Promise<boolean>;
  /** The state transitions below apply only while `owner` holds the lease; false otherwise. */
  completeJob(id: string, owner: string, now: number): Promise<boolean>;
  failJob(id: string, owner: string, error: string, now: number): Promise<boolean>;
  retryJob(id: string, owner: string, nextAttemptAt: number, error: string, now: number): Promise<boolean>;
  /** Held jobs wait for their connection's reconnect; `connectionId` records the one it resolved to. */
  holdJob(id: string, owner: string, reason: string, now: number, connectionId?: string): Promise<boolean>;
  /** Parks the connection's queued jobs (e.g. its Xero consent was revoked); returns how many. */
  holdJobsForConnection(connectionId: string, reason: string, now: number): Promise<number>;
  /** Makes the connection's held jobs due again; returns how many. */
  releaseHeldJobs(connectionId: string, now: number): Promise<number>;
  getJob(id: string): Promise<Job | null>;
  countJobsByState(): Promise<Record<JobState, number>>;
  listJobs(options?: ListJobsOptions): Promise<Job[]>;

  /** Inserts or updates the record for its sync row. */
  recordIdempotency(record: Omit<IdempotencyRecord, 'updatedAt'>, now: number): Promise<void>;
  getIdempotency(syncRowId: string): Promise<IdempotencyRecord | null>;
  /** Notes what the last send of the row's current key got back (no-op when the row has no record). */
  recordSendAnswer(syncRowId: string, answer: SendAnswer, now: number): Promise<void>;

  /**
   * Records, before Xero is asked, that the row's email is being sent. True for the first claimer,
   * or again after a `refused` outcome; false once it was requested or sent, so it is never sent twice.
   */
  claimEmail(syncRowId: string, tenantId: string, now: number): Promise<boolean>;
  recordEmailOutcome(syncRowId: string, outcome: EmailOutcome, now: number): Promise<void>;
  getEmailOutcome(syncRowId: string): Promise<EmailOutcome | null>;

  getToken(connectionId: string): Promise<StoredToken | null>;
  /**
   * Compare-and-set: writes only when the stored version equals `expectedVersion` (0 = no token
   * stored yet), so two refreshers cannot overwrite each other's rotated refresh token.
   */
  putToken(token: NewToken, expectedVersion: number, now: number): Promise<PutTokenResult>;
  deleteToken(connectionId: string): Promise<void>;

  /** Takes the named lock when it is free or its holder's ttl has run out; true when taken. */
  tryLock(name: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  unlock(name: string, owner: string): Promise<void>;

  getCursor(name: string): Promise<string | null>;
  setCursor(name: string, value: string, now: number, tenantId?: string): Promise<void>;

  /** Adds `by` (default 1) and returns the new value. */
  incrementCounter(name: string, now: number, by?: number, tenantId?: string): Promise<number>;
  getCounter(name: string, tenantId?: string): Promise<number>;

  /** Stores a short-lived value (a PKCE verifier, a chooser ticket); expired values are purged as it goes. */
  putEphemeral(key: string, value: string, ttlMs: number, now: number): Promise<void>;
  /** Atomically reads and deletes an unexpired value, so it is used at most once across instances. */
  takeEphemeral(key: string, now: number): Promise<string | null>;

  /** Cheap round trip for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function emptyJobCounts(): Record<JobState, number> {
  return { queued: 0, running: 0, succeeded: 0, failed: 0, held: 0 };
}
