/**
 * A defensive, pure parser for the RemoteExecutionContext a Dataverse webhook posts (WCF data-contract
 * JSON): Create of stl_synchistory only (docs/architecture.md#intake-webhooks-and-nudges).
 */
import { COLUMNS, TABLES } from '../../../solution/names';
import { failure, success, type Result } from '../domain/result';
import type { SyncRequest } from '../domain/syncRequest';
import { normaliseGuid } from './guid';

export type AttributeValue =
  string | number | boolean | null | Date | { readonly id: string; readonly logicalName: string | null };

export interface ParsedExecutionContext {
  readonly primaryEntityId: string;
  readonly organizationId: string | null;
  readonly correlationId: string | null;
  readonly operationCreatedOn: Date | null;
  /** Attributes of InputParameters.Target; null when Dataverse dropped them (payload over 256 KB). */
  readonly target: Readonly<Record<string, AttributeValue>> | null;
}

export type ParseResult = Result<ParsedExecutionContext>;

const WCF_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `\/Date(1506409448000-0700)\/` → a Date; the milliseconds are UTC, the offset only says where it was written. */
export function parseWcfDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = WCF_DATE.exec(value);
  return match ? new Date(Number(match[1])) : null;
}

/** WCF writes dictionaries as `[{ "key": k, "value": v }]`; some serialisers write plain objects. */
export function keyValues(value: unknown): Map<string, unknown> | null {
  if (isObject(value)) return new Map(Object.entries(value));
  if (!Array.isArray(value)) return null;
  const entries = new Map<string, unknown>();
  for (const item of value) {
    if (!isObject(item) || typeof item.key !== 'string') return null;
    entries.set(item.key, item.value);
  }
  return entries;
}

function typeTag(value: Record<string, unknown>): string {
  return typeof value.__type === 'string' ? value.__type.split(':')[0] : '';
}

export function parseAttributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return parseWcfDate(value) ?? value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (!isObject(value)) return null;
  const tag = typeTag(value);
  const id = normaliseGuid(value.Id);
  if (tag === 'EntityReference' || (id && typeof value.LogicalName === 'string')) {
    return id ? { id, logicalName: typeof value.LogicalName === 'string' ? value.LogicalName : null } : null;
  }
  if (typeof value.Value === 'number') return value.Value; // OptionSetValue, Money
  return null;
}

function parseTarget(inputParameters: unknown): Record<string, AttributeValue> | null | string {
  if (inputParameters === undefined || inputParameters === null) return null;
  const parameters = keyValues(inputParameters);
  if (!parameters) return 'InputParameters is not a list of key/value pairs';
  const target = parameters.get('Target');
  if (target === undefined) return null;
  if (!isObject(target)) return 'InputParameters.Target is not an entity';
  const attributes = keyValues(target.Attributes ?? []);
  if (!attributes) return 'InputParameters.Target.Attributes is not a list of key/value pairs';
  return Object.fromEntries([...attributes].map(([k, v]) => [k, parseAttributeValue(v)]));
}

export function parseRemoteExecutionContext(body: unknown): ParseResult {
  if (!isObject(body)) return failure('the body is not a JSON object');
  if (body.MessageName !== 'Create') {
    return failure(`MessageName must be Create, got ${JSON.stringify(body.MessageName ?? null)}`);
  }
  if (body.PrimaryEntityName !== TABLES.syncHistory.logicalName) {
    return failure(
      `PrimaryEntityName must be ${TABLES.syncHistory.logicalName}, got ${JSON.stringify(body.PrimaryEntityName ?? null)}`,
    );
  }
  const primaryEntityId = normaliseGuid(body.PrimaryEntityId);
  if (!primaryEntityId) return failure('PrimaryEntityId must be a GUID');
  const organizationId = body.OrganizationId === undefined ? null : normaliseGuid(body.OrganizationId);
  if (body.OrganizationId !== undefined && !organizationId) return failure('OrganizationId must be a GUID');
  const target = parseTarget(body.InputParameters);
  if (typeof target === 'string') return failure(target);
  return success({
    primaryEntityId,
    organizationId,
    correlationId: typeof body.CorrelationId === 'string' ? body.CorrelationId : null,
    operationCreatedOn: parseWcfDate(body.OperationCreatedOn),
    target,
  });
}

function referenceId(value: AttributeValue | undefined): string | null {
  return value && typeof value === 'object' && !(value instanceof Date) ? value.id : null;
}

/**
 * The sync request the webhook announces, when the payload carries enough to act on without
 * reading the row; null when Target was dropped or lacks the status, so the caller must read it.
 */
export function syncRequestFromContext(context: ParsedExecutionContext): SyncRequest | null {
  const attributes = context.target;
  const status = attributes?.[COLUMNS.syncHistory.status];
  if (!attributes || typeof status !== 'number') return null;
  const operation = attributes[COLUMNS.syncHistory.operation];
  return {
    id: context.primaryEntityId,
    status,
    operation: typeof operation === 'number' ? operation : null,
    invoiceId: referenceId(attributes[COLUMNS.syncHistory.invoiceId]),
    connectionId: referenceId(attributes[COLUMNS.syncHistory.connectionId]),
  };
}
