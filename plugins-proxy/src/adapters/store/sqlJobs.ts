/**
 * The job ledger in the SQL both engines share. Only the claim differs by engine: its lock
 * clause (`skipTaken`) and the transaction it runs in come from the dialect.
 */
import { clipError, toJob } from './rows';
import type { OrgSql } from './sqlDialect';
import {
  emptyJobCounts,
  type ClaimFilter,
  type JobState,
  type ListJobsOptions,
  type NewJob,
  type Store,
} from './store';

export type JobLedger = Pick<
  Store,
  | 'enqueueJob'
  | 'claimJobs'
  | 'renewLease'
  | 'completeJob'
  | 'failJob'
  | 'retryJob'
  | 'holdJob'
  | 'holdJobsForConnection'
  | 'releaseHeldJobs'
  | 'getJob'
  | 'countJobsByState'
  | 'listJobs'
>;

/** Queued and due, or running under a lease that ran out (a crashed worker's). */
const DUE = `org_id = :org AND ((state = 'queued' AND next_attempt_at <= :now)
  OR (state = 'running' AND lease_expires_at <= :now))`;

/** ` AND column IN (...)` for each filter given, so an absent filter adds no parameter. */
function filters(given: Record<string, string | readonly string[] | undefined>) {
  const params: Record<string, string> = {};
  let sql = '';
  for (const [column, value] of Object.entries(given)) {
    const values: readonly string[] = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    if (values.length === 0) continue;
    const names = values.map((v, i) => ((params[`${column}${i}`] = v), `:${column}${i}`));
    sql += ` AND ${column} IN (${names.join(', ')})`;
  }
  return { sql, params };
}

export function sqlJobLedger(sql: OrgSql, skipTaken: string): JobLedger {
  /** Ends the owner's lease with the job in `state`; a null `error` or `next` keeps the old one. */
  async function finish(
    id: string,
    owner: string,
    state: JobState,
    error: string | null,
    next: number | null,
    now: number,
    connectionId: string | null = null,
  ): Promise<boolean> {
    const changes = await sql.changes(
      `UPDATE jobs SET state = :state, last_error = COALESCE(:error, last_error),
         next_attempt_at = COALESCE(:next, next_attempt_at),
         connection_id = COALESCE(:connection, connection_id),
         lease_owner = NULL, lease_expires_at = NULL, updated_at = :now
       WHERE org_id = :org AND id = :id AND state = 'running' AND lease_owner = :owner`,
      {
        id,
        owner,
        state,
        error: error === null ? null : clipError(error),
        next,
        now,
        connection: connectionId,
      },
    );
    return changes === 1;
  }

  return {
    async enqueueJob(job: NewJob, now: number) {
      const changes = await sql.changes(
        `INSERT INTO jobs (org_id, id, tenant_id, kind, connection_id, invoice_id, payload, state,
           attempts, next_attempt_at, created_at, updated_at)
         VALUES (:org, :id, :tenant, :kind, :connection, :invoice, :payload, 'queued', 0, :next, :now, :now)
         ON CONFLICT (org_id, id) DO NOTHING`,
        {
          id: job.id,
          tenant: job.tenantId ?? '',
          kind: job.kind,
          connection: job.connectionId ?? null,
          invoice: job.invoiceId ?? null,
          payload: job.payload ?? null,
          next: job.nextAttemptAt ?? now,
          now,
        },
      );
      return changes === 1;
    },

    async claimJobs(owner: string, limit: number, leaseMs: number, now: number, filter?: ClaimFilter) {
      const where = filters({ connection_id: filter?.connectionId, kind: filter?.kinds });
      // MATERIALIZED: the due rows are chosen (and on PostgreSQL locked) once, before the update.
      const rows = await sql.claim(
        `WITH due AS MATERIALIZED (
           SELECT id FROM jobs WHERE ${DUE}${where.sql}
           ORDER BY next_attempt_at, created_at LIMIT :limit ${skipTaken})
         UPDATE jobs SET state = 'running', lease_owner = :owner, lease_expires_at = :lease,
           attempts = attempts + 1, updated_at = :now
         WHERE org_id = :org AND id IN (SELECT id FROM due)
         RETURNING *`,
        { ...where.params, now, limit, owner, lease: now + leaseMs },
      );
      // RETURNING promises no order.
      return rows.map(toJob).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
    },

    async renewLease(id: string, owner: string, leaseMs: number, now: number) {
      const changes = await sql.changes(
        `UPDATE jobs SET lease_expires_at = :lease, updated_at = :now
         WHERE org_id = :org AND id = :id AND state = 'running' AND lease_owner = :owner`,
        { id, owner, lease: now + leaseMs, now },
      );
      return changes === 1;
    },

    completeJob: (id: string, owner: string, now: number) => finish(id, owner, 'succeeded', null, null, now),
    failJob: (id: string, owner: string, error: string, now: number) =>
      finish(id, owner, 'failed', error, null, now),
    retryJob: (id: string, owner: string, nextAttemptAt: number, error: string, now: number) =>
      finish(id, owner, 'queued', error, nextAttemptAt, now),
    holdJob: (id: string, owner: string, reason: string, now: number, connectionId?: string) =>
      finish(id, owner, 'held', reason, null, now, connectionId ?? null),

    holdJobsForConnection: (connectionId: string, reason: string, now: number) =>
      sql.changes(
        `UPDATE jobs SET state = 'held', last_error = :reason, updated_at = :now
         WHERE org_id = :org AND connection_id = :connection AND state = 'queued'`,
        { connection: connectionId, reason: clipError(reason), now },
      ),

    releaseHeldJobs: (connectionId: string, now: number) =>
      sql.changes(
        `UPDATE jobs SET state = 'queued', next_attempt_at = :now, updated_at = :now
         WHERE org_id = :org AND connection_id = :connection AND state = 'held'`,
        { connection: connectionId, now },
      ),

    async getJob(id: string) {
      const row = await sql.first('SELECT * FROM jobs WHERE org_id = :org AND id = :id', { id });
      return row ? toJob(row) : null;
    },

    async countJobsByState() {
      const counts = emptyJobCounts();
      const rows = await sql.rows('SELECT state, COUNT(*) AS n FROM jobs WHERE org_id = :org GROUP BY state');
      for (const r of rows) counts[r.state as JobState] = Number(r.n);
      return counts;
    },

    async listJobs(options: ListJobsOptions = {}) {
      const where = filters({ state: options.state, connection_id: options.connectionId });
      const rows = await sql.rows(
        `SELECT * FROM jobs WHERE org_id = :org${where.sql} ORDER BY created_at, id LIMIT :limit`,
        { ...where.params, limit: options.limit ?? 1000 },
      );
      return rows.map(toJob);
    },
  };
}
