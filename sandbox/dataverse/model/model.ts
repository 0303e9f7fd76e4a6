import type { AlternateKey, ColumnDef, TableDef } from './types';

/**
 * The set of tables the emulator knows: the built-in system tables plus whatever the imported
 * solutions add. Imports merge into existing tables (a solution that extends `invoice` adds
 * columns without replacing the built-in ones).
 */
export class Model {
  private readonly byLogical = new Map<string, TableDef>();
  private readonly bySet = new Map<string, TableDef>();

  add(table: TableDef): void {
    const existing = this.byLogical.get(table.logicalName);
    if (existing) {
      this.merge(existing, table);
      return;
    }
    this.byLogical.set(table.logicalName, table);
    this.bySet.set(table.entitySet, table);
  }

  private merge(into: TableDef, from: TableDef): void {
    for (const [name, col] of Object.entries(from.columns)) {
      if (!into.columns[name] || from.custom) into.columns[name] = { ...into.columns[name], ...col };
    }
    Object.assign(into.lookups, from.lookups);
    Object.assign(into.collections, from.collections);
    for (const key of from.alternateKeys) this.addAlternateKey(into, key);
    if (from.custom && from.entitySet !== into.entitySet) {
      this.bySet.delete(into.entitySet);
      into.entitySet = from.entitySet;
      this.bySet.set(into.entitySet, into);
    }
    if (from.custom) into.label = from.label ?? into.label;
  }

  /** A key imported again with the same columns keeps its index (and its status). */
  addAlternateKey(table: TableDef, key: AlternateKey): void {
    const existing = table.alternateKeys.find((k) => k.name === key.name);
    const same = existing && existing.columns.join(',') === key.columns.join(',');
    table.alternateKeys = table.alternateKeys.filter((k) => k.name !== key.name);
    table.alternateKeys.push(same ? existing : key);
  }

  addColumn(tableName: string, column: ColumnDef): void {
    const table = this.byLogical.get(tableName);
    if (table && !table.columns[column.logicalName]) table.columns[column.logicalName] = column;
  }

  /** Wires a one-to-many relationship: lookup on the referencing table, collection on the other. */
  addRelationship(rel: {
    name: string;
    referencing: string;
    referenced: string;
    column: string;
    lookupNav: string;
    collectionNav: string;
  }): void {
    const referencing = this.byLogical.get(rel.referencing);
    const referenced = this.byLogical.get(rel.referenced);
    if (!referencing || !referenced) return;
    const column = referencing.columns[rel.column];
    if (!column) {
      referencing.columns[rel.column] = {
        logicalName: rel.column,
        type: 'lookup',
        targets: [rel.referenced],
      };
    } else if (!column.targets?.includes(rel.referenced)) {
      column.targets = [...(column.targets ?? []), rel.referenced];
    }
    referencing.lookups[rel.lookupNav] = {
      name: rel.lookupNav,
      column: rel.column,
      target: rel.referenced,
      relationship: rel.name,
    };
    referenced.collections[rel.collectionNav] = {
      name: rel.collectionNav,
      table: rel.referencing,
      column: rel.column,
      relationship: rel.name,
    };
  }

  table(logicalName: string): TableDef | undefined {
    return this.byLogical.get(logicalName);
  }

  tableBySet(entitySet: string): TableDef | undefined {
    return this.bySet.get(entitySet);
  }

  tables(): TableDef[] {
    return [...this.byLogical.values()];
  }

  /** The custom parts, for persisting a data folder's model across restarts. */
  toJSON(): TableDef[] {
    return this.tables();
  }
}

/** Puts a table definition back exactly as saved (loading a data folder's model). */
export function restoreTable(model: Model, table: TableDef): void {
  const existing = model.table(table.logicalName);
  if (existing) Object.assign(existing, table);
  else model.add(table);
}
