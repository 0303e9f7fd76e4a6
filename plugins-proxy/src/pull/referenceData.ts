/**
 * Reference data from Xero into Dataverse for one connection, upserted by alternate key in `$batch`; what
 * Xero no longer lists is deactivated, never deleted (docs/architecture.md#reference-data).
 */
import {
  COLUMNS,
  CUSTOM_TABLE_STATE,
  STATE_COLUMNS,
  TABLES,
  navigationProperty,
} from '../../../solution/names';
import type { BatchRequest } from '../adapters/dataverse/batch';
import type { DataverseClient } from '../adapters/dataverse/client';
import {
  alternateKeySegment,
  eq,
  guid,
  keySegment,
  lookupProperty,
  type GuidValue,
} from '../adapters/dataverse/odata';
import type { XeroGateway } from '../adapters/xero/gateway';
import { sendRequests } from './batchRequests';
import {
  brandingThemeRows,
  glCodeRows,
  taxRateRows,
  trackingRows,
  type DesiredRow,
  type ReferenceTable,
} from './referenceRows';

type Row = Record<string, unknown>;

export interface TableCounts {
  readonly label: string;
  readonly created: number;
  readonly updated: number;
  readonly deactivated: number;
  readonly unchanged: number;
}

export interface ReferenceDataDeps {
  readonly dataverse: DataverseClient;
  readonly xero: Pick<
    XeroGateway,
    'getAccounts' | 'getTaxRates' | 'getBrandingThemes' | 'getTrackingCategories'
  >;
  /** Told the X-DayLimit-Remaining of each Xero answer. */
  readonly onXeroHeaders?: (connectionId: string, headers: Record<string, string>) => void;
}

const CONNECTION_COLUMN = COLUMNS.glCode.connectionId;
const UPDATE_ONLY = { 'If-Match': '*' };
const { stateCode } = STATE_COLUMNS;

function connectionKey(connectionId: string): Record<string, GuidValue> {
  return { [lookupProperty(CONNECTION_COLUMN)]: guid(connectionId) };
}

function bindConnection(table: ReferenceTable, connectionId: string): Row {
  const nav = navigationProperty(table.table.logicalName, CONNECTION_COLUMN);
  return { [`${nav}@odata.bind`]: `/${keySegment(TABLES.connection, connectionId)}` };
}

function bindCategory(connectionId: string, categoryKey: string): Row {
  const nav = navigationProperty(
    TABLES.trackingOption.logicalName,
    COLUMNS.trackingOption.trackingCategoryId,
  );
  const key = {
    ...connectionKey(connectionId),
    [COLUMNS.trackingCategory.xeroTrackingCategoryId]: categoryKey,
  };
  return { [`${nav}@odata.bind`]: `/${alternateKeySegment(TABLES.trackingCategory, key)}` };
}

function differs(columns: DesiredRow['columns'], existing: Row): boolean {
  return Object.entries(columns).some(([name, wanted]) => {
    const have = existing[name] ?? null;
    if (typeof wanted === 'number' && typeof have === 'number') return Math.abs(wanted - have) > 1e-6;
    return (wanted ?? null) !== (have === '' ? null : have);
  });
}

async function existingRows(client: DataverseClient, table: ReferenceTable, connectionId: string) {
  const rows = await client.query<Row>(table.table.entitySet, {
    select: [
      ...new Set([
        table.table.primaryId,
        stateCode,
        table.keyColumn,
        ...Object.keys(table.rows[0]?.columns ?? {}),
      ]),
    ],
    filter: eq(lookupProperty(CONNECTION_COLUMN), guid(connectionId)),
  });
  return new Map(rows.map((r) => [String(r[table.keyColumn] ?? '').toLowerCase(), r]));
}

/** Brings one table in line with Xero's list; answers the counts, throws when a write failed. */
export async function syncReferenceTable(
  client: DataverseClient,
  table: ReferenceTable,
  connectionId: string,
): Promise<TableCounts> {
  const existing = await existingRows(client, table, connectionId);
  const requests: BatchRequest[] = [];
  const counts = { label: table.label, created: 0, updated: 0, deactivated: 0, unchanged: 0 };
  const deactivate = (row: Row) => {
    counts.deactivated += 1;
    requests.push({
      method: 'PATCH',
      url: keySegment(table.table, String(row[table.table.primaryId])),
      headers: UPDATE_ONLY,
      body: { ...CUSTOM_TABLE_STATE.inactive },
    });
  };
  const seen = new Set<string>();
  for (const desired of table.rows) {
    const lower = desired.key.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    const current = existing.get(lower);
    const isInactive = current !== undefined && current[stateCode] !== CUSTOM_TABLE_STATE.active.statecode;
    if (!desired.active) {
      if (current && !isInactive) deactivate(current);
      continue;
    }
    if (current && !isInactive && !differs(desired.columns, current)) {
      counts.unchanged += 1;
      continue;
    }
    if (current) counts.updated += 1;
    else counts.created += 1;
    const key = { ...connectionKey(connectionId), [table.keyColumn]: desired.key };
    requests.push({
      method: 'PATCH',
      url: alternateKeySegment(table.table, key),
      body: {
        ...desired.columns,
        ...bindConnection(table, connectionId),
        ...(desired.parentKey ? bindCategory(connectionId, desired.parentKey) : {}),
        ...(isInactive ? { ...CUSTOM_TABLE_STATE.active } : {}),
      },
    });
  }
  for (const [key, row] of existing) {
    if (!seen.has(key) && row[stateCode] === CUSTOM_TABLE_STATE.active.statecode) deactivate(row);
  }
  const failures = await sendRequests(client, requests);
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${requests.length} ${table.label} could not be written to Dynamics: ${failures[0].message}`,
    );
  }
  return counts;
}

/** Pulls every reference list of the connection from Xero and syncs the five tables in order. */
export async function pullReferenceData(
  deps: ReferenceDataDeps,
  connectionId: string,
): Promise<TableCounts[]> {
  const seen = <T extends { headers: Record<string, string> }>(result: T): T => {
    deps.onXeroHeaders?.(connectionId, result.headers);
    return result;
  };
  const accounts = seen(await deps.xero.getAccounts(connectionId)).body.accounts ?? [];
  const taxRates = seen(await deps.xero.getTaxRates(connectionId)).body.taxRates ?? [];
  const themes = seen(await deps.xero.getBrandingThemes(connectionId)).body.brandingThemes ?? [];
  const categories =
    seen(await deps.xero.getTrackingCategories(connectionId, { includeArchived: true })).body
      .trackingCategories ?? [];
  const tracking = trackingRows(categories);
  const tables = [
    glCodeRows(accounts),
    taxRateRows(taxRates),
    brandingThemeRows(themes),
    tracking.categories,
    tracking.options,
  ];
  const counts: TableCounts[] = [];
  for (const table of tables) counts.push(await syncReferenceTable(deps.dataverse, table, connectionId));
  return counts;
}

/** "12 GL codes, 8 tax rates, … in Dynamics (3 written, 1 deactivated as archived or removed in Xero)." */
export function describeCounts(counts: readonly TableCounts[]): string {
  const sum = (pick: (c: TableCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
  const listed = counts.map((c) => `${c.created + c.updated + c.unchanged} ${c.label}`).join(', ');
  const written = sum((c) => c.created + c.updated);
  return `${listed} in Dynamics (${written} written, ${sum((c) => c.deactivated)} deactivated as archived or removed in Xero).`;
}
