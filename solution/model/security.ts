import { COMPONENTS, SYSTEM_TABLES, TABLES } from '../names';
import type { Privilege, SecurityRole } from './types';

const ALL: readonly Privilege[] = [
  'Create',
  'Read',
  'Write',
  'Delete',
  'Append',
  'AppendTo',
  'Assign',
  'Share',
];
const custom = Object.values(TABLES).map((t) => t.logicalName);
const invoice = SYSTEM_TABLES.invoice.logicalName;

/**
 * Column-level access to the invoice's Xero columns follows from the table privileges: the
 * columns are not field-secured, so Write on invoice lets a user set the sync status.
 */
export const SECURITY_ROLES: readonly SecurityRole[] = [
  {
    name: COMPONENTS.adminRole,
    description: 'Sets up Xero connections, defaults and reference data, and manages all sync history.',
    grants: [
      ...custom.map((table) => ({ table, privileges: ALL, level: 'Global' as const })),
      { table: invoice, privileges: ['Read', 'Write', 'Append', 'AppendTo'], level: 'Global' },
    ],
  },
  {
    name: COMPONENTS.userRole,
    description: 'Syncs invoices to Xero and reads Xero connections, reference data and sync history.',
    grants: [
      ...custom
        .filter((t) => t !== TABLES.syncHistory.logicalName)
        .map((table) => ({
          table,
          privileges: ['Read', 'AppendTo'] as Privilege[],
          level: 'Global' as const,
        })),
      { table: TABLES.syncHistory.logicalName, privileges: ['Create', 'Append'], level: 'Basic' },
      { table: TABLES.syncHistory.logicalName, privileges: ['Read'], level: 'Global' },
      { table: invoice, privileges: ['Read', 'Write', 'AppendTo'], level: 'Local' },
    ],
  },
];
