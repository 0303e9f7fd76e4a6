/**
 * The PostgreSQL dialect: several relay instances share one database. Claims lock their rows
 * `FOR UPDATE SKIP LOCKED`, so concurrent claimers each take different rows without waiting on one
 * another; migrations run under an advisory lock so two instances starting together do not race.
 */
import { Pool, type PoolClient } from 'pg';
import { APPLIED_MIGRATIONS, MIGRATIONS_TABLE, migrationSteps } from './migrations';
import type { Row } from './rows';
import type { Outcome, Params, SqlDialect } from './sqlDialect';
import { sqlStore } from './sqlStore';
import type { Store } from './store';

/** An arbitrary constant: the advisory lock key that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 724_311_905;

/** `:name` parameters as pg's `$1`, `$2`… (one number per name) with their values in that order. */
export function toPositional(sql: string, params: Params): { text: string; values: unknown[] } {
  const names: string[] = [];
  // Not after ':' or a word character, so a `::text` cast is left alone.
  const text = sql.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for the SQL parameter :${name}`);
    const at = names.indexOf(name);
    return `$${at >= 0 ? at + 1 : names.push(name)}`;
  });
  return { text, values: names.map((name) => params[name]) };
}

async function run(on: Pool | PoolClient, sql: string, params: Params = {}): Promise<Outcome> {
  const { text, values } = toPositional(sql, params);
  const result = await on.query(text, values);
  return { rows: result.rows as Row[], changes: result.rowCount ?? 0 };
}

async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await run(client, 'SELECT pg_advisory_xact_lock(:key)', { key: MIGRATION_LOCK_KEY });
    await run(client, MIGRATIONS_TABLE);
    const applied = (await run(client, APPLIED_MIGRATIONS)).rows;
    for (const step of migrationSteps(applied)) await run(client, step.sql, step.params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

function postgresDialect(pool: Pool): SqlDialect {
  return {
    name: 'postgres',
    skipTaken: 'FOR UPDATE SKIP LOCKED',
    run: (sql, params) => run(pool, sql, params),
    // One statement, so its row locks are its transaction's: no BEGIN needed.
    claim: async (sql, params) => (await run(pool, sql, params)).rows,
    close: () => pool.end(),
  };
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
  return sqlStore(postgresDialect(pool), orgId);
}
