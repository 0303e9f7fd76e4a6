/**
 * The SQLite dialect: one relay on one machine (the default, and the sandbox). WAL lets readers run
 * beside the writer; busy_timeout makes a second process wait for the write lock instead of
 * failing; claims run in an IMMEDIATE transaction so the write lock is taken before the read.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { APPLIED_MIGRATIONS, MIGRATIONS_TABLE, migrationSteps } from './migrations';
import type { Row } from './rows';
import type { Outcome, Params, SqlDialect } from './sqlDialect';
import { sqlStore } from './sqlStore';
import type { Store } from './store';

function migrate(db: Database.Database): void {
  db.exec(MIGRATIONS_TABLE);
  const apply = db.transaction(() => {
    const applied = db.prepare(APPLIED_MIGRATIONS).all() as Row[];
    for (const step of migrationSteps(applied)) db.prepare(step.sql).run(step.params);
  });
  apply.immediate();
}

function sqliteDialect(db: Database.Database): SqlDialect {
  const prepared = new Map<string, Database.Statement>();
  function run(sql: string, params: Params): Outcome {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
    if (!statement.reader) return { rows: [], changes: statement.run(params).changes };
    // A statement that returns rows (a SELECT, or a write with RETURNING): a row for each change.
    const rows = statement.all(params) as Row[];
    return { rows, changes: rows.length };
  }
  const claim = db.transaction((sql: string, params: Params) => run(sql, params).rows);
  return {
    name: 'sqlite',
    skipTaken: '',
    run: async (sql, params) => run(sql, params),
    claim: async (sql, params) => claim.immediate(sql, params),
    async close() {
      if (db.open) db.close();
    },
  };
}

export function openSqliteStore(file: string, orgId: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return sqlStore(sqliteDialect(db), orgId);
}
