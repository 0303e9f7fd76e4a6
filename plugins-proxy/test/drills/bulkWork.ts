/**
 * Bulk work for the drills and benchmarks: invoices created through the Web API and queued as
 * "Sync selected" does, a few at a time, plus the checks every drill ends with (each synced
 * invoice once in Xero, its write-back matching what Xero holds).
 */
import { COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { createInvoice, type InvoiceSpec } from '../integration/seed';
import type { Row } from '../integration/webApi';
import type { World } from './drillHarness';

export interface QueuedInvoice {
  readonly invoiceId: string;
  readonly name: string;
  readonly rowId: string;
}

export async function eachWithLimit<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Creates and queues `count` invoices; `spec(i)` describes invoice i (default one Widget line). */
export async function queueInvoices(
  world: World,
  count: number,
  prefix: string,
  spec: (i: number) => Omit<InvoiceSpec, 'name'> = (i) => ({
    lines: [{ product: 'WIDGET', quantity: 1 + (i % 3) }],
  }),
): Promise<QueuedInvoice[]> {
  const queued: QueuedInvoice[] = new Array(count);
  await eachWithLimit(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (i) => {
      const name = `${prefix} ${i}`;
      const invoiceId = await createInvoice(world.api, world.seed, { ...spec(i), name });
      queued[i] = { invoiceId, name, rowId: await world.queueSync(invoiceId, name) };
    },
  );
  return queued;
}

export interface XeroCheck {
  /** Dynamics invoice numbers Xero holds more than once (must be empty). */
  duplicates: string[];
  /** Invoices whose written-back Xero id or number differ from what Xero holds (must be empty). */
  mismatched: string[];
  /** How many of the given invoices Xero holds. */
  inXero: number;
}

export async function checkAgainstXero(world: World, invoices: readonly QueuedInvoice[]): Promise<XeroCheck> {
  const byReference = new Map<string, Row[]>();
  for (const document of world.xeroInvoices()) {
    const reference = String(document.Reference ?? '');
    byReference.set(reference, [...(byReference.get(reference) ?? []), document]);
  }
  const duplicates = [...byReference].filter(([ref, docs]) => ref && docs.length > 1).map(([ref]) => ref);
  const mismatched: string[] = [];
  let inXero = 0;
  const IC = COLUMNS.invoice;
  for (const { invoiceId } of invoices) {
    const row = await world.api.get(
      `${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})?$select=invoicenumber,${IC.xeroId},${IC.xeroNumber}`,
    );
    const [document] = byReference.get(String(row.invoicenumber)) ?? [];
    if (document) inXero++;
    const writtenBack = row[IC.xeroId] ? { id: row[IC.xeroId], number: row[IC.xeroNumber] } : undefined;
    if (!writtenBack && !document) continue;
    if (
      !writtenBack ||
      !document ||
      String(writtenBack.id).toLowerCase() !== String(document.InvoiceID).toLowerCase() ||
      writtenBack.number !== document.InvoiceNumber
    ) {
      mismatched.push(String(row.invoicenumber));
    }
  }
  return { duplicates, mismatched, inXero };
}
