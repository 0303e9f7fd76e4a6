/**
 * `npm start` in-process on free ports with a temporary data folder: the seed is there, the CLI
 * (as a child process, the way a second terminal runs it) lists and syncs the demo invoices
 * through the relay into the Xero emulator, and a second start on the same data adds nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataverseHttpClient } from '../../../plugins-proxy/src/adapters/dataverse/client';
import { StaticTokenProvider } from '../../../plugins-proxy/src/adapters/dataverse/tokenProvider';
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { DEMO_INVOICES } from '../../seed';
import { startSandbox, type RunningSandbox } from '../../start';
import { readState } from '../../start/state';
import { runSandboxCli } from './runCli';

const I = SYSTEM_COLUMNS.invoice;
const ZERO_PORTS = { dataverse: 0, xero: 0, relay: 0, shell: 0 };
let dataDir: string;
let running: RunningSandbox | undefined;
/** The sandbox under test (started in beforeAll, restarted by the tests that stop it). */
const sandbox = () => {
  if (!running) throw new Error('The sandbox is not running');
  return running;
};

const start = () =>
  startSandbox({
    dataDir,
    ports: ZERO_PORTS,
    build: 'if-missing',
    shell: false,
    relayLogLevel: 'silent',
    paymentsIntervalMs: 1000,
  });

async function client(): Promise<DataverseHttpClient> {
  const reply = await fetch(sandbox().state.dataverse.userTokenUrl, { method: 'POST', body: '{}' });
  const { access_token: token } = (await reply.json()) as { access_token: string };
  return new DataverseHttpClient({
    url: sandbox().state.dataverse.url,
    tokenProvider: new StaticTokenProvider(token),
  });
}

async function invoiceNumber(name: string): Promise<string> {
  const [row] = await (
    await client()
  ).query<Record<string, unknown>>(SYSTEM_TABLES.invoice.entitySet, {
    select: [I.invoiceNumber],
    filter: `${I.name} eq '${name}'`,
  });
  return String(row[I.invoiceNumber]);
}

async function xeroInvoices(): Promise<Record<string, unknown>[]> {
  const { url, tenantId } = sandbox().state.xero;
  return (await (await fetch(`${url}/_admin/tenants/${tenantId}/invoices`)).json()) as Record<
    string,
    unknown
  >[];
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-start-'));
  running = await start();
}, 180_000);

