/** Reading the sandbox's invoices: all of them for `list`, one by its Dynamics number. */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { COLUMNS, STATE_COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../solution/names';
import { CliError } from './connect';

export type InvoiceRow = Record<string, unknown>;

const I = SYSTEM_COLUMNS.invoice;
const IC = COLUMNS.invoice;

export const INVOICE_COLUMNS = [
  I.id,
  I.name,
  I.invoiceNumber,
  I.totalAmount,
  IC.documentType,
  IC.syncStatus,
  IC.xeroId,
  IC.xeroNumber,
  IC.xeroStatus,
  IC.amountPaid,
  IC.amountDue,
  `_${IC.connectionId}_value`,
  STATE_COLUMNS.stateCode,
  STATE_COLUMNS.statusCode,
] as const;

export async function listInvoices(client: DataverseClient): Promise<InvoiceRow[]> {
  return client.query<InvoiceRow>(SYSTEM_TABLES.invoice.entitySet, {
    select: INVOICE_COLUMNS,
    orderby: I.invoiceNumber,
  });
}

export async function readInvoice(client: DataverseClient, id: string): Promise<InvoiceRow> {
  const row = await client.get<InvoiceRow>(`${SYSTEM_TABLES.invoice.entitySet}(${id})`, {
    select: INVOICE_COLUMNS,
  });
  if (!row) throw new CliError(`The invoice ${id} no longer exists.`, 1);
  return row;
}

/**
 * The invoice with this Dynamics number; a unique prefix is enough (`INV-01003` for
 * `INV-01003-7KQ2ZD`), so numbers can be typed without their random suffix.
 */
export function findByNumber(invoices: readonly InvoiceRow[], number: string): InvoiceRow {
  const wanted = number.trim().toUpperCase();
  const numberOf = (row: InvoiceRow) => String(row[I.invoiceNumber] ?? '').toUpperCase();
  const exact = invoices.find((row) => numberOf(row) === wanted);
  if (exact) return exact;
  const matches = invoices.filter((row) => wanted !== '' && numberOf(row).startsWith(wanted));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    throw new CliError(
      `"${number}" matches ${matches.length} invoices (${matches.map((m) => String(m[I.invoiceNumber])).join(', ')}); type more of the number.`,
      1,
    );
  throw new CliError(`No invoice has the number "${number}". \`npm run sandbox -- list\` shows them.`, 1);
}
