/**
 * The SQLite store: one relay on one machine (the default, and the sandbox). WAL lets readers run
 * beside the writer; busy_timeout makes a second process wait for the write lock instead of
 * failing; claims run in an IMMEDIATE transaction so the write lock is taken before the read.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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

const DUE = `org_id = @org AND ((state = 'queued' AND next_attempt_at <= @now)
  OR (state = 'running' AND lease_expires_at <= @now))`;

function migrate(db: Database.Database): void {
  db.exec(MIGRATIONS_TABLE);
  const apply = db.transaction(() => {
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    }
  });
  apply.immediate();
}

export function openSqliteStore(file: string, orgId: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return new SqliteStore(db, orgId);
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;

  constructor(
    private readonly db: Database.Database,
    readonly orgId: string,
  ) {}

  private run(sql: string, params: Record<string, unknown>): number {
    return this.db.prepare(sql).run({ org: this.orgId, ...params }).changes;
  }

  private one(sql: string, params: Record<string, unknown>): Row | undefined {
    return this.db.prepare(sql).get({ org: this.orgId, ...params }) as Row | undefined;
  }

  async enqueueJob(job: NewJob, now: number): Promise<boolean> {
    const changes = this.run(
      `INSERT INTO jobs (org_id, id, tenant_id, kind, connection_id, invoice_id, payload, state,
         attempts, next_attempt_at, created_at, updated_at)
       VALUES (@org, @id, @tenant, @kind, @connection, @invoice, @payload, 'queued', 0, @next, @now, @now)
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
  }

  async claimJobs(owner: string, limit: number, leaseMs: number, now: number, filter?: ClaimFilter) {
    const kinds = filter?.kinds ?? [];
    const kindClause = kinds.length ? `AND kind IN (${kinds.map((_, i) => `@kind${i}`).join(', ')})` : '';
    const connectionClause = filter?.connectionId ? 'AND connection_id = @connection' : '';
    const params: Record<string, unknown> = { org: this.orgId, now, limit, owner, lease: now + leaseMs };
    kinds.forEach((k, i) => (params[`kind${i}`] = k));
    if (filter?.connectionId) params.connection = filter.connectionId;
    const select = this.db.prepare(
      `SELECT id FROM jobs WHERE ${DUE} ${kindClause} ${connectionClause}
       ORDER BY next_attempt_at, created_at LIMIT @limit`,
    );
    const update = this.db.prepare(
      `UPDATE jobs SET state = 'running', lease_owner = @owner, lease_expires_at = @lease,
         attempts = attempts + 1, updated_at = @now
       WHERE org_id = @org AND id = @id RETURNING *`,
    );
    const claim = this.db.transaction((): Job[] =>
      (select.all(params) as Row[]).map((r) => toJob(update.get({ ...params, id: r.id }) as Row)),
    );
    return claim.immediate();
  }

  async renewLease(id: string, owner: string, leaseMs: number, now: number): Promise<boolean> {
    return (
      this.run(
        `UPDATE jobs SET lease_expires_at = @lease, updated_at = @now
         WHERE org_id = @org AND id = @id AND state = 'running' AND lease_owner = @owner`,
        { id, owner, lease: now + leaseMs, now },
      ) === 1
    );
  }

  private finish(
    id: string,
    owner: string,
    state: JobState,
    error: string | null,
    next: number | null,
    now: number,
  ) {
    return (
      this.run(
        `UPDATE jobs SET state = @state, last_error = COALESCE(@error, last_error),
           next_attempt_at = COALESCE(@next, next_attempt_at),
           lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
         WHERE org_id = @org AND id = @id AND state = 'running' AND lease_owner = @owner`,
        { id, owner, state, error: error === null ? null : clipError(error), next, now },
      ) === 1
    );
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
    const held = this.finish(id, owner, 'held', reason, null, now);
    if (held && connectionId)
      this.run(`UPDATE jobs SET connection_id = @connection WHERE org_id = @org AND id = @id`, {
        id,
        connection: connectionId,
      });
    return held;
  }

  async holdJobsForConnection(connectionId: string, reason: string, now: number) {
    return this.run(
      `UPDATE jobs SET state = 'held', last_error = @reason, updated_at = @now
       WHERE org_id = @org AND connection_id = @connection AND state = 'queued'`,
      { connection: connectionId, reason: clipError(reason), now },
    );
  }

  async releaseHeldJobs(connectionId: string, now: number) {
    return this.run(
      `UPDATE jobs SET state = 'queued', next_attempt_at = @now, updated_at = @now
       WHERE org_id = @org AND connection_id = @connection AND state = 'held'`,
      { connection: connectionId, now },
    );
  }

  async getJob(id: string): Promise<Job | null> {
    const row = this.one('SELECT * FROM jobs WHERE org_id = @org AND id = @id', { id });
    return row ? toJob(row) : null;
  }

  async countJobsByState() {
    const counts = emptyJobCounts();
    const rows = this.db
      .prepare('SELECT state, COUNT(*) AS n FROM jobs WHERE org_id = ? GROUP BY state')
      .all(this.orgId) as Row[];
    for (const r of rows) counts[r.state as JobState] = Number(r.n);
    return counts;
  }

  async listJobs(options: ListJobsOptions = {}): Promise<Job[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM jobs WHERE org_id = @org
           AND (@state IS NULL OR state = @state) AND (@connection IS NULL OR connection_id = @connection)
         ORDER BY created_at, id LIMIT @limit`,
      )
      .all({
        org: this.orgId,
        state: options.state ?? null,
        connection: options.connectionId ?? null,
        limit: options.limit ?? 1000,
      }) as Row[];
    return rows.map(toJob);
  }

  async recordIdempotency(record: Omit<IdempotencyRecord, 'updatedAt'>, now: number): Promise<void> {
    this.run(
      `INSERT INTO idempotency (org_id, sync_row_id, tenant_id, idempotency_key, xero_document_id,
         xero_number, phase, created_at, updated_at)
       VALUES (@org, @row, @tenant, @key, @doc, @number, @phase, @now, @now)
       ON CONFLICT (org_id, sync_row_id) DO UPDATE SET tenant_id = excluded.tenant_id,
         idempotency_key = excluded.idempotency_key,
         xero_document_id = COALESCE(excluded.xero_document_id, idempotency.xero_document_id),
         xero_number = COALESCE(excluded.xero_number, idempotency.xero_number),
         phase = excluded.phase, updated_at = excluded.updated_at`,
      {
        row: record.syncRowId,
        tenant: record.tenantId,
        key: record.idempotencyKey,
        doc: record.xeroDocumentId,
        number: record.xeroNumber,
        phase: record.phase,
        now,
      },
    );
  }

  async getIdempotency(syncRowId: string): Promise<IdempotencyRecord | null> {
    const row = this.one('SELECT * FROM idempotency WHERE org_id = @org AND sync_row_id = @row', {
      row: syncRowId,
    });
    return row ? toIdempotency(row) : null;
  }

  async getToken(connectionId: string): Promise<StoredToken | null> {
    const row = this.one('SELECT * FROM tokens WHERE org_id = @org AND connection_id = @c', {
      c: connectionId,
    });
    return row ? toToken(row) : null;
  }

  async putToken(token: NewToken, expectedVersion: number, now: number): Promise<PutTokenResult> {
    const params = {
      c: token.connectionId,
      tenant: token.tenantId,
      blob: token.blob,
      expected: expectedVersion,
      now,
    };
    const changes =
      expectedVersion === 0
        ? this.run(
            `INSERT INTO tokens (org_id, connection_id, tenant_id, blob, version, updated_at)
             VALUES (@org, @c, @tenant, @blob, 1, @now) ON CONFLICT (org_id, connection_id) DO NOTHING`,
            params,
          )
        : this.run(
            `UPDATE tokens SET tenant_id = @tenant, blob = @blob, version = version + 1, updated_at = @now
             WHERE org_id = @org AND connection_id = @c AND version = @expected`,
            params,
          );
    return changes === 1 ? { written: true, version: expectedVersion + 1 } : { written: false };
  }

  async deleteToken(connectionId: string): Promise<void> {
    this.run('DELETE FROM tokens WHERE org_id = @org AND connection_id = @c', { c: connectionId });
  }

  async tryLock(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    const changes = this.run(
      `INSERT INTO locks (org_id, name, owner, expires_at) VALUES (@org, @name, @owner, @expires)
       ON CONFLICT (org_id, name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE locks.expires_at <= @now OR locks.owner = excluded.owner`,
      { name, owner, expires: now + ttlMs, now },
    );
    return changes === 1;
  }

  async unlock(name: string, owner: string): Promise<void> {
    this.run('DELETE FROM locks WHERE org_id = @org AND name = @name AND owner = @owner', { name, owner });
  }

  async getCursor(name: string): Promise<string | null> {
    const row = this.one('SELECT value FROM cursors WHERE org_id = @org AND name = @name', { name });
    return row ? String(row.value) : null;
  }

  async setCursor(name: string, value: string, now: number, tenantId = ''): Promise<void> {
    this.run(
      `INSERT INTO cursors (org_id, name, tenant_id, value, updated_at) VALUES (@org, @name, @tenant, @value, @now)
       ON CONFLICT (org_id, name) DO UPDATE SET value = excluded.value, tenant_id = excluded.tenant_id,
         updated_at = excluded.updated_at`,
      { name, tenant: tenantId, value, now },
    );
  }

  async incrementCounter(name: string, now: number, by = 1, tenantId = ''): Promise<number> {
    const row = this.one(
      `INSERT INTO counters (org_id, tenant_id, name, value, updated_at) VALUES (@org, @tenant, @name, @by, @now)
       ON CONFLICT (org_id, tenant_id, name) DO UPDATE SET value = counters.value + excluded.value,
         updated_at = excluded.updated_at
       RETURNING value`,
      { name, tenant: tenantId, by, now },
    );
    return Number(row?.value);
  }

  async getCounter(name: string, tenantId = ''): Promise<number> {
    const row = this.one(
      'SELECT value FROM counters WHERE org_id = @org AND tenant_id = @tenant AND name = @name',
      {
        name,
        tenant: tenantId,
      },
    );
    return row ? Number(row.value) : 0;
  }

  async putEphemeral(key: string, value: string, ttlMs: number, now: number): Promise<void> {
    this.run('DELETE FROM ephemeral WHERE org_id = @org AND expires_at <= @now', { now });
    this.run(
      `INSERT INTO ephemeral (org_id, key, value, expires_at) VALUES (@org, @key, @value, @expires)
       ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      { key, value, expires: now + ttlMs },
    );
  }

  async takeEphemeral(key: string, now: number): Promise<string | null> {
    const row = this.one(
      'DELETE FROM ephemeral WHERE org_id = @org AND key = @key AND expires_at > @now RETURNING value',
      { key, now },
    );
    return row ? String(row.value) : null;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
