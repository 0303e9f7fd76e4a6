/**
 * The demo connection's codes: GL codes, tax rates, branding themes and tracking pulled from the
 * Xero emulator by the relay's own reference-data pull (what a connect does), plus one GL code
 * Xero no longer has, inactive, so one demo invoice is blocked by the pre-flight check.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { eq, guid, lookupProperty } from '../../plugins-proxy/src/adapters/dataverse/odata';
import type { XeroGateway } from '../../plugins-proxy/src/adapters/xero/gateway';
import { describeCounts, pullReferenceData } from '../../plugins-proxy/src/pull/referenceData';
import { COLUMNS, CUSTOM_TABLE_STATE, TABLES } from '../../solution/names';
import { bindTo, findOrCreate, type Row, type SeedCounter } from './rows';

export interface DemoCodes {
  /** stl_glcode ids by account code. */
  readonly glCodes: Record<string, string>;
  /** stl_taxrate ids by tax type. */
  readonly taxRates: Record<string, string>;
  readonly brandingThemeId?: string;
  readonly pullSummary: string;
}

export const RETIRED_GL_CODE = { code: '299', name: 'Retired sales account' } as const;

async function idsByKey(
  client: DataverseClient,
  table: (typeof TABLES)[keyof typeof TABLES],
  keyColumn: string,
  connectionId: string,
): Promise<Record<string, string>> {
  const rows = await client.query<Row>(table.entitySet, {
    select: [table.primaryId, keyColumn],
    filter: eq(lookupProperty(COLUMNS.glCode.connectionId), guid(connectionId)),
  });
  return Object.fromEntries(rows.map((r) => [String(r[keyColumn]), String(r[table.primaryId])]));
}

/** The GL code Xero no longer has, inactive in Dynamics, for the invoice the pre-flight blocks. */
export async function ensureRetiredGlCode(
  client: DataverseClient,
  connectionId: string,
  codes: DemoCodes,
  counter: SeedCounter,
): Promise<string> {
  const id =
    codes.glCodes[RETIRED_GL_CODE.code] ??
    (await findOrCreate(
      client,
      TABLES.glCode,
      { column: COLUMNS.glCode.code, value: RETIRED_GL_CODE.code },
      {
        [COLUMNS.glCode.name]: RETIRED_GL_CODE.name,
        [COLUMNS.glCode.accountType]: 'REVENUE',
        ...bindTo(TABLES.glCode.logicalName, COLUMNS.glCode.connectionId, TABLES.connection, connectionId),
      },
      counter,
    ));
  await client.update(`${TABLES.glCode.entitySet}(${id})`, { ...CUSTOM_TABLE_STATE.inactive });
  return id;
}

export async function pullDemoCodes(
  client: DataverseClient,
  xero: XeroGateway,
  connectionId: string,
): Promise<DemoCodes> {
  const counts = await pullReferenceData({ dataverse: client, xero }, connectionId);
  const themes = await idsByKey(
    client,
    TABLES.brandingTheme,
    COLUMNS.brandingTheme.xeroBrandingThemeId,
    connectionId,
  );
  return {
    glCodes: await idsByKey(client, TABLES.glCode, COLUMNS.glCode.code, connectionId),
    taxRates: await idsByKey(client, TABLES.taxRate, COLUMNS.taxRate.taxType, connectionId),
    brandingThemeId: Object.values(themes)[0],
    pullSummary: describeCounts(counts),
  };
}
