import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StoredRecord } from './model/types';

export interface StoredRow {
  id: string;
  version: number;
  record: StoredRecord;
}

/**
 * Records as JSON per table in one SQLite table; a single row counter gives every write a new
 * version number, which is the record's ETag (reference/dataverse-webapi.md §1.4).
 */
export class Store {
  readonly db: Database.Database;

  constructor(dataDir: string | null) {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(dataDir ? path.join(dataDir, 'dataverse.sqlite') : ':memory:');
    if (dataDir) this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS records (entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
        json TEXT NOT NULL, PRIMARY KEY (entity, id));
      CREATE INDEX IF NOT EXISTS records_by_version ON records (entity, version);
      CREATE INDEX IF NOT EXISTS records_by_invoice ON records (entity, json_extract(json, '$.invoiceid.id'));
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per SQL text: preparing is a large share of a small query's cost. */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  get(entity: string, id: string): StoredRow | undefined {
    const row = this.statement('SELECT id, version, json FROM records WHERE entity = ? AND id = ?').get(
      entity,
      id,
    ) as { id: string; version: number; json: string } | undefined;
    return row ? { id: row.id, version: row.version, record: JSON.parse(row.json) } : undefined;
  }

  all(entity: string): StoredRow[] {
    const rows = this.statement('SELECT id, version, json FROM records WHERE entity = ? ORDER BY id').all(
      entity,
    ) as {
      id: string;
      version: number;
      json: string;
    }[];
    return rows.map((r) => ({ id: r.id, version: r.version, record: JSON.parse(r.json) }));
  }

  /** Records whose lookup `column` points at `id` (lines of an invoice, children of a parent). */
  referencing(entity: string, column: string, id: string): StoredRow[] {
    if (!/^[a-z0-9_]+$/i.test(column)) return [];
    const rows = this.statement(
      `SELECT id, version, json FROM records WHERE entity = ? AND json_extract(json, '$.${column}.id') = ?`,
    ).all(entity, id) as { id: string; version: number; json: string }[];
    // Sorted here, not in SQL: ORDER BY id would make SQLite skip the lookup index.
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.map((r) => ({ id: r.id, version: r.version, record: JSON.parse(r.json) }));
  }

  /** Writes the record and returns its new version number. */
  put(entity: string, id: string, record: StoredRecord): number {
    const version = this.nextCounter('version', 1000000);
    record.versionnumber = version;
    this.statement(
      'INSERT INTO records (entity, id, version, json) VALUES (?, ?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, json = excluded.json',
    ).run(entity, id, version, JSON.stringify(record));
    return version;
  }

  delete(entity: string, id: string): boolean {
    return this.statement('DELETE FROM records WHERE entity = ? AND id = ?').run(entity, id).changes > 0;
  }

  clear(): void {
    this.db.exec('DELETE FROM records; DELETE FROM meta;');
  }

  nextCounter(key: string, start: number): number {
    const current = this.getMeta(key);
    const next = current === undefined ? start : Number(current) + 1;
    this.setMeta(key, String(next));
    return next;
  }

  getMeta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.statement(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  /** Runs fn atomically; nested calls become savepoints, so a failing changeset rolls back alone. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
