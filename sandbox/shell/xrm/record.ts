/**
 * The record a form shows: its columns as typed values in Xrm's shapes (lookups as
 * `[{id, name, entityType}]`, dates as Date, choices as numbers), what changed since the last load,
 * and save (PATCH of the changed columns) and reload. Listeners hear every change so fields,
 * PCF controls and ribbon enable rules stay in step.
 */
import { type ColumnMeta, type DataverseClient, type EntityMeta, type Row, rawValue } from '../app/dataverse';

export interface LookupValue {
  id: string;
  name: string;
  entityType: string;
}

export type FieldValue = string | number | boolean | Date | LookupValue[] | null;

export type ChangeReason = 'load' | 'user' | 'script';

export class FormRecord {
  private values = new Map<string, FieldValue>();
  private saved = new Map<string, FieldValue>();
  private readonly listeners: ((changed: string[], reason: ChangeReason) => void)[] = [];

  constructor(
    readonly client: DataverseClient,
    readonly entity: EntityMeta,
    readonly columns: Map<string, ColumnMeta>,
    public id: string,
  ) {}

  onChange(listener: (changed: string[], reason: ChangeReason) => void): void {
    this.listeners.push(listener);
  }

  private emit(changed: string[], reason: ChangeReason): void {
    for (const listener of this.listeners) listener(changed, reason);
  }

  get(column: string): FieldValue {
    return this.values.get(column) ?? null;
  }

  set(column: string, value: FieldValue, reason: ChangeReason = 'script'): void {
    this.values.set(column, value);
    this.emit([column], reason);
  }

  isDirty(column?: string): boolean {
    const names = column ? [column] : [...this.values.keys()];
    return names.some((name) => !sameValue(this.values.get(name) ?? null, this.saved.get(name) ?? null));
  }

  async load(): Promise<void> {
    if (!this.id) return;
    const row = await this.client.get(`${this.entity.entitySet}(${this.id})`);
    const changed: string[] = [];
    for (const [name, meta] of this.columns) {
      const value = fromRow(row, name, meta);
      if (!sameValue(value, this.saved.get(name) ?? null) || !sameValue(value, this.get(name)))
        changed.push(name);
      this.values.set(name, value);
      this.saved.set(name, value);
    }
    this.emit(changed, 'load');
  }

  async save(): Promise<void> {
    const body: Row = {};
    for (const [name, value] of this.values) {
      const meta = this.columns.get(name);
      if (!meta || !this.isDirty(name) || meta.type === 'Lookup') continue;
      body[name] = value instanceof Date ? value.toISOString() : value;
    }
    if (!this.id) {
      this.id = await this.client.create(this.entity.entitySet, body);
    } else if (Object.keys(body).length > 0) {
      await this.client.update(this.entity.entitySet, this.id, body);
    }
    await this.load();
  }
}

function fromRow(row: Row, column: string, meta: ColumnMeta): FieldValue {
  const raw = rawValue(row, column);
  if (raw === null || raw === undefined) return null;
  switch (meta.type) {
    case 'Lookup': {
      const key = `_${column}_value`;
      return [
        {
          id: `{${String(raw).toUpperCase()}}`,
          name: String(row[`${key}@OData.Community.Display.V1.FormattedValue`] ?? ''),
          entityType: String(row[`${key}@Microsoft.Dynamics.CRM.lookuplogicalname`] ?? meta.targets[0] ?? ''),
        },
      ];
    }
    case 'DateTime':
      return new Date(String(raw));
    case 'Integer':
    case 'BigInt':
    case 'Decimal':
    case 'Double':
    case 'Money':
    case 'Picklist':
    case 'State':
    case 'Status':
      return Number(raw);
    case 'Boolean':
      return Boolean(raw);
    default:
      return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  }
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a[0]?.id === b[0]?.id;
  return a === b;
}

/** Xrm's attribute type names for the metadata's AttributeType. */
export const XRM_ATTRIBUTE_TYPES: Record<string, string> = {
  String: 'string',
  Memo: 'memo',
  Integer: 'integer',
  BigInt: 'integer',
  Decimal: 'decimal',
  Double: 'double',
  Money: 'money',
  Boolean: 'boolean',
  DateTime: 'datetime',
  Picklist: 'optionset',
  State: 'optionset',
  Status: 'optionset',
  Lookup: 'lookup',
};
