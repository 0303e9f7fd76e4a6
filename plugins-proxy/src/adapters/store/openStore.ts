/**
 * Chooses the store from DATABASE_URL: `postgres://` or `postgresql://` selects PostgreSQL;
 * `sqlite:<path>` (relative to the working directory) or `sqlite::memory:` selects SQLite.
 * The in-memory SQLite store is the fake used by route and sync tests.
 */
import path from 'node:path';
import { openPostgresStore } from './postgresStore';
import { openSqliteStore } from './sqliteStore';
import type { Store } from './store';

export type StoreLocation =
  | { readonly dialect: 'postgres'; readonly url: string }
  | { readonly dialect: 'sqlite'; readonly file: string };

export function parseDatabaseUrl(databaseUrl: string, cwd = process.cwd()): StoreLocation | null {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return { dialect: 'postgres', url: databaseUrl };
  const match = /^sqlite:(.+)$/i.exec(databaseUrl);
  if (!match) return null;
  const file = match[1].replace(/^\/\/(?=\/)/, '');
  return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
}

export interface OpenStoreOptions {
  /** Told when PostgreSQL drops an idle connection (the caller logs it; the pool recovers). */
  readonly onConnectionError?: (error: Error) => void;
}

export async function openStore(
  databaseUrl: string,
  orgId: string,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const location = parseDatabaseUrl(databaseUrl);
  if (!location) throw new Error('DATABASE_URL must start with sqlite: or postgres://');
  return location.dialect === 'postgres'
    ? openPostgresStore(location.url, orgId, 10, options.onConnectionError)
    : openSqliteStore(location.file, orgId);
}

/** A fresh in-memory store for tests and tools. */
export function openMemoryStore(orgId = 'test-org'): Store {
  return openSqliteStore(':memory:', orgId);
}
