import { SYSTEM_TABLES } from '../../../solution/names';
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../context';
import { errors } from '../errors';
import type { StoredRecord, TableDef } from '../model/types';
import { afterDelete, afterSave, beforeDelete, beforeSave } from '../dynamicsRules';
import { alternateKeyFor, type ContentIds, type KeySpec, resolveReference } from './refs';
import { requireActiveKey } from '../keyIndex';
import { coerceValue, toDataverseDate } from './values';

export interface WriteOptions {
  userId: string;
  correlationId: string;
  contentIds?: ContentIds;
}

/** The id of the record a key names, or undefined. */
export function findId(ctx: EmulatorContext, table: TableDef, key: KeySpec): string | undefined {
  if ('id' in key) return ctx.store.get(table.logicalName, key.id) ? key.id : undefined;
  const { key: alternateKey, byColumn: wanted } = alternateKeyFor(table, key.alternate);
  requireActiveKey(ctx, table, alternateKey);
  const match = ctx.store.all(table.logicalName).find((row) =>
    Object.entries(wanted).every(([column, value]) => {
      const stored = row.record[column];
      const actual = stored && typeof stored === 'object' ? stored.id : stored;
      return typeof actual === 'string' && typeof value === 'string'
        ? actual.toLowerCase() === value.toLowerCase()
        : actual === value;
    }),
  );
  return match?.id;
}

interface ParsedBody {
  changes: StoredRecord;
  deepSingles: { nav: string; body: Record<string, unknown> }[];
  deepCollections: { nav: string; items: Record<string, unknown>[] }[];
  associations: { nav: string; ids: string[] }[];
}

