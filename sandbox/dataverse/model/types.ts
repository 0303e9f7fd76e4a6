/** The emulator's view of a Dataverse table: enough to validate, store, query and describe it. */

export type ColumnType =
  | 'primarykey'
  | 'string'
  | 'memo'
  | 'int'
  | 'bigint'
  | 'decimal'
  | 'double'
  | 'money'
  | 'bool'
  | 'datetime'
  | 'dateonly'
  | 'picklist'
  | 'multiselect'
  | 'state'
  | 'status'
  | 'lookup'
  | 'uniqueidentifier'
  | 'image'
  | 'file';

export interface ChoiceOption {
  value: number;
  label: string;
  /** For status options: the state they belong to. */
  state?: number;
}

export interface ColumnDef {
  logicalName: string;
  schemaName?: string;
  type: ColumnType;
  label?: string;
  maxLength?: number;
  options?: ChoiceOption[];
  /** Lookup targets (logical names); more than one for customer/owner lookups. */
  targets?: string[];
  validForCreate?: boolean;
  validForUpdate?: boolean;
  /** Never returned by reads (authvalue on serviceendpoint). */
  validForRead?: boolean;
  custom?: boolean;
  /** The global choice the options come from (customizations.xml `<optionsets>`). */
  globalOptionSet?: string;
}

/** A single-valued navigation property: binds a lookup column to one target table. */
export interface LookupNav {
  name: string;
  column: string;
  target: string;
  relationship: string;
}

/** A collection-valued navigation property: the records of another table pointing here. */
export interface CollectionNav {
  name: string;
  table: string;
  column: string;
  relationship: string;
}

/** EntityKeyMetadata.EntityKeyIndexStatus (Learn, "Work with alternate keys"). */
export type KeyIndexStatus = 'Pending' | 'InProgress' | 'Active' | 'Failed';

export interface AlternateKey {
  name: string;
  columns: string[];
  /** When the key was defined (epoch ms); its index is built in the background after that. */
  pendingSince?: number;
  /** Settled once the index job ran; absent and not pending means Active (built-in keys). */
  status?: 'Active' | 'Failed';
}

export interface TableDef {
  logicalName: string;
  schemaName?: string;
  entitySet: string;
  primaryId: string;
  primaryName: string;
  label?: string;
  custom: boolean;
  columns: Record<string, ColumnDef>;
  lookups: Record<string, LookupNav>;
  collections: Record<string, CollectionNav>;
  alternateKeys: AlternateKey[];
}

/** A lookup value as stored: the id and, for multi-table lookups, which table it points at. */
export interface LookupRef {
  id: string;
  entity: string;
}

export type StoredValue = string | number | boolean | null | LookupRef;
export type StoredRecord = Record<string, StoredValue>;

export function isLookupRef(v: unknown): v is LookupRef {
  return typeof v === 'object' && v !== null && 'id' in v && 'entity' in v;
}
