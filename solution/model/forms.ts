import { COLUMNS, COMPONENTS, LOOKUPS } from '../names';
import type { CustomTable, Form, FormCell, FormSection } from './types';
import { connectionTable } from './tables/connection';

/** The relationship name for a lookup column, from names.ts. */
export function relationshipOf(table: string, column: string): string {
  const found = LOOKUPS.find((l) => l.table === table && l.column === column);
  if (!found) throw new Error(`No lookup ${table}.${column} in names.ts LOOKUPS`);
  return found.relationship;
}

const field = (column: string): FormCell => ({ kind: 'field', column });

/** A main form for a custom table: its short columns under General, long text under Details. */
export function mainFormFor(table: CustomTable): Form {
  const visible = table.columns.filter((c) => !c.secured);
  const general: FormSection = {
    name: 'general',
    label: 'General',
    cells: [
      field(table.primaryName.logicalName),
      ...visible.filter((c) => c.type !== 'memo').map((c) => field(c.logicalName)),
    ],
  };
  const long = visible.filter((c) => c.type === 'memo');
  const sections = long.length
    ? [general, { name: 'details', label: 'Details', cells: long.map((c) => field(c.logicalName)) }]
    : [general];
  return {
    table: table.logicalName,
    name: 'Information',
    type: 'main',
    description: `The main form for a ${table.displayName.toLowerCase()}.`,
    tabs: [{ name: 'general', label: 'General', sections }],
  };
}

const conn = COLUMNS.connection;

/**
 * The connection's main form: the generated one, with the health control bound to the status in a
 * section of its own at the top (the status is not repeated as a plain field below it).
 */
function connectionFormWithHealth(): Form {
  const base = mainFormFor(connectionTable);
  const health: FormSection = {
    name: 'stl_connection_health',
    label: 'Connection health',
    cells: [
      {
        kind: 'pcf',
        column: conn.status,
        control: COMPONENTS.connectionHealthControl,
        label: 'Xero connection health',
        bindings: {
          status: conn.status,
          connectionName: conn.name,
          tenantName: conn.tenantName,
          refreshDeadline: conn.refreshDeadline,
          dailyCallsLeft: conn.dailyCallsLeft,
          lastRefreshOn: conn.lastRefreshOn,
          lastError: conn.lastError,
        },
      },
    ],
  };
  const withoutStatus = (section: FormSection): FormSection => ({
    ...section,
    cells: section.cells.filter((cell) => cell.kind !== 'field' || cell.column !== conn.status),
  });
  return {
    ...base,
    description:
      'The Xero connection with its health: status, organisation, token deadline, calls left and commands.',
    tabs: base.tabs.map((tab, i) => ({
      ...tab,
      sections: i === 0 ? [health, ...tab.sections.map(withoutStatus)] : tab.sections,
    })),
  };
}

export const connectionForm: Form = connectionFormWithHealth();
