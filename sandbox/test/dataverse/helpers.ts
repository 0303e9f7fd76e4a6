import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { COLUMNS, COMPONENTS, TABLES } from '../../../solution/names';
import {
  type DataverseEmulator,
  type DataverseEmulatorOptions,
  startDataverseEmulator,
} from '../../dataverse';

export const SAMPLES = path.join(__dirname, '../../../../shared/dataverse-samples');

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown> & { value?: Record<string, unknown>[] };
}

/** A small Web API client over real HTTP, with the application user's token unless told otherwise. */
export function client(emulator: DataverseEmulator, token: string | null = emulator.admin.appToken()) {
  return async (
    method: string,
    apiPath: string,
    options: { body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<Reply> => {
    const url = apiPath.startsWith('http') ? apiPath : `${emulator.url}/api/data/v9.2/${apiPath}`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'OData-Version': '4.0',
      ...options.headers,
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    // Keep a byte-order mark: `/$count` answers start with one (§1.3).
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  };
}

/** Keys are Active at once here unless a test asks for the delay (keys.test.ts does). */
export async function startEmulator(options: DataverseEmulatorOptions = {}) {
  const emulator = await startDataverseEmulator({ dataDir: null, keyActivationDelayMs: 0, ...options });
  return { emulator, api: client(emulator) };
}

/** The id at the end of an OData-EntityId header. */
export function idFrom(reply: Reply): string {
  const m = /\(([0-9a-f-]{36})\)$/.exec(reply.headers.get('odata-entityid') ?? '');
  if (!m) throw new Error(`no OData-EntityId in ${reply.status} ${reply.text}`);
  return m[1];
}

const attr = (logicalName: string, type: string, extra = '', custom = 1) =>
  `<attribute PhysicalName="${logicalName}"><Type>${type}</Type><Name>${logicalName}</Name><LogicalName>${logicalName}</LogicalName><IsCustomField>${custom}</IsCustomField>${extra}<displaynames><displayname description="${logicalName}" languagecode="1033" /></displaynames></attribute>`;
const primaryName = (name: string) =>
  attr(
    name,
    'nvarchar',
    '<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask><MaxLength>100</MaxLength>',
  );

function entity(
  t: { logicalName: string; entitySet: string; primaryId: string },
  columns: string,
  keys = '',
): string {
  return `<Entity><Name LocalizedName="${t.logicalName}" OriginalName="${t.logicalName}">${t.logicalName}</Name><EntityInfo><entity Name="${t.logicalName}"><LocalizedNames><LocalizedName description="${t.logicalName}" languagecode="1033" /></LocalizedNames><attributes>${attr(t.primaryId, 'primarykey', '', 0)}${primaryName('stl_name')}${columns}</attributes><EntitySetName>${t.entitySet}</EntitySetName>${keys}</entity></EntityInfo><FormXml><forms type="main"><systemform><formid>{6e432c2d-fc81-4089-9ac2-1d13bcbe${t.logicalName.length.toString().padStart(4, '0')}}</formid><form><tabs><tab name="general" /></tabs></form></systemform></forms></FormXml></Entity>`;
}

const relationship = (name: string, referencing: string, referenced: string, schemaAttr: string) =>
  `<EntityRelationship Name="${name}"><EntityRelationshipType>OneToMany</EntityRelationshipType><ReferencingEntityName>${referencing}</ReferencingEntityName><ReferencedEntityName>${referenced}</ReferencedEntityName><ReferencingAttributeName>${schemaAttr}</ReferencingAttributeName><EntityRelationshipRoles><EntityRelationshipRole><NavigationPropertyName>${schemaAttr}</NavigationPropertyName><RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole><EntityRelationshipRole><NavigationPropertyName>${name}</NavigationPropertyName><RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole></EntityRelationshipRoles></EntityRelationship>`;

export const MINI = {
  endpointId: 'aaaaaaaa-0000-4000-8000-000000000001',
  stepId: 'aaaaaaaa-0000-4000-8000-000000000002',
  glCodeKey: 'stl_glcode_connection_code',
  connectionNav: 'stl_ConnectionId',
};

/**
 * A hand-made solution in the export format (reference/dataverse-solution.md §2.5): connection,
 * GL code (lookup + alternate key) and sync history tables, a webhook endpoint and an async
 * post-operation Create step on sync history.
 */
export function miniSolutionZip(version = '1.0.0.0', managed = true, extraHistoryColumn = ''): Uint8Array {
  const { connection, glCode, syncHistory } = TABLES;
  const glColumns =
    attr(COLUMNS.glCode.code, 'nvarchar', '<MaxLength>20</MaxLength>') +
    attr(MINI.connectionNav, 'lookup', '', 1).replace(
      `<LogicalName>${MINI.connectionNav}</LogicalName>`,
      `<LogicalName>${COLUMNS.glCode.connectionId}</LogicalName>`,
    );
  const glKeys = `<EntityKeys><EntityKey><Name>${MINI.glCodeKey}</Name><LogicalName>${MINI.glCodeKey}</LogicalName><EntityKeyAttributes><AttributeName>${COLUMNS.glCode.connectionId}</AttributeName><AttributeName>${COLUMNS.glCode.code}</AttributeName></EntityKeyAttributes></EntityKey></EntityKeys>`;
  const historyColumns =
    attr(COLUMNS.syncHistory.message, 'ntext', '<MaxLength>4000</MaxLength>') +
    attr(COLUMNS.syncHistory.attempts, 'int') +
    (extraHistoryColumn ? attr(extraHistoryColumn, 'ntext', '<MaxLength>1048576</MaxLength>') : '');
  const customizations = `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities>${entity(connection, '')}${entity(glCode, glColumns, glKeys)}${entity(syncHistory, historyColumns)}</Entities><EntityRelationships>${relationship('stl_connection_stl_glcode_connectionid', glCode.logicalName, connection.logicalName, MINI.connectionNav)}</EntityRelationships><ServiceEndpoints><ServiceEndpoint ServiceEndpointId="{${MINI.endpointId}}" Name="${COMPONENTS.webhookEndpoint}"><ConnectionMode>1</ConnectionMode><Contract>8</Contract><AuthType>5</AuthType><MessageFormat>2</MessageFormat><NamespaceFormat>2</NamespaceFormat><Url>https://relay.invalid/webhook</Url></ServiceEndpoint></ServiceEndpoints><SdkMessageProcessingSteps><SdkMessageProcessingStep SdkMessageProcessingStepId="{${MINI.stepId}}" Name="${COMPONENTS.webhookStep}"><PrimaryEntity>${syncHistory.logicalName}</PrimaryEntity><AsyncAutoDelete>1</AsyncAutoDelete><Mode>1</Mode><Rank>1</Rank><SdkMessageId>{9ebdbb1b-ea3e-db11-86a7-000a3a5473e8}</SdkMessageId><EventHandler>{${MINI.endpointId}}</EventHandler><Stage>40</Stage></SdkMessageProcessingStep></SdkMessageProcessingSteps><Languages><Language>1033</Language></Languages></ImportExportXml>`;
  const solution = `<ImportExportXml version="9.2.0.0" SolutionPackageVersion="9.2" languagecode="1033"><SolutionManifest><UniqueName>StellariseTestMini</UniqueName><LocalizedNames><LocalizedName description="Mini" languagecode="1033" /></LocalizedNames><Version>${version}</Version><Managed>${managed ? 1 : 0}</Managed><Publisher><UniqueName>Stellarise</UniqueName></Publisher><RootComponents /></SolutionManifest></ImportExportXml>`;
  return zipSync({
    'customizations.xml': strToU8(customizations),
    'solution.xml': strToU8(solution),
    '[Content_Types].xml': strToU8('<Types />'),
  });
}
