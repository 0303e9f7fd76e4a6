import type { DataEvent, EmulatorContext } from './context';
import { isLookupRef, type StoredRecord, type TableDef } from './model/types';

/**
 * The body a webhook receives (reference/dataverse-solution.md §5.2): the serialized
 * RemoteExecutionContext, with WCF-style key/value arrays, `\/Date(ms)\/` and `__type`
 * discriminators for EntityReference, OptionSetValue and Money.
 */
const CONTRACTS = 'http://schemas.microsoft.com/xrm/2011/Contracts';

/** authvalue: `<settings><setting name="k" value="v" /></settings>`, a JSON object, or `Key: Value` lines. */
export function parseAuthValue(authValue: string | null | undefined): Record<string, string> {
  const text = (authValue ?? '').trim();
  if (!text) return {};
  if (text.startsWith('<')) {
    const pairs: Record<string, string> = {};
    for (const m of text.matchAll(/<setting\s+name="([^"]*)"\s+value="([^"]*)"/g)) pairs[m[1]] = m[2];
    return pairs;
  }
  if (text.startsWith('{')) {
    try {
      return Object.fromEntries(
        Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      );
    } catch {
      return {};
    }
  }
  const pairs: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) pairs[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return pairs;
}

const wcfDate = (iso: string) => `/Date(${Date.parse(iso)})/`;

function wcfValue(table: TableDef | undefined, column: string, value: unknown): unknown {
  const def = table?.columns[column];
  if (isLookupRef(value)) {
    return {
      __type: `EntityReference:${CONTRACTS}`,
      Id: value.id,
      KeyAttributes: [],
      LogicalName: value.entity,
      Name: null,
      RowVersion: null,
    };
  }
  if (value === null || value === undefined || !def) return value ?? null;
  if (def.type === 'picklist' || def.type === 'state' || def.type === 'status')
    return { __type: `OptionSetValue:${CONTRACTS}`, Value: value };
  if (def.type === 'money') return { __type: `Money:${CONTRACTS}`, Value: value };
  if (def.type === 'datetime' && typeof value === 'string') return wcfDate(value);
  return value;
}

export function remoteExecutionContext(
  ctx: EmulatorContext,
  event: DataEvent,
  step: StoredRecord,
  operationId: string,
): Record<string, unknown> {
  const table = ctx.model.table(event.entity);
  const attributes = Object.entries(event.record)
    .filter(([k]) => k !== 'versionnumber')
    .map(([key, value]) => ({ key, value: wcfValue(table, key, value) }));
  const target = {
    __type: `Entity:${CONTRACTS}`,
    Attributes: attributes,
    EntityState: null,
    FormattedValues: [],
    Id: event.id,
    KeyAttributes: [],
    LogicalName: event.entity,
    RelatedEntities: [],
    RowVersion: event.record.versionnumber === undefined ? null : String(event.record.versionnumber),
  };
  const base = {
    BusinessUnitId: ctx.seeds.businessUnitId,
    CorrelationId: event.correlationId,
    Depth: 1,
    InitiatingUserId: event.userId,
    InputParameters: [
      {
        key: 'Target',
        value:
          event.message === 'Delete'
            ? {
                __type: `EntityReference:${CONTRACTS}`,
                Id: event.id,
                KeyAttributes: [],
                LogicalName: event.entity,
                Name: null,
                RowVersion: null,
              }
            : target,
      },
    ],
    IsExecutingOffline: false,
    IsInTransaction: false,
    IsOfflinePlayback: false,
    IsolationMode: 1,
    MessageName: event.message,
    Mode: Number(step.mode ?? 1),
    OperationCreatedOn: `/Date(${Date.now()})/`,
    OperationId: operationId,
    OrganizationId: ctx.seeds.organizationId,
    OrganizationName: new URL(ctx.orgUrl()).host,
    OutputParameters: event.message === 'Create' ? [{ key: 'id', value: event.id }] : [],
    OwningExtension: {
      Id: String(step.sdkmessageprocessingstepid),
      KeyAttributes: [],
      LogicalName: 'sdkmessageprocessingstep',
      Name: step.name ?? null,
      RowVersion: null,
    },
    PostEntityImages: [],
    PreEntityImages: [],
    PrimaryEntityId: event.id,
    PrimaryEntityName: event.entity,
    RequestId: null,
    SecondaryEntityName: 'none',
    SharedVariables: [],
    Stage: Number(step.stage ?? 40),
    UserId: event.userId,
  };
  return { ...base, ParentContext: { ...base, Mode: 0, Stage: 30, ParentContext: null } };
}

/** WCF's JSON writer escapes every slash: `\/Date(…)\/`, `http:\/\/schemas…`. */
export const toWcfJson = (value: unknown) => JSON.stringify(value).replace(/\//g, '\\/');
