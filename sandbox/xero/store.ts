// SQLite persistence (better-sqlite3, WAL). Each Xero resource is a table of JSON documents keyed by
// (tenant, id); the emulator filters in memory because an organisation here holds hundreds of
// records, not millions. Identity state, idempotency keys and the request log have their own tables.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type {
  Account,
  Allocation,
  BrandingTheme,
  Contact,
  CreditNote,
  Invoice,
  Item,
  Organisation,
  Payment,
  TaxRate,
  TrackingCategory,
} from './domain/types';

const DOCUMENT_TABLES = [
  'organisations',
  'contacts',
  'items',
  'accounts',
  'tax_rates',
  'branding_themes',
  'tracking_categories',
  'invoices',
  'credit_notes',
  'allocations',
  'payments',
] as const;

/**
 * A table of JSON documents with a write-through in-memory cache per tenant (this process is the
 * database's only writer), so list calls and look-ups do not re-parse every row. Records handed out
 * are shared: callers copy before changing one and then `put` the copy.
 */
export class DocTable<T> {
  private readonly allStmt: Database.Statement;
  private readonly putStmt: Database.Statement;
  private readonly rowsByTenant = new Map<string, Map<string, T>>();
  private readonly groups = new Map<string, Map<unknown, T[]>>();

  constructor(
    db: Database.Database,
    table: string,
    private readonly idOf: (record: T) => string,
  ) {
    this.allStmt = db.prepare(`SELECT body FROM ${table} WHERE tenant_id = ? ORDER BY rowid`);
    this.putStmt = db.prepare(
      `INSERT INTO ${table} (tenant_id, id, body) VALUES (?, ?, ?)
       ON CONFLICT (tenant_id, id) DO UPDATE SET body = excluded.body`,
    );
  }

  private rows(tenantId: string): Map<string, T> {
    let rows = this.rowsByTenant.get(tenantId);
    if (!rows) {
      rows = new Map();
      for (const row of this.allStmt.all(tenantId) as { body: string }[]) {
        const record = JSON.parse(row.body) as T;
        rows.set(this.idOf(record).toLowerCase(), record);
      }
      this.rowsByTenant.set(tenantId, rows);
    }
    return rows;
  }

  get(tenantId: string, id: string): T | undefined {
    return this.rows(tenantId).get(id.toLowerCase());
  }

  /** Every record of the tenant, in insertion order. */
  all(tenantId: string): T[] {
    return [...this.rows(tenantId).values()];
  }

  /** The tenant's records grouped by one field's value (rebuilt after a write). */
  groupedBy<K extends keyof T>(tenantId: string, field: K): Map<T[K], T[]> {
    const key = `${tenantId}|${String(field)}`;
    let groups = this.groups.get(key) as Map<T[K], T[]> | undefined;
    if (!groups) {
      groups = new Map();
      for (const record of this.rows(tenantId).values()) {
        const list = groups.get(record[field]);
        if (list) list.push(record);
        else groups.set(record[field], [record]);
      }
      this.groups.set(key, groups as Map<unknown, T[]>);
    }
    return groups;
  }

  put(tenantId: string, record: T): T {
    this.putStmt.run(tenantId, this.idOf(record), JSON.stringify(record));
    this.rows(tenantId).set(this.idOf(record).toLowerCase(), record);
    for (const key of [...this.groups.keys()]) if (key.startsWith(`${tenantId}|`)) this.groups.delete(key);
    return record;
  }

  /** Forgets the cache (after a rolled-back transaction); the next read reloads from SQLite. */
  forget(): void {
    this.rowsByTenant.clear();
    this.groups.clear();
  }
}

export interface KeyValueTable<T> {
  get(key: string): T | undefined;
  put(key: string, value: T): void;
  delete(key: string): void;
  all(): T[];
  entries(): [string, T][];
}

function keyValueTable<T>(db: Database.Database, table: string): KeyValueTable<T> {
  const get = db.prepare(`SELECT body FROM ${table} WHERE key = ?`);
  const put = db.prepare(
    `INSERT INTO ${table} (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body`,
  );
  const del = db.prepare(`DELETE FROM ${table} WHERE key = ?`);
  const all = db.prepare(`SELECT key, body FROM ${table} ORDER BY rowid`);
  return {
    get: (key) => {
      const row = get.get(key) as { body: string } | undefined;
      return row ? (JSON.parse(row.body) as T) : undefined;
    },
    put: (key, value) => void put.run(key, JSON.stringify(value)),
    delete: (key) => void del.run(key),
    all: () => (all.all() as { body: string }[]).map((row) => JSON.parse(row.body) as T),
    entries: () =>
      (all.all() as { key: string; body: string }[]).map((row) => [row.key, JSON.parse(row.body) as T]),
  };
}

