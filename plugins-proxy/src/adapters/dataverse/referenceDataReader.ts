/**
 * The second half of the snapshot read: one `$batch` of GETs for the connection's reference rows, links
 * and products; over 5000 rows costs one more request per page (adapters/dataverse/README.md).
 */
import { COLUMNS, SYSTEM_TABLES, TABLES, TableName } from '../../../../solution/names';
import { BatchRequest, partJson } from './batch';
import { batchPartError, DataverseClient } from './client';
import { and, eq, guid, inValues, keySegment, lookupProperty, queryString, QueryOptions } from './odata';
import { SELECT } from './selects';

type Row = Record<string, unknown>;

const CONNECTION_LOOKUP = lookupProperty(COLUMNS.glCode.connectionId);

export interface ReferenceData {
  connection?: Row;
  defaults: Row | null;
  products: Row[];
  glCodes: Row[];
  taxRates: Row[];
  brandingThemes: Row[];
  trackingCategories: Row[];
  trackingOptions: Row[];
  links: Row[];
}

export async function readReferenceData(
  client: DataverseClient,
  connectionId: string,
  productIds: string[],
  linkedRecordIds: string[],
): Promise<ReferenceData> {
  const byConnection = (select: string[]): QueryOptions => ({
    select,
    filter: eq(CONNECTION_LOOKUP, guid(connectionId)),
  });
  const list = (table: TableName, query: QueryOptions): BatchRequest => ({
    method: 'GET',
    url: table.entitySet + queryString(query),
    headers: { Accept: 'application/json' },
  });
  const requests = {
    glCodes: list(TABLES.glCode, byConnection(SELECT.glCode)),
    taxRates: list(TABLES.taxRate, byConnection(SELECT.taxRate)),
    brandingThemes: list(TABLES.brandingTheme, byConnection(SELECT.brandingTheme)),
    trackingCategories: list(TABLES.trackingCategory, byConnection(SELECT.trackingCategory)),
    trackingOptions: list(TABLES.trackingOption, byConnection(SELECT.trackingOption)),
    defaults: list(TABLES.defaults, { ...byConnection(SELECT.defaults), top: 1 }),
    connection: {
      method: 'GET' as const,
      url: keySegment(TABLES.connection, connectionId) + queryString({ select: SELECT.connection }),
      headers: { Accept: 'application/json' },
    },
    ...(linkedRecordIds.length
      ? {
          links: list(TABLES.xeroLink, {
            select: SELECT.xeroLink,
            filter: and(
              eq(CONNECTION_LOOKUP, guid(connectionId)),
              inValues(COLUMNS.xeroLink.recordId, linkedRecordIds),
            ),
          }),
        }
      : {}),
    ...(productIds.length
      ? {
          products: list(SYSTEM_TABLES.product, {
            select: SELECT.product,
            filter: inValues(SYSTEM_TABLES.product.primaryId, productIds),
          }),
        }
      : {}),
  };
  const names = Object.keys(requests) as Array<keyof typeof requests>;
  const parts = await client.batch(names.map((n) => requests[n] as BatchRequest));
  const results: Record<string, unknown> = {};
  for (const [index, name] of names.entries()) {
    const part = parts[index];
    if (name === 'connection' && part?.status === 404) continue;
    const error = part ? batchPartError(part) : new Error(`The $batch answer has no part for ${name}`);
    if (error) throw error;
    results[name] = partJson(part);
  }
  const rows = async (name: string): Promise<Row[]> => {
    const page = results[name] as { value?: Row[]; '@odata.nextLink'?: string } | undefined;
    const more = page?.['@odata.nextLink'] ? await client.query<Row>(page['@odata.nextLink']) : [];
    return [...(page?.value ?? []), ...more].map((r) => stripAnnotations(r));
  };
  const connection = results.connection as Row | undefined;
  return {
    connection: connection ? stripAnnotations(connection) : undefined,
    defaults: (await rows('defaults'))[0] ?? null,
    products: await rows('products'),
    glCodes: await rows('glCodes'),
    taxRates: await rows('taxRates'),
    brandingThemes: await rows('brandingThemes'),
    trackingCategories: await rows('trackingCategories'),
    trackingOptions: await rows('trackingOptions'),
    links: await rows('links'),
  };
}

/** Drop `@odata.*` keys (context, nextLink, etag) except those asked to keep. */
export function stripAnnotations(row: Row, keep: readonly string[] = []): Row {
  return Object.fromEntries(
    Object.entries(row).filter(([k]) => !k.startsWith('@odata.') || keep.includes(k)),
  );
}
