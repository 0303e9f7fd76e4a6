/** The connection a record uses when it names none: the active connection marked Default. */
import { COLUMNS, SYSTEM_COLUMNS, TABLES } from '../../../../solution/names';
import type { DataverseClient } from './client';
import { and, eq, isGuid } from './odata';

/** `named` when it is a GUID, else the default connection's id (lower-case), else undefined. */
export async function connectionIdOrDefault(
  client: DataverseClient,
  named: unknown,
): Promise<string | undefined> {
  if (typeof named === 'string' && isGuid(named)) return named.toLowerCase();
  const [row] = await client.query<Record<string, unknown>>(TABLES.connection.entitySet, {
    select: [TABLES.connection.primaryId],
    filter: and(eq(COLUMNS.connection.isDefault, true), eq(SYSTEM_COLUMNS.stateCode, 0)),
    top: 1,
  });
  const id = row?.[TABLES.connection.primaryId];
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}
