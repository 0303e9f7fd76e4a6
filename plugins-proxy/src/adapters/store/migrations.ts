/**
 * Versioned schema changes, applied in order when a store opens. The SQL is written in the
 * subset SQLite and PostgreSQL share (TEXT, INTEGER, BIGINT, partial-free indexes), so one list
 * serves both engines. Never edit a released migration: append a new one.
 */
import type { Row } from './rows';
import type { Params } from './sqlDialect';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'jobs, idempotency, tokens, locks, cursors, counters',
    statements: [
      `CREATE TABLE jobs (
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        connection_id TEXT,
        invoice_id TEXT,
        payload TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'held')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        lease_owner TEXT,
        lease_expires_at BIGINT,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      'CREATE INDEX jobs_due ON jobs (org_id, state, next_attempt_at)',
      'CREATE INDEX jobs_by_connection ON jobs (org_id, connection_id, state)',
      `CREATE TABLE idempotency (
        org_id TEXT NOT NULL,
        sync_row_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        idempotency_key TEXT NOT NULL,
        xero_document_id TEXT,
        xero_number TEXT,
        phase TEXT NOT NULL CHECK (phase IN ('sent', 'confirmed')),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, sync_row_id)
      )`,
      `CREATE TABLE tokens (
        org_id TEXT NOT NULL,
        connection_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        blob TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, connection_id)
      )`,
      `CREATE TABLE locks (
        org_id TEXT NOT NULL,
        name TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, name)
      )`,
      `CREATE TABLE cursors (
        org_id TEXT NOT NULL,
        name TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        value TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, name)
      )`,
      `CREATE TABLE counters (
        org_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        value BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, tenant_id, name)
      )`,
    ],
  },
  {
    version: 2,
    name: 'single-use short-lived values (PKCE verifiers, chooser tickets)',
    statements: [
      `CREATE TABLE ephemeral (
        org_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, key)
      )`,
      'CREATE INDEX ephemeral_expiry ON ephemeral (org_id, expires_at)',
    ],
  },
  {
    version: 3,
    name: 'send ledger (first send of a key, its generation, the last answer) and email claims',
    statements: [
      'ALTER TABLE idempotency ADD COLUMN sent_at BIGINT',
      'ALTER TABLE idempotency ADD COLUMN key_generation INTEGER',
      'ALTER TABLE idempotency ADD COLUMN last_answer TEXT',
      `CREATE TABLE email_claims (
        org_id TEXT NOT NULL,
        sync_row_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL CHECK (outcome IN ('requested', 'sent', 'refused')),
        claimed_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (org_id, sync_row_id)
      )`,
    ],
  },
];

export const APPLIED_MIGRATIONS = 'SELECT version FROM schema_migrations';

const RECORD_MIGRATION =
  'INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :appliedAt)';

/**
 * The statements that bring a database whose schema_migrations holds `applied` to the latest
 * schema, each migration followed by the row that records it. Run them in one transaction.
 */
export function migrationSteps(applied: readonly Row[]): { sql: string; params: Params }[] {
  const done = new Set(applied.map((row) => Number(row.version)));
  return MIGRATIONS.filter((m) => !done.has(m.version)).flatMap((m) => [
    ...m.statements.map((sql) => ({ sql, params: {} })),
    { sql: RECORD_MIGRATION, params: { version: m.version, name: m.name, appliedAt: Date.now() } },
  ]);
}
