/**
 * `npm run sandbox -- pay <number> [amount]`: records a payment in the Xero emulator (as if made
 * in Xero; the full amount due by default) and waits until the Dynamics invoice shows it, which
 * the relay brings back through the Xero webhook or its scheduled pull.
 * Exit 0 when it arrived, 2 when the invoice is not in Xero or the payment did not arrive in time.
 */
import { COLUMNS, STATE_COLUMNS, SYSTEM_COLUMNS, TABLES } from '../../solution/names';
import { CliError, type SandboxSession } from './connect';
import { findByNumber, listInvoices, readInvoice, type InvoiceRow } from './invoices';
import { invoiceState } from './labels';

const I = SYSTEM_COLUMNS.invoice;
const IC = COLUMNS.invoice;
type Print = (line: string) => void;

export function parseAmount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const amount = Number(text);
  if (!Number.isFinite(amount) || amount <= 0 || Math.round(amount * 100) !== amount * 100)
    throw new CliError(`The amount must be a positive number with at most 2 decimals, not "${text}".`, 1);
  return amount;
}

/** The Xero organisation the invoice was synced to: its connection's tenant. */
async function tenantOf(session: SandboxSession, invoice: InvoiceRow): Promise<string> {
  const connectionId = invoice[`_${IC.connectionId}_value`];
  if (typeof connectionId !== 'string' || !connectionId) return session.state.xero.tenantId;
  const row = await session.dataverse.get<InvoiceRow>(`${TABLES.connection.entitySet}(${connectionId})`, {
    select: [COLUMNS.connection.tenantId],
  });
  return String(row?.[COLUMNS.connection.tenantId] ?? session.state.xero.tenantId);
}

async function recordInXero(
  session: SandboxSession,
  tenantId: string,
  xeroId: string,
  amount?: number,
): Promise<number> {
  const reply = await fetch(`${session.state.xero.url}/_admin/payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      tenantId,
      invoiceId: xeroId,
      ...(amount ? { amount } : {}),
    }),
  });
  const body = (await reply.json()) as { Amount?: number; error?: string };
  if (!reply.ok) throw new CliError(`Xero refused the payment: ${body.error ?? `HTTP ${reply.status}`}`, 2);
  return Number(body.Amount ?? amount);
}

const paidOf = (row: InvoiceRow) => Number(row[IC.amountPaid] ?? 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function payCommand(
  session: SandboxSession,
  number: string,
  amountText: string | undefined,
  print: Print,
  timeoutMs = 60_000,
): Promise<number> {
  const amount = parseAmount(amountText);
  const invoice = findByNumber(await listInvoices(session.dataverse), number);
  const label = String(invoice[I.invoiceNumber]);
  const xeroId = invoice[IC.xeroId];
  if (typeof xeroId !== 'string' || !xeroId) {
    print(`${label} is not in Xero yet; sync it first: npm run sandbox -- sync ${label}`);
    return 2;
  }
  const paidBefore = paidOf(invoice);
  const paid = await recordInXero(session, await tenantOf(session, invoice), xeroId, amount);
  print(
    `${label}: payment of ${paid.toFixed(2)} recorded in Xero (${String(invoice[IC.xeroNumber] ?? xeroId)}); waiting for Dynamics…`,
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await readInvoice(session.dataverse, String(invoice[I.id]));
    if (paidOf(row) >= paidBefore + paid - 0.005) {
      print(
        `${label}: amount paid ${paidOf(row).toFixed(2)}, amount due ${Number(row[IC.amountDue] ?? 0).toFixed(2)}, state ${invoiceState(row[STATE_COLUMNS.stateCode], row[STATE_COLUMNS.statusCode])}`,
      );
      return 0;
    }
    if (Date.now() > deadline) {
      print(
        `${label}: the payment did not reach Dynamics within ${Math.round(timeoutMs / 1000)} s (amount paid still ${paidOf(row).toFixed(2)}).`,
      );
      return 2;
    }
    await sleep(250);
  }
}
