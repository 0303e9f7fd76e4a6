/**
 * The PostgreSQL store: several relay instances share one database. Claims use
 * `FOR UPDATE SKIP LOCKED`, so concurrent claimers each take different rows without waiting on
 * one another; migrations run under an advisory lock so two instances starting together do not
 * race to create the schema.
 */
import { Pool, type PoolClient } from 'pg';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations';
import { clipError, toIdempotency, toJob, toToken, type Row } from './rows';
import {
  emptyJobCounts,
  type ClaimFilter,
  type IdempotencyRecord,
  type Job,
  type JobState,
  type ListJobsOptions,
  type NewJob,
  type NewToken,
  type PutTokenResult,
  type Store,
  type StoredToken,
} from './store';

/** An arbitrary constant: the advisory lock key that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 724_311_905;

async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r: Row) => Number(r.version)));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function openPostgresStore(
  connectionString: string,
  orgId: string,
  poolSize = 10,
  onIdleClientError: (error: Error) => void = () => undefined,
): Promise<Store> {
  const pool = new Pool({ connectionString, max: poolSize });
  // An idle client dropped by the server (restart, failover) must not crash the relay: the pool
  // replaces it, and the next query reports a lasting outage to its caller.
  pool.on('error', onIdleClientError);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool, orgId);
}

class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: Pool,
    readonly orgId: string,
  ) {}

  private async rows(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.pool.query(sql, [this.orgId, ...params])).rows;
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    return (await this.pool.query(sql, [this.orgId, ...params])).rowCount ?? 0;
  }

  async enqueueJob(job: NewJob, now: number): Promise<boolean> {
    const changes = await this.count(
      `INSERT INTO jobs (org_id, id, tenant_id, kind, connection_id, invoice_id, payload, state,
         attempts, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, $8, $9, $9)
       ON CONFLICT (org_id, id) DO NOTHING`,
      [
        job.id,
        job.tenantId ?? '',
        job.kind,
        job.connectionId ?? null,
        job.invoiceId ?? null,
        job.payload ?? null,
        job.nextAttemptAt ?? now,
        now,
      ],
    );
    return changes === 1;
  }

  async claimJobs(owner: string, limit: number, leaseMs: number, now: number, filter?: ClaimFilter) {
    const rows = await this.rows(
      `WITH due AS (
         SELECT id FROM jobs
         WHERE org_id = $1 AND ((state = 'queued' AND next_attempt_at <= $2)
           OR (state = 'running' AND lease_expires_at <= $2))
           AND ($6::text[] IS NULL OR kind = ANY($6::text[]))
           AND ($7::text IS NULL OR connection_id = $7::text)
         ORDER BY next_attempt_at, created_at
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       UPDATE jobs j SET state = 'running', lease_owner = $4, lease_expires_at = $5,
         attempts = j.attempts + 1, updated_at = $2
       FROM due WHERE j.org_id = $1 AND j.id = due.id
       RETURNING j.*`,
      [
        now,
        limit,
        owner,
        now + leaseMs,
        filter?.kinds?.length ? [...filter.kinds] : null,
        filter?.connectionId ?? null,
      ],
    );
    return rows.map(toJob).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
  }

  async renewLease(id: string, owner: string, leaseMs: number, now: number): Promise<boolean> {
    const changes = await this.count(
      `UPDATE jobs SET lease_expires_at = $4, updated_at = $5
       WHERE org_id = $1 AND id = $2 AND state = 'running' AND lease_owner = $3`,
      [id, owner, now + leaseMs, now],
    );
    return changes === 1;
  }

  private async finish(
    id: string,
    owner: string,
    state: JobState,
    error: string | null,
    next: number | null,
    now: number,
  ): Promise<boolean> {
    const changes = await this.count(
      `UPDATE jobs SET state = $4, last_error = COALESCE($5, last_error),
         next_attempt_at = COALESCE($6, next_attempt_at),
         lease_owner = NULL, lease_expires_at = NULL, updated_at = $7
       WHERE org_id = $1 AND id = $2 AND state = 'running' AND lease_owner = $3`,
      [id, owner, state, error === null ? null : clipError(error), next, now],
    );
    return changes === 1;
  }

  async completeJob(id: string, owner: string, now: number) {
    return this.finish(id, owner, 'succeeded', null, null, now);
  }
  async failJob(id: string, owner: string, error: string, now: number) {
    return this.finish(id, owner, 'failed', error, null, now);
  }
  async retryJob(id: string, owner: string, nextAttemptAt: number, error: string, now: number) {
    return this.finish(id, owner, 'queued', error, nextAttemptAt, now);
  }
  async holdJob(id: string, owner: string, reason: string, now: number, connectionId?: string) {
    const held = await this.finish(id, owner, 'held', reason, null, now);
    if (held && connectionId)
      await this.count(`UPDATE jobs SET connection_id = $2 WHERE org_id = $1 AND id = $3`, [
        connectionId,
        id,
      ]);
    return held;
  }

  async holdJobsForConnection(connectionId: string, reason: string, now: number) {
    return this.count(
      `UPDATE jobs SET state = 'held', last_error = $3, updated_at = $4
       WHERE org_id = $1 AND connection_id = $2 AND state = 'queued'`,
      [connectionId, clipError(reason), now],
    );
  }

  async releaseHeldJobs(connectionId: string, now: number) {
    return this.count(
      `UPDATE jobs SET state = 'queued', next_attempt_at = $3, updated_at = $3
       WHERE org_id = $1 AND connection_id = $2 AND state = 'held'`,
      [connectionId, now],
    );
  }

  async getJob(id: string): Promise<Job | null> {
    const [row] = await this.rows('SELECT * FROM jobs WHERE org_id = $1 AND id = $2', [id]);
    return row ? toJob(row) : null;
  }

  async countJobsByState() {
    const counts = emptyJobCounts();
    const rows = await this.rows(
      'SELECT state, COUNT(*) AS n FROM jobs WHERE org_id = $1 GROUP BY state',
      [],
    );
    for (const r of rows) counts[r.state as JobState] = Number(r.n);
    return counts;
  }

  async listJobs(options: ListJobsOptions = {}): Promise<Job[]> {
    const rows = await this.rows(
      `SELECT * FROM jobs WHERE org_id = $1
         AND ($2::text IS NULL OR state = $2::text) AND ($3::text IS NULL OR connection_id = $3::text)
       ORDER BY created_at, id LIMIT $4`,
      [options.state ?? null, options.connectionId ?? null, options.limit ?? 1000],
    );
    return rows.map(toJob);
  }

  async recordIdempotency(record: Omit<IdempotencyRecord, 'updatedAt'>, now: number): Promise<void> {
    await this.count(
      `INSERT INTO idempotency (org_id, sync_row_id, tenant_id, idempotency_key, xero_document_id,
         xero_number, phase, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (org_id, sync_row_id) DO UPDATE SET tenant_id = excluded.tenant_id,
         idempotency_key = excluded.idempotency_key,
         xero_document_id = COALESCE(excluded.xero_document_id, idempotency.xero_document_id),
         xero_number = COALESCE(excluded.xero_number, idempotency.xero_number),
         phase = excluded.phase, updated_at = excluded.updated_at`,
      [
        record.syncRowId,
        record.tenantId,
        record.idempotencyKey,
        record.xeroDocumentId,
        record.xeroNumber,
        record.phase,
        now,
      ],
    );
  }

  async getIdempotency(syncRowId: string): Promise<IdempotencyRecord | null> {
    const [row] = await this.rows('SELECT * FROM idempotency WHERE org_id = $1 AND sync_row_id = $2', [
      syncRowId,
    ]);
    return row ? toIdempotency(row) : null;
  }

  async getToken(connectionId: string): Promise<StoredToken | null> {
    const [row] = await this.rows('SELECT * FROM tokens WHERE org_id = $1 AND connection_id = $2', [
      connectionId,
    ]);
    return row ? toToken(row) : null;
  }

  async putToken(token: NewToken, expectedVersion: number, now: number): Promise<PutTokenResult> {
    const params = [token.connectionId, token.tenantId, token.blob, now];
    const changes =
      expectedVersion === 0
        ? await this.count(
            `INSERT INTO tokens (org_id, connection_id, tenant_id, blob, version, updated_at)
             VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (org_id, connection_id) DO NOTHING`,
            params,
          )
        : await this.count(
            `UPDATE tokens SET tenant_id = $3, blob = $4, version = version + 1, updated_at = $5
             WHERE org_id = $1 AND connection_id = $2 AND version = $6`,
            [...params, expectedVersion],
          );
    return changes === 1 ? { written: true, version: expectedVersion + 1 } : { written: false };
  }

  async deleteToken(connectionId: string): Promise<void> {
    await this.count('DELETE FROM tokens WHERE org_id = $1 AND connection_id = $2', [connectionId]);
  }

  async tryLock(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    const changes = await this.count(
      `INSERT INTO locks (org_id, name, owner, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id, name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE locks.expires_at <= $5 OR locks.owner = excluded.owner`,
      [name, owner, now + ttlMs, now],
    );
    return changes === 1;
  }

  async unlock(name: string, owner: string): Promise<void> {
    await this.count('DELETE FROM locks WHERE org_id = $1 AND name = $2 AND owner = $3', [name, owner]);
  }

  async getCursor(name: string): Promise<string | null> {
    const [row] = await this.rows('SELECT value FROM cursors WHERE org_id = $1 AND name = $2', [name]);
    return row ? String(row.value) : null;
  }

  async setCursor(name: string, value: string, now: number, tenantId = ''): Promise<void> {
    await this.count(
      `INSERT INTO cursors (org_id, name, tenant_id, value, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, name) DO UPDATE SET value = excluded.value, tenant_id = excluded.tenant_id,
         updated_at = excluded.updated_at`,
      [name, tenantId, value, now],
    );
  }

  async incrementCounter(name: string, now: number, by = 1, tenantId = ''): Promise<number> {
    const [row] = await this.rows(
      `INSERT INTO counters (org_id, tenant_id, name, value, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, tenant_id, name) DO UPDATE SET value = counters.value + excluded.value,
         updated_at = excluded.updated_at
       RETURNING value`,
      [tenantId, name, by, now],
    );
    return Number(row.value);
  }

  async getCounter(name: string, tenantId = ''): Promise<number> {
    const [row] = await this.rows(
      'SELECT value FROM counters WHERE org_id = $1 AND tenant_id = $2 AND name = $3',
      [tenantId, name],
    );
    return row ? Number(row.value) : 0;
  }

  async putEphemeral(key: string, value: string, ttlMs: number, now: number): Promise<void> {
    await this.count('DELETE FROM ephemeral WHERE org_id = $1 AND expires_at <= $2', [now]);
    await this.count(
      `INSERT INTO ephemeral (org_id, key, value, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [key, value, now + ttlMs],
    );
  }

  async takeEphemeral(key: string, now: number): Promise<string | null> {
    const [row] = await this.rows(
      'DELETE FROM ephemeral WHERE org_id = $1 AND key = $2 AND expires_at > $3 RETURNING value',
      [key, now],
    );
    return row ? String(row.value) : null;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
