/**
 * What an SQL engine lends the one store: statements with named parameters (`:name`), the lock
 * clause and transaction of the job claim, and closing. SQLite and PostgreSQL implement it.
 */
import type { Row } from './rows';

export type Params = Readonly<Record<string, unknown>>;

export interface Outcome {
  readonly rows: Row[];
  /** Rows inserted, updated or deleted. */
  readonly changes: number;
}

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Ends the claim's SELECT of due jobs, so concurrent claimers pass over rows another is taking. */
  readonly skipTaken: string;
  run(sql: string, params: Params): Promise<Outcome>;
  /** Runs the claim statement so that two claims never lease the same job. */
  claim(sql: string, params: Params): Promise<Row[]>;
  close(): Promise<void>;
}

/** Statements of one organisation's store: each is given `:org`. */
export interface OrgSql {
  rows(sql: string, params?: Params): Promise<Row[]>;
  first(sql: string, params: Params): Promise<Row | undefined>;
  changes(sql: string, params: Params): Promise<number>;
  claim(sql: string, params: Params): Promise<Row[]>;
}

export function orgSql(db: SqlDialect, orgId: string): OrgSql {
  const run = (sql: string, params: Params = {}) => db.run(sql, { ...params, org: orgId });
  return {
    rows: async (sql, params) => (await run(sql, params)).rows,
    first: async (sql, params) => (await run(sql, params)).rows[0],
    changes: async (sql, params) => (await run(sql, params)).changes,
    claim: (sql, params) => db.claim(sql, { ...params, org: orgId }),
  };
}
