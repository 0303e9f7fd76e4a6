/**
 * The engines the contract suite runs against: SQLite always (a temp file, as in production), and
 * PostgreSQL when TEST_DATABASE_URL is set. In CI a missing TEST_DATABASE_URL is a failure, not a
 * skip, so a broken database setup can never pass silently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { openPostgresStore } from '../../src/adapters/store/postgresStore';
import { openSqliteStore } from '../../src/adapters/store/sqliteStore';
import type { Store } from '../../src/adapters/store/store';

export interface StoreTarget {
  readonly name: string;
  /** Opens a store on an empty database; a second call within one test shares the same database. */
  open(orgId?: string): Promise<Store>;
  reset(): Promise<void>;
  cleanup(): Promise<void>;
}

export function sqliteTarget(): StoreTarget {
  let dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-store-'));
  return {
    name: 'SQLite',
    async open(orgId = 'org-1') {
      return openSqliteStore(path.join(dir, 'relay.db'), orgId);
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

export function postgresTarget(url: string): StoreTarget {
  return {
    name: 'PostgreSQL',
    async open(orgId = 'org-1') {
      return openPostgresStore(url, orgId, 4);
    },
    async reset() {
      const pool = new Pool({ connectionString: url, max: 1 });
      // Every table the migrations made, so a new migration needs no change here.
      const { rows } = await pool.query<{ tablename: string }>(
        'SELECT tablename FROM pg_tables WHERE schemaname = current_schema()',
      );
      if (rows.length)
        await pool.query(`DROP TABLE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
      await pool.end();
    },
    async cleanup() {},
  };
}

export type PostgresAvailability = { readonly url: string } | { readonly missing: string };

export function postgresAvailability(env = process.env): PostgresAvailability {
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL };
  return {
    missing:
      'TEST_DATABASE_URL is not set, so the PostgreSQL store contract tests cannot run. ' +
      '.ci/run starts a PostgreSQL cluster and sets it; locally, start one and export ' +
      'TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:PORT/db',
  };
}
