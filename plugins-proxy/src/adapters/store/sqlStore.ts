/**
 * The store, written once in the SQL SQLite and PostgreSQL share; a dialect runs it. Every
 * statement is scoped to the store's organisation through the `:org` parameter.
 */
import { toIdempotency, toToken } from './rows';
import { orgSql, type SqlDialect } from './sqlDialect';
import { sqlEmailClaims } from './sqlEmailClaims';
import { sqlJobLedger } from './sqlJobs';
import type { IdempotencyRecord, NewToken, PutTokenResult, Store } from './store';

export function sqlStore(db: SqlDialect, orgId: string): Store {
  const sql = orgSql(db, orgId);
  return {
    dialect: db.name,
    orgId,
    ...sqlJobLedger(sql, db.skipTaken),

    async recordIdempotency(record: Omit<IdempotencyRecord, 'updatedAt'>, now: number) {
      await sql.changes(
        `INSERT INTO idempotency (org_id, sync_row_id, tenant_id, idempotency_key, xero_document_id,
           xero_number, phase, sent_at, key_generation, last_answer, created_at, updated_at)
         VALUES (:org, :row, :tenant, :key, :doc, :number, :phase, :sentAt, :generation, :answer, :now, :now)
         ON CONFLICT (org_id, sync_row_id) DO UPDATE SET tenant_id = excluded.tenant_id,
           idempotency_key = excluded.idempotency_key,
           xero_document_id = COALESCE(excluded.xero_document_id, idempotency.xero_document_id),
           xero_number = COALESCE(excluded.xero_number, idempotency.xero_number),
           sent_at = COALESCE(excluded.sent_at, idempotency.sent_at),
           key_generation = COALESCE(excluded.key_generation, idempotency.key_generation),
           last_answer = excluded.last_answer,
           phase = excluded.phase, updated_at = excluded.updated_at`,
        {
          row: record.syncRowId,
          tenant: record.tenantId,
          key: record.idempotencyKey,
          doc: record.xeroDocumentId,
          number: record.xeroNumber,
          phase: record.phase,
          sentAt: record.sentAt ?? null,
          generation: record.generation ?? null,
          answer: record.lastAnswer ?? null,
          now,
        },
      );
    },

    async recordSendAnswer(syncRowId, answer, now) {
      await sql.changes(
        `UPDATE idempotency SET last_answer = :answer, updated_at = :now
         WHERE org_id = :org AND sync_row_id = :row`,
        { row: syncRowId, answer, now },
      );
    },

    ...sqlEmailClaims(sql),

    async getIdempotency(syncRowId: string) {
      const row = await sql.first('SELECT * FROM idempotency WHERE org_id = :org AND sync_row_id = :row', {
        row: syncRowId,
      });
      return row ? toIdempotency(row) : null;
    },

    async getToken(connectionId: string) {
      const row = await sql.first('SELECT * FROM tokens WHERE org_id = :org AND connection_id = :c', {
        c: connectionId,
      });
      return row ? toToken(row) : null;
    },

    async putToken(token: NewToken, expectedVersion: number, now: number): Promise<PutTokenResult> {
      const params = { c: token.connectionId, tenant: token.tenantId, blob: token.blob, now };
      const changes =
        expectedVersion === 0
          ? await sql.changes(
              `INSERT INTO tokens (org_id, connection_id, tenant_id, blob, version, updated_at)
               VALUES (:org, :c, :tenant, :blob, 1, :now) ON CONFLICT (org_id, connection_id) DO NOTHING`,
              params,
            )
          : await sql.changes(
              `UPDATE tokens SET tenant_id = :tenant, blob = :blob, version = version + 1, updated_at = :now
               WHERE org_id = :org AND connection_id = :c AND version = :expected`,
              { ...params, expected: expectedVersion },
            );
      return changes === 1 ? { written: true, version: expectedVersion + 1 } : { written: false };
    },

    async deleteToken(connectionId: string) {
      await sql.changes('DELETE FROM tokens WHERE org_id = :org AND connection_id = :c', { c: connectionId });
    },

    async tryLock(name: string, owner: string, ttlMs: number, now: number) {
      const changes = await sql.changes(
        `INSERT INTO locks (org_id, name, owner, expires_at) VALUES (:org, :name, :owner, :expires)
         ON CONFLICT (org_id, name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE locks.expires_at <= :now OR locks.owner = excluded.owner`,
        { name, owner, expires: now + ttlMs, now },
      );
      return changes === 1;
    },

    async unlock(name: string, owner: string) {
      await sql.changes('DELETE FROM locks WHERE org_id = :org AND name = :name AND owner = :owner', {
        name,
        owner,
      });
    },

    async getCursor(name: string) {
      const row = await sql.first('SELECT value FROM cursors WHERE org_id = :org AND name = :name', { name });
      return row ? String(row.value) : null;
    },

    async setCursor(name: string, value: string, now: number, tenantId = '') {
      await sql.changes(
        `INSERT INTO cursors (org_id, name, tenant_id, value, updated_at)
         VALUES (:org, :name, :tenant, :value, :now)
         ON CONFLICT (org_id, name) DO UPDATE SET value = excluded.value, tenant_id = excluded.tenant_id,
           updated_at = excluded.updated_at`,
        { name, tenant: tenantId, value, now },
      );
    },

    async incrementCounter(name: string, now: number, by = 1, tenantId = '') {
      const row = await sql.first(
        `INSERT INTO counters (org_id, tenant_id, name, value, updated_at)
         VALUES (:org, :tenant, :name, :by, :now)
         ON CONFLICT (org_id, tenant_id, name) DO UPDATE SET value = counters.value + excluded.value,
           updated_at = excluded.updated_at
         RETURNING value`,
        { name, tenant: tenantId, by, now },
      );
      return Number(row?.value);
    },

    async getCounter(name: string, tenantId = '') {
      const row = await sql.first(
        'SELECT value FROM counters WHERE org_id = :org AND tenant_id = :tenant AND name = :name',
        { name, tenant: tenantId },
      );
      return row ? Number(row.value) : 0;
    },

    async putEphemeral(key: string, value: string, ttlMs: number, now: number) {
      await sql.changes('DELETE FROM ephemeral WHERE org_id = :org AND expires_at <= :now', { now });
      await sql.changes(
        `INSERT INTO ephemeral (org_id, key, value, expires_at) VALUES (:org, :key, :value, :expires)
         ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        { key, value, expires: now + ttlMs },
      );
    },

    async takeEphemeral(key: string, now: number) {
      const row = await sql.first(
        'DELETE FROM ephemeral WHERE org_id = :org AND key = :key AND expires_at > :now RETURNING value',
        { key, now },
      );
      return row ? String(row.value) : null;
    },

    async ping() {
      await sql.rows('SELECT 1');
    },

    close: () => db.close(),
  };
}
