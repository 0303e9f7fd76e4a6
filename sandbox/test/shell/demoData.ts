/** The seeded demo rows the browser tests start from, found the way a user would: by name. */
import { COLUMNS, navigationProperty, SYSTEM_COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { DEMO_INVOICES } from '../../seed';
import type { DemoInvoice } from '../../seed/invoiceSpecs';
import type { Row, TestApi } from './fixture';

const INVOICE = SYSTEM_TABLES.invoice;

export async function invoiceByName(api: TestApi, name: string): Promise<Row> {
  const [row] = await api.list(
    `${INVOICE.entitySet}?$filter=${SYSTEM_COLUMNS.invoice.name} eq '${name.replace(/'/g, "''")}'`,
  );
  if (!row) throw new Error(`The sandbox has no demo invoice named "${name}"`);
  return row;
}

export async function invoiceId(api: TestApi, name: string): Promise<string> {
  return String((await invoiceByName(api, name))[INVOICE.primaryId]);
}

/** The GL code rows with this code, with their connection and state. */
async function glCodes(api: TestApi, code: string): Promise<Row[]> {
  const connection = `_${COLUMNS.glCode.connectionId}_value`;
  return api.list(
    `${TABLES.glCode.entitySet}?$select=${TABLES.glCode.primaryId},${connection},statecode&$filter=${COLUMNS.glCode.code} eq '${code}'`,
  );
}

/**
 * Points the invoice's lines that use GL code `from` at the active code `to` of the same
 * connection: the fix the failure message asks for (through the Web API: the invoice product form
 * has the GL code on its Xero tab, but the shell does not edit lookups).
 */
export async function replaceCodeOnLines(
  api: TestApi,
  id: string,
  from: string,
  to: string,
): Promise<number> {
  const detail = SYSTEM_TABLES.invoiceDetail;
  const column = COLUMNS.invoiceDetail.glCodeId;
  const connection = `_${COLUMNS.glCode.connectionId}_value`;
  const [fromRows, toRows] = await Promise.all([glCodes(api, from), glCodes(api, to)]);
  const lines = await api.list(
    `${detail.entitySet}?$select=_${column}_value&$filter=_invoiceid_value eq ${id}`,
  );
  let replaced = 0;
  for (const line of lines) {
    const stale = fromRows.find((r) => r[TABLES.glCode.primaryId] === line[`_${column}_value`]);
    if (!stale) continue;
    const valid = toRows.find((r) => r[connection] === stale[connection] && r.statecode === 0);
    if (!valid) throw new Error(`The connection of GL code ${from} has no active GL code ${to}`);
    await api.update(`${detail.entitySet}(${String(line[detail.primaryId])})`, {
      [`${navigationProperty(detail.logicalName, column)}@odata.bind`]: `/${TABLES.glCode.entitySet}(${String(valid[TABLES.glCode.primaryId])})`,
    });
    replaced += 1;
  }
  return replaced;
}

/** A new, never connected Xero connection row, as an admin would add one. */
export async function createConnection(api: TestApi, name: string): Promise<string> {
  return api.create(TABLES.connection.entitySet, { [COLUMNS.connection.name]: name });
}

const hasRetiredCode = (i: DemoInvoice) => i.lines.some((l) => l.retiredGlCode);
const hasWriteIn = (i: DemoInvoice) => i.lines.some((l) => l.writeIn);

/** The seeded demo invoices each test starts from, picked by what they show (sandbox/seed). */
export function demoInvoices() {
  const plain = DEMO_INVOICES[0];
  const writeIns = DEMO_INVOICES.find((i) => hasWriteIn(i) && !hasRetiredCode(i) && i !== plain);
  const missingCode = DEMO_INVOICES.find(hasRetiredCode);
  if (!writeIns || !missingCode) throw new Error('The demo data has no write-in or missing-code invoice');
  const taken = new Set([plain, writeIns, missingCode]);
  // The plain invoice's customer is in Xero once the first test ran, so the three bulk pushes do
  // not race each other to create one Xero contact (a relay issue, reported with this suite).
  const bulk = DEMO_INVOICES.filter(
    (i) => i.account === plain.account && !taken.has(i) && !hasRetiredCode(i),
  ).slice(0, 3);
  return {
    plain: plain.name,
    writeIns: writeIns.name,
    writeInDescriptions: writeIns.lines.flatMap((l) => (l.writeIn ? [l.writeIn] : [])),
    missingCode: missingCode.name,
    bulk: bulk.map((i) => i.name),
  };
}
