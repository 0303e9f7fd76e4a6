/**
 * The engines the store suites run against: SQLite always (a temp file, as in production), and
 * PostgreSQL when TEST_DATABASE_URL is set. In CI a missing TEST_DATABASE_URL is a failure, not a
 * skip, so a broken database setup can never pass silently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { Row } from '../../src/adapters/store/rows';
import { openPostgresStore } from '../../src/adapters/store/postgresStore';
import { openSqliteStore } from '../../src/adapters/store/sqliteStore';
import type { Store } from '../../src/adapters/store/store';

export interface StoreTarget {
  readonly name: string;
  /** Opens a store on an empty database; a second call within one test shares the same database. */
  open(orgId?: string): Promise<Store>;
  /** Runs raw SQL (several statements) on the database, as an earlier release would have. */
  seed(sql: string): Promise<void>;
  /** Rows of one raw query, bypassing the store. */
  select(sql: string): Promise<Row[]>;
  reset(): Promise<void>;
  cleanup(): Promise<void>;
}

export function sqliteTarget(): StoreTarget {
  let dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-store-'));
  const file = () => path.join(dir, 'relay.db');
  function withDatabase<T>(use: (db: Database.Database) => T): T {
    const db = new Database(file());
    try {
      return use(db);
    } finally {
      db.close();
    }
  }
  return {
    name: 'SQLite',
    async open(orgId = 'org-1') {
      return openSqliteStore(file(), orgId);
    },
    async seed(sql) {
      withDatabase((db) => {
        db.pragma('journal_mode = WAL');
        db.exec(sql);
      });
    },
    async select(sql) {
      return withDatabase((db) => db.prepare(sql).all() as Row[]);
    },
    async reset() {
      fs.rmSync(dir, { recursive: true, force: true });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-store-'));
    },
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * PostgreSQL at `url`; given a `schema`, the target keeps to that schema (its search_path), so a
 * suite can run beside another on the same database without dropping the other's tables.
 */
export function postgresTarget(url: string, schema?: string): StoreTarget {
  const target = new URL(url);
  if (schema) target.searchParams.set('options', `-c search_path=${schema}`);
  async function withPool<T>(use: (pool: Pool) => Promise<T>): Promise<T> {
    const pool = new Pool({ connectionString: target.href, max: 1 });
    try {
      return await use(pool);
    } finally {
      await pool.end();
    }
  }
  return {
    name: 'PostgreSQL',
    async open(orgId = 'org-1') {
      return openPostgresStore(target.href, orgId, 4);
    },
    async seed(sql) {
      await withPool((pool) => pool.query(sql));
    },
    async select(sql) {
      return withPool(async (pool) => (await pool.query(sql)).rows);
    },
    async reset() {
      await withPool(async (pool) => {
        if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        // Every table the migrations made, so a new migration needs no change here.
        const { rows } = await pool.query<{ tablename: string }>(
          'SELECT tablename FROM pg_tables WHERE schemaname = current_schema()',
        );
        if (rows.length)
          await pool.query(`DROP TABLE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
      });
    },
    async cleanup() {
      if (schema) await withPool((pool) => pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}

export type PostgresAvailability = { readonly url: string } | { readonly missing: string };

export function postgresAvailability(env = process.env): PostgresAvailability {
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL };
  return {
    missing:
      'TEST_DATABASE_URL is not set, so the PostgreSQL store tests cannot run. ' +
      '.ci/run starts a PostgreSQL cluster and sets it; locally, start one and export ' +
      'TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:PORT/db',
  };
}

/**
 * Declares `suite` as "SQLite <title>" and "PostgreSQL <title>". Without TEST_DATABASE_URL the
 * PostgreSQL half fails in CI and is skipped, loudly, elsewhere.
 */
export function describeOnEachEngine(
  title: string,
  suite: (target: StoreTarget) => void,
  postgresSchema?: string,
): void {
  describe(`SQLite ${title}`, () => suite(sqliteTarget()));
  const postgres = postgresAvailability();
  if ('url' in postgres) {
    describe(`PostgreSQL ${title}`, () => suite(postgresTarget(postgres.url, postgresSchema)));
  } else if (process.env.CI === 'true') {
    describe(`PostgreSQL ${title}`, () => {
      it('runs in CI', () => {
        throw new Error(postgres.missing);
      });
    });
  } else {
    console.warn(`SKIPPING the PostgreSQL ${title} tests: ${postgres.missing}`);
    describe.skip(`PostgreSQL ${title} (TEST_DATABASE_URL not set)`, () => {
      it('runs when TEST_DATABASE_URL is set', () => undefined);
    });
  }
}