afterAll(async () => {
  await running?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a started sandbox', () => {
  it('has every demo invoice, on a connection already Connected to the demo Xero organisation', async () => {
    const dv = await client();
    const invoices = await dv.query<Record<string, unknown>>(SYSTEM_TABLES.invoice.entitySet, {
      select: [I.name],
    });
    expect(invoices.map((r) => r[I.name]).sort()).toEqual(DEMO_INVOICES.map((d) => d.name).sort());
    const connections = await dv.query<Record<string, unknown>>(TABLES.connection.entitySet, {
      select: [COLUMNS.connection.status, COLUMNS.connection.tenantId, COLUMNS.connection.isDefault],
    });
    expect(connections.find((c) => c[COLUMNS.connection.isDefault] === true)).toMatchObject({
      [COLUMNS.connection.status]: CHOICES.connectionStatus.values.connected,
      [COLUMNS.connection.tenantId]: sandbox().state.xero.tenantId,
    });
  });

  it('has one more Connected connection per bundle mode and numbering mode it shows', async () => {
    const connections = await (
      await client()
    ).query<Record<string, unknown>>(TABLES.connection.entitySet, {
      select: [COLUMNS.connection.status, COLUMNS.connection.bundleMode, COLUMNS.connection.numbering],
    });
    expect(connections.map((c) => c[COLUMNS.connection.status])).toEqual(
      Array(4).fill(CHOICES.connectionStatus.values.connected),
    );
    expect(new Set(connections.map((c) => c[COLUMNS.connection.bundleMode]))).toEqual(
      new Set(Object.values(CHOICES.bundleMode.values)),
    );
    expect(connections.map((c) => c[COLUMNS.connection.numbering])).toContain(
      CHOICES.numbering.values.manualNumber,
    );
  });

  it('has the codes pulled from Xero', async () => {
    const codes = await (
      await client()
    ).query<Record<string, unknown>>(TABLES.glCode.entitySet, {
      select: [COLUMNS.glCode.code],
    });
    expect(codes.map((c) => c[COLUMNS.glCode.code])).toEqual(expect.arrayContaining(['200', '300', '090']));
  });

  it('writes the state file the CLI finds it by', () => {
    expect(readState(dataDir)).toEqual(sandbox().state);
    expect(sandbox().lines.join('\n')).toContain(`npm run sandbox -- sync INV-`);
  });

  it('lists the demo invoices from a second terminal', async () => {
    const run = await runSandboxCli(dataDir, ['list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Number\s+Document type\s+Sync status\s+Xero number/);
    for (const demo of DEMO_INVOICES) expect(run.stdout).toContain(demo.name);
  });

  it('syncs the plain invoice end to end and exits 0 with the Xero number', async () => {
    const number = await invoiceNumber(DEMO_INVOICES[0].name);
    const run = await runSandboxCli(dataDir, ['sync', number]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Queued[\s\S]*Succeeded/);
    const xeroNumber = /Synced as (INV-\d+)/.exec(run.stdout)?.[1];
    expect(xeroNumber).toBeDefined();
    expect((await xeroInvoices()).map((i) => i.InvoiceNumber)).toContain(xeroNumber);
  }, 60_000);

  it('records a part payment in Xero and exits 0 once Dynamics shows it', async () => {
    const number = await invoiceNumber(DEMO_INVOICES[0].name);
    const run = await runSandboxCli(dataDir, ['pay', number, '10']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('amount paid 10.00, amount due 15.85, state Paid (partial)');
  }, 90_000);

  it('pays the rest when no amount is given and the invoice becomes Paid (complete)', async () => {
    const number = await invoiceNumber(DEMO_INVOICES[0].name);
    const run = await runSandboxCli(dataDir, ['pay', number]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('amount paid 25.85, amount due 0.00, state Paid (complete)');
  }, 90_000);

  it('exits 2 without paying when the invoice is not in Xero yet', async () => {
    const number = await invoiceNumber('Demo: supplier bill');
    const run = await runSandboxCli(dataDir, ['pay', number]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('is not in Xero yet; sync it first');
  }, 30_000);

  it('exits 2 with the message when the invoice has a code Xero does not have', async () => {
    const number = await invoiceNumber('Demo: missing code');
    const run = await runSandboxCli(dataDir, ['sync', number]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('not synced');
    expect(run.stdout).toContain('Not sent to Xero');
    expect(run.stdout).toContain('is not in the chart of accounts synced for connection');
  }, 60_000);

  it('exits 1 for an invoice number nobody has', async () => {
    const run = await runSandboxCli(dataDir, ['sync', 'INV-99999']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No invoice has the number "INV-99999"');
  }, 30_000);
});

describe('starting again on the same data', () => {
  it('adds nothing and keeps the invoices already synced', async () => {
    await sandbox().stop();
    running = await start();
    expect(sandbox().lines.join('\n')).toContain('already seeded');
    const invoices = await (
      await client()
    ).query<Record<string, unknown>>(SYSTEM_TABLES.invoice.entitySet, {
      select: [I.name, COLUMNS.invoice.syncStatus],
      filter: `${I.name} eq '${DEMO_INVOICES[0].name}'`,
    });
    expect(invoices).toEqual([
      expect.objectContaining({ [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.synced }),
    ]);
  }, 120_000);
});

describe('a stopped sandbox', () => {
  it('removes its state file, so the CLI says it is not running and exits 1', async () => {
    await sandbox().stop();
    running = undefined;
    const run = await runSandboxCli(dataDir, ['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The sandbox is not running');
  }, 120_000);
});
