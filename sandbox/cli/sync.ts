/**
 * `npm run sandbox -- sync <number>` and `sync --all`: queue the push exactly as the ribbon does
 * (the Queued stl_synchistory row created as the signed-in user, then the invoice marked Queued;
 * the webhook announces it to the relay), follow it, and print the outcome.
 * Exit 0 when every invoice is Synced, 2 when a sync failed, was blocked or did not finish.
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, TABLES } from '../../solution/names';
import { queueInvoicePush, toBareGuid, type SyncTrigger } from '../../webresources/scripts/syncRequest';
import type { SandboxSession } from './connect';
import { FINAL_STATUSES, followRows, isSucceeded, type HistoryRow } from './follow';
import { findByNumber, listInvoices, readInvoice, type InvoiceRow } from './invoices';
import { ribbonWebApi } from './ribbonWebApi';

const I = SYSTEM_COLUMNS.invoice;
const IC = COLUMNS.invoice;
const HC = COLUMNS.syncHistory;

type Print = (line: string) => void;

async function queue(
  session: SandboxSession,
  invoice: InvoiceRow,
  trigger: SyncTrigger,
  print: Print,
): Promise<string> {
  const recording = ribbonWebApi(session.dataverse);
  const connection = invoice[`_${IC.connectionId}_value`];
  const result = await queueInvoicePush(
    recording.webApi,
    {
      id: toBareGuid(String(invoice[I.id])),
      name: String(invoice[I.name] ?? invoice[I.invoiceNumber]),
      connectionId: typeof connection === 'string' && connection ? toBareGuid(connection) : undefined,
    },
    trigger,
  );
  const row = recording.created.find((c) => c.logicalName === TABLES.syncHistory.logicalName);
  if (!row) throw new Error('The sync request was not created');
  if (result.statusWarning)
    print(`${String(invoice[I.invoiceNumber])}: queued, but not marked Queued: ${result.statusWarning}`);
  return row.id;
}

/** The row's message, then the findings from its details (JSON when the relay wrote it). */
export function messageLines(row: HistoryRow | undefined): string[] {
  const lines: string[] = [];
  const message = row?.[HC.message];
  if (typeof message === 'string' && message.trim()) lines.push(...message.trim().split('\n'));
  const details = row?.[HC.details];
  if (typeof details === 'string' && details.trim()) {
    try {
      const parsed = JSON.parse(details) as { findings?: { severity?: string; message?: string }[] };
      // Blocking findings are in the message already; list only the rest.
      for (const f of parsed.findings ?? [])
        if (f.message && !lines.includes(f.message)) lines.push(`${f.severity ?? 'note'}: ${f.message}`);
    } catch {
      lines.push(...details.trim().split('\n'));
    }
  }
  return lines.map((line) => `    ${line}`);
}

async function report(
  session: SandboxSession,
  invoice: InvoiceRow,
  row: HistoryRow | undefined,
  print: Print,
) {
  const number = String(invoice[I.invoiceNumber]);
  if (isSucceeded(row)) {
    const after = await readInvoice(session.dataverse, String(invoice[I.id]));
    const xeroNumber = after[IC.xeroNumber] || row?.[HC.xeroNumber];
    const as = xeroNumber
      ? `as ${String(xeroNumber)}`
      : `(Xero id ${String(after[IC.xeroId])}; Xero numbers no bills)`;
    print(
      `${number}: Synced ${as} (Xero status ${String(after[IC.xeroStatus] ?? '?')}, amount due ${String(after[IC.amountDue] ?? '?')})`,
    );
    return true;
  }
  if (!row || !FINAL_STATUSES.has(Number(row[HC.status]))) {
    print(
      `${number}: did not finish in time; the relay may still be working on it (\`npm run sandbox -- list\`).`,
    );
    return false;
  }
  print(`${number}: not synced.`);
  for (const line of messageLines(row)) print(line);
  return false;
}

export async function syncCommand(
  session: SandboxSession,
  number: string,
  print: Print,
  timeoutMs?: number,
): Promise<number> {
  const invoice = findByNumber(await listInvoices(session.dataverse), number);
  const rowId = await queue(session, invoice, CHOICES.trigger.values.button, print);
  print(
    `${String(invoice[I.invoiceNumber])} (${String(invoice[I.name])}): sync requested (history row ${rowId}).`,
  );
  const rows = await followRows(session.dataverse, [rowId], {
    timeoutMs,
    onStatus: (_id, status) => print(`  ${status}`),
  });
  return (await report(session, invoice, rows.get(rowId), print)) ? 0 : 2;
}

export async function syncAllCommand(
  session: SandboxSession,
  print: Print,
  timeoutMs?: number,
): Promise<number> {
  const unsynced = (await listInvoices(session.dataverse)).filter(
    (row) =>
      row[IC.syncStatus] !== CHOICES.syncStatus.values.synced &&
      row[IC.syncStatus] !== CHOICES.syncStatus.values.queued,
  );
  if (unsynced.length === 0) {
    print('Every invoice is synced already; nothing to queue.');
    return 0;
  }
  const byRow = new Map<string, InvoiceRow>();
  for (const invoice of unsynced)
    byRow.set(await queue(session, invoice, CHOICES.trigger.values.bulk, print), invoice);
  print(`Queued ${unsynced.length} invoices as one bulk run.`);
  const rows = await followRows(session.dataverse, [...byRow.keys()], {
    timeoutMs,
    onStatus: (id, status) => print(`  ${String(byRow.get(id)?.[I.invoiceNumber])}: ${status}`),
  });
  let synced = 0;
  for (const [id, invoice] of byRow) if (await report(session, invoice, rows.get(id), print)) synced += 1;
  print(`${synced} of ${unsynced.length} synced.`);
  return synced === unsynced.length ? 0 : 2;
}
