/**
 * Find-or-create over the Dataverse Web API: the seed looks each demo record up by a natural key
 * (a number, a code, a name) before creating it, so running it again adds nothing.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { eq, type ODataValue } from '../../plugins-proxy/src/adapters/dataverse/odata';
import { navigationProperty, type TableName } from '../../solution/names';

export type Row = Record<string, unknown>;

export interface SeedCounter {
  created: number;
  existing: number;
}

export function newCounter(): SeedCounter {
  return { created: 0, existing: 0 };
}

/** `{ "<nav>@odata.bind": "/<set>(<id>)" }` for a lookup column named in solution/names. */
export function bindTo(table: string, column: string, target: TableName, id: string): Row {
  return { [`${navigationProperty(table, column)}@odata.bind`]: `/${target.entitySet}(${id})` };
}

export async function findId(
  client: DataverseClient,
  table: TableName,
  column: string,
  value: ODataValue,
): Promise<string | undefined> {
  const [row] = await client.query<Row>(table.entitySet, {
    select: [table.primaryId],
    filter: eq(column, value),
    top: 1,
  });
  return row ? String(row[table.primaryId]) : undefined;
}

/** The id of the row whose `column` equals `value`, creating it from `body` when there is none. */
export async function findOrCreate(
  client: DataverseClient,
  table: TableName,
  key: { column: string; value: ODataValue },
  body: Row,
  counter: SeedCounter,
): Promise<string> {
  const existing = await findId(client, table, key.column, key.value);
  if (existing) {
    counter.existing += 1;
    return existing;
  }
  counter.created += 1;
  return client.create(table.entitySet, { [key.column]: key.value, ...body });
}