export interface RequestLogEntry {
  ms: number;
  method: string;
  path: string;
  endpoint: string;
  tenantId: string | null;
  status: number;
  durationMs: number;
  idempotencyKey?: string;
}

export class Store {
  readonly db: Database.Database;
  readonly organisations: DocTable<Organisation>;
  readonly contacts: DocTable<Contact>;
  readonly items: DocTable<Item>;
  readonly accounts: DocTable<Account>;
  readonly taxRates: DocTable<TaxRate>;
  readonly brandingThemes: DocTable<BrandingTheme>;
  readonly trackingCategories: DocTable<TrackingCategory>;
  readonly invoices: DocTable<Invoice>;
  readonly creditNotes: DocTable<CreditNote>;
  readonly allocations: DocTable<Allocation>;
  readonly payments: DocTable<Payment>;
  /** OAuth state: auth codes, access and refresh tokens, connections (body carries a `kind`). */
  readonly identity: KeyValueTable<Record<string, unknown>>;
  readonly idempotencyKeys: KeyValueTable<Record<string, unknown>>;
  private readonly logInsert: Database.Statement;

  constructor(dataDir: string | null | undefined) {
    const file = dataDir ? path.join(dataDir, 'xero-emulator.sqlite') : ':memory:';
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.migrate();
    this.organisations = new DocTable(this.db, 'organisations', (r) => r.TenantID);
    this.contacts = new DocTable(this.db, 'contacts', (r) => r.ContactID);
    this.items = new DocTable(this.db, 'items', (r) => r.ItemID);
    this.accounts = new DocTable(this.db, 'accounts', (r) => r.AccountID);
    this.taxRates = new DocTable(this.db, 'tax_rates', (r) => r.TaxType);
    this.brandingThemes = new DocTable(this.db, 'branding_themes', (r) => r.BrandingThemeID);
    this.trackingCategories = new DocTable(this.db, 'tracking_categories', (r) => r.TrackingCategoryID);
    this.invoices = new DocTable(this.db, 'invoices', (r) => r.InvoiceID);
    this.creditNotes = new DocTable(this.db, 'credit_notes', (r) => r.CreditNoteID);
    this.allocations = new DocTable(this.db, 'allocations', (r) => r.AllocationID);
    this.payments = new DocTable(this.db, 'payments', (r) => r.PaymentID);
    this.identity = keyValueTable(this.db, 'identity');
    this.idempotencyKeys = keyValueTable(this.db, 'idempotency_keys');
    this.logInsert = this.db.prepare(
      `INSERT INTO request_log (ms, method, path, endpoint, tenant_id, status, duration_ms, idempotency_key)
       VALUES (@ms, @method, @path, @endpoint, @tenantId, @status, @durationMs, @idempotencyKey)`,
    );
  }

  private migrate(): void {
    for (const table of DOCUMENT_TABLES) {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${table} (tenant_id TEXT NOT NULL, id TEXT NOT NULL COLLATE NOCASE,
         body TEXT NOT NULL, PRIMARY KEY (tenant_id, id))`,
      );
    }
    for (const table of ['identity', 'idempotency_keys']) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, body TEXT NOT NULL)`);
    }
    this.db.exec(`CREATE TABLE IF NOT EXISTS request_log (id INTEGER PRIMARY KEY AUTOINCREMENT, ms INTEGER,
      method TEXT, path TEXT, endpoint TEXT, tenant_id TEXT, status INTEGER, duration_ms INTEGER,
      idempotency_key TEXT)`);
  }

  transaction<R>(work: () => R): R {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      for (const table of this.documentTables()) table.forget();
      throw error;
    }
  }

  private documentTables(): DocTable<unknown>[] {
    return [
      this.organisations,
      this.contacts,
      this.items,
      this.accounts,
      this.taxRates,
      this.brandingThemes,
      this.trackingCategories,
      this.invoices,
      this.creditNotes,
      this.allocations,
      this.payments,
    ] as DocTable<unknown>[];
  }

  tenantIds(): string[] {
    return (
      this.db.prepare('SELECT tenant_id FROM organisations ORDER BY rowid').all() as { tenant_id: string }[]
    ).map((row) => row.tenant_id);
  }

  logRequest(entry: RequestLogEntry): void {
    this.logInsert.run({ ...entry, idempotencyKey: entry.idempotencyKey ?? null });
  }

  requestLog(): RequestLogEntry[] {
    return this.db
      .prepare(
        `SELECT ms, method, path, endpoint, tenant_id AS tenantId, status, duration_ms AS durationMs,
         idempotency_key AS idempotencyKey FROM request_log ORDER BY id`,
      )
      .all() as RequestLogEntry[];
  }

  clearRequestLog(): void {
    this.db.exec('DELETE FROM request_log');
  }

  close(): void {
    this.db.close();
  }
}