function parseBody(
  ctx: EmulatorContext,
  table: TableDef,
  body: Record<string, unknown>,
  mode: 'create' | 'update',
  options: WriteOptions,
): ParsedBody {
  const parsed: ParsedBody = { changes: {}, deepSingles: [], deepCollections: [], associations: [] };
  const find = (t: TableDef, k: KeySpec) => findId(ctx, t, k);
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@')) continue;
    const bind = /^(.+)@odata\.bind$/.exec(key);
    if (bind) {
      const nav = bind[1];
      const lookup = table.lookups[nav];
      const collection = table.collections[nav];
      if (lookup) {
        if (value === null) parsed.changes[lookup.column] = null;
        else {
          const ref = resolveReference(ctx, String(value), options.contentIds, find);
          parsed.changes[lookup.column] = { id: ref.id, entity: ref.table.logicalName };
        }
      } else if (collection && Array.isArray(value)) {
        parsed.associations.push({
          nav,
          ids: value.map((v) => resolveReference(ctx, String(v), options.contentIds, find).id),
        });
      } else {
        throw errors.badRequest(
          `An undeclared property '${nav}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
        );
      }
      continue;
    }
    if (key.includes('@')) continue;
    if (table.lookups[key] && value && typeof value === 'object' && !Array.isArray(value)) {
      parsed.deepSingles.push({ nav: key, body: value as Record<string, unknown> });
      continue;
    }
    if (table.collections[key] && Array.isArray(value)) {
      if (mode === 'update') throw errors.badRequest(`Deep update of '${key}' is not supported.`);
      parsed.deepCollections.push({ nav: key, items: value as Record<string, unknown>[] });
      continue;
    }
    const column = table.columns[key];
    if (!column || column.type === 'lookup') throw errors.unknownProperty(key, table.logicalName);
    if (mode === 'create' && column.validForCreate === false) continue;
    // Dataverse ignores columns that are not valid for update rather than failing the request.
    if (mode === 'update' && (column.validForUpdate === false || column.type === 'primarykey')) continue;
    parsed.changes[key] = coerceValue(table, column, value);
  }
  return parsed;
}

function applyDefaults(ctx: EmulatorContext, table: TableDef, record: StoredRecord, userId: string): void {
  const now = toDataverseDate(Date.now());
  const user = { id: userId, entity: 'systemuser' };
  record.createdon = now;
  record.modifiedon = now;
  if (table.columns.createdby) record.createdby = user;
  if (table.columns.modifiedby) record.modifiedby = user;
  if (table.columns.ownerid && !record.ownerid) record.ownerid = user;
  const hasMoney = Object.values(table.columns).some((c) => c.type === 'money');
  if (hasMoney && table.columns.transactioncurrencyid && !record.transactioncurrencyid) {
    record.transactioncurrencyid = {
      id: ctx.seeds.baseCurrencyId,
      entity: SYSTEM_TABLES.transactionCurrency.logicalName,
    };
  }
  if (table.columns.statecode && record.statecode === undefined) {
    const status = typeof record.statuscode === 'number' ? statusOption(table, record.statuscode) : undefined;
    record.statecode = status?.state ?? 0;
  }
  if (table.columns.statuscode && record.statuscode === undefined) {
    const first = table.columns.statuscode.options?.find((o) => o.state === record.statecode);
    if (first) record.statuscode = first.value;
  }
}

function statusOption(table: TableDef, status: number) {
  return table.columns.statuscode?.options?.find((o) => o.value === status);
}

/** statuscode must belong to statecode; a status alone moves the record to its state. */
function alignStateAndStatus(
  table: TableDef,
  changes: StoredRecord,
  existing: StoredRecord | undefined,
): void {
  if (typeof changes.statuscode === 'number') {
    const option = statusOption(table, changes.statuscode);
    const state = changes.statecode ?? option?.state;
    if (option?.state !== undefined && state !== option.state) {
      throw errors.validation(
        `${changes.statuscode} is not a valid status code for state code ${table.logicalName}State.${state} on ${table.logicalName} with Id ${String(existing?.[table.primaryId] ?? '')}.`,
      );
    }
    if (changes.statecode === undefined && option?.state !== undefined) changes.statecode = option.state;
  } else if (typeof changes.statecode === 'number' && table.columns.statuscode) {
    const first = table.columns.statuscode.options?.find((o) => o.state === changes.statecode);
    if (first) changes.statuscode = first.value;
  }
}

export function createRecord(
  ctx: EmulatorContext,
  table: TableDef,
  body: Record<string, unknown>,
  options: WriteOptions,
  presetKey: Record<string, unknown> = {},
): { id: string; record: StoredRecord } {
  const parsed = parseBody(ctx, table, body, 'create', options);
  for (const single of parsed.deepSingles) {
    const lookup = table.lookups[single.nav];
    const target = ctx.model.table(lookup.target)!;
    const created = createRecord(ctx, target, single.body, options);
    parsed.changes[lookup.column] = { id: created.id, entity: target.logicalName };
  }
  const bodyId = body[table.primaryId];
  const id = typeof bodyId === 'string' ? bodyId.toLowerCase() : randomUUID();
  if (ctx.store.get(table.logicalName, id)) throw errors.alreadyExists();
  const record: StoredRecord = { ...(presetKey as StoredRecord), ...parsed.changes, [table.primaryId]: id };
  applyDefaults(ctx, table, record, options.userId);
  alignStateAndStatus(table, record, undefined);
  beforeSave(ctx, table, record, undefined);
  ctx.store.put(table.logicalName, id, record);
  afterSave(ctx, table, record, undefined);
  ctx.pendingEvents.push({
    message: 'Create',
    entity: table.logicalName,
    id,
    record: { ...record },
    userId: options.userId,
    correlationId: options.correlationId,
  });
  for (const deep of parsed.deepCollections) {
    const nav = table.collections[deep.nav];
    const child = ctx.model.table(nav.table)!;
    for (const item of deep.items) {
      createRecord(ctx, child, item, options, { [nav.column]: { id, entity: table.logicalName } });
    }
  }
  associate(ctx, table, id, parsed.associations, options);
  return { id, record: ctx.store.get(table.logicalName, id)!.record };
}

function associate(
  ctx: EmulatorContext,
  table: TableDef,
  id: string,
  associations: ParsedBody['associations'],
  options: WriteOptions,
): void {
  for (const assoc of associations) {
    const nav = table.collections[assoc.nav];
    const child = ctx.model.table(nav.table)!;
    for (const childId of assoc.ids) {
      updateRecord(ctx, child, childId, {}, options, { [nav.column]: { id, entity: table.logicalName } });
    }
  }
}

export function updateRecord(
  ctx: EmulatorContext,
  table: TableDef,
  id: string,
  body: Record<string, unknown>,
  options: WriteOptions,
  extraChanges: StoredRecord = {},
): StoredRecord {
  const existing = ctx.store.get(table.logicalName, id);
  if (!existing) throw errors.notFound(table.logicalName, id);
  const parsed = parseBody(ctx, table, body, 'update', options);
  const changes = { ...parsed.changes, ...extraChanges };
  alignStateAndStatus(table, changes, existing.record);
  const record: StoredRecord = { ...existing.record, ...changes };
  record.modifiedon = toDataverseDate(Date.now());
  if (table.columns.modifiedby) record.modifiedby = { id: options.userId, entity: 'systemuser' };
  beforeSave(ctx, table, record, existing.record);
  ctx.store.put(table.logicalName, id, record);
  afterSave(ctx, table, record, existing.record);
  ctx.pendingEvents.push({
    message: 'Update',
    entity: table.logicalName,
    id,
    record: { ...changes, [table.primaryId]: id },
    userId: options.userId,
    correlationId: options.correlationId,
  });
  associate(ctx, table, id, parsed.associations, options);
  return ctx.store.get(table.logicalName, id)!.record;
}

export function deleteRecord(ctx: EmulatorContext, table: TableDef, id: string, options: WriteOptions): void {
  const existing = ctx.store.get(table.logicalName, id);
  if (!existing) throw errors.notFound(table.logicalName, id);
  beforeDelete(ctx, table, existing.record, options);
  ctx.store.delete(table.logicalName, id);
  afterDelete(ctx, table, existing.record);
  ctx.pendingEvents.push({
    message: 'Delete',
    entity: table.logicalName,
    id,
    record: { [table.primaryId]: id },
    userId: options.userId,
    correlationId: options.correlationId,
  });
}
