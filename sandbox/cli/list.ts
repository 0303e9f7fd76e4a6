/** `npm run sandbox -- list`: the demo invoices with their sync state. */
import { COLUMNS, SYSTEM_COLUMNS, TABLES } from '../../solution/names';
import type { SandboxSession } from './connect';
import { listInvoices } from './invoices';
import { DOCUMENT_TYPE, SYNC_STATUS, label } from './labels';
import { formatTable } from './table';

const I = SYSTEM_COLUMNS.invoice;
const IC = COLUMNS.invoice;

async function connectionNames(session: SandboxSession): Promise<Map<string, string>> {
  const rows = await session.dataverse.query<Record<string, unknown>>(TABLES.connection.entitySet, {
    select: [TABLES.connection.primaryId, COLUMNS.connection.name],
  });
  return new Map(
    rows.map((r) => [String(r[TABLES.connection.primaryId]), String(r[COLUMNS.connection.name])]),
  );
}

export async function listCommand(session: SandboxSession, print: (line: string) => void): Promise<number> {
  const invoices = await listInvoices(session.dataverse);
  const connections = await connectionNames(session);
  const rows = invoices.map((row) => [
    String(row[I.invoiceNumber] ?? ''),
    label(DOCUMENT_TYPE, row[IC.documentType]),
    label(SYNC_STATUS, row[IC.syncStatus]) || 'Not synced',
    String(row[IC.xeroNumber] ?? ''),
    String(row[IC.xeroStatus] ?? ''),
    typeof row[I.totalAmount] === 'number' ? (row[I.totalAmount] as number).toFixed(2) : '',
    String(row[I.name] ?? ''),
    connections.get(String(row[`_${IC.connectionId}_value`])) ?? '',
  ]);
  for (const line of formatTable(
    ['Number', 'Document type', 'Sync status', 'Xero number', 'Xero status', 'Total', 'Name', 'Connection'],
    rows,
  ))
    print(line);
  return 0;
}
