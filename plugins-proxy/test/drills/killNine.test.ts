/**
 * Drill: kill -9 the relay at a random moment of a bulk sync, restart it on the same store, and
 * let it drain. Five seeded trials; the moment is a random count of Dataverse requests the relay
 * has made (reads, In progress marks, write-backs), so kills land before, during and after Xero
 * accepted a batch. Afterwards every row is Succeeded or Failed, no job is left running or queued,
 * Xero holds each document once and every write-back matches what Xero holds.
 */
import { CHOICES, COLUMNS } from '../../../solution/names';
import type { Row } from '../integration/webApi';
import { checkAgainstXero, queueInvoices, type QueuedInvoice, type XeroCheck } from './bulkWork';
import { FINAL_STATUSES, startWorld, type World } from './drillHarness';
import type { RelayProcessOverrides } from './relayProcess';
import { seededRandom } from './seededRandom';

const HC = COLUMNS.syncHistory;
const HS = CHOICES.syncHistoryStatus.values;
const TRIALS = 5;
const INVOICES_PER_TRIAL = 60;
const RELAY: RelayProcessOverrides = {
  // Short leases so the restarted relay takes over the killed one's jobs quickly.
  leaseMs: 1500,
  backoff: { baseDelayMs: 50, maxDelayMs: 500 },
  bulkWindowMs: 100,
};

interface Trial {
  point: KillPoint;
  killed: boolean;
  /** Rows not yet final when the relay died: the work the restart had to finish. */
  openAtKill: number;
  invoices: QueuedInvoice[];
  rows: Row[];
}

let world: World;
const trials: Trial[] = [];
let xero: XeroCheck;

async function whenRelayHasMade(requests: number, since: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (world.dataverse.admin.requestLog.snapshot().total - since < requests) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

/** Resolves once Xero answered a document batch with 200 (the documents exist in Xero). */
async function whenXeroAccepted(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const accepted = () =>
    world.xero.admin
      .requestLog()
      .requests.some((r) => r.status === 200 && /\/Invoices$/i.test(r.path) && r.method !== 'GET');
  while (!accepted()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/**
 * Where the kill lands: `beforeXero` counts Dataverse requests from the relay's start (reads and
 * In progress marks); `afterXero` waits for Xero to accept a batch, then for a few more requests
 * (the write-back in flight, slowed by a $batch delay): the moment a crash could duplicate a document.
 */
interface KillPoint {
  phase: 'beforeXero' | 'afterXero';
  requests: number;
}

async function runTrial(index: number, point: KillPoint): Promise<Trial> {
  const invoices = await queueInvoices(world, INVOICES_PER_TRIAL, `Kill ${index}`);
  world.xero.admin.clearRequestLog();
  const first = await world.spawnRelay(RELAY);
  // A slow write-back widens the window between Xero's answer and the rows being written.
  if (point.phase === 'afterXero') world.dataverse.admin.addFault({ delayMs: 300, path: '\\$batch' });
  let reached = point.phase === 'beforeXero' || (await whenXeroAccepted(30_000));
  const since = point.phase === 'beforeXero' ? 0 : world.dataverse.admin.requestLog.snapshot().total;
  reached = reached && (await whenRelayHasMade(point.requests, since, 30_000));
  await first.kill('SIGKILL');
  const atKill = await world.historyRows(invoices.map((i) => i.rowId));
  const openAtKill = atKill.filter((r) => !FINAL_STATUSES.has(Number(r[HC.status]))).length;
  process.stderr.write(
    `trial ${index}: killed ${point.phase} + ${point.requests} Dataverse requests; ${openAtKill} rows open\n`,
  );
  world.dataverse.admin.clearFaults();
  const second = await world.spawnRelay(RELAY);
  try {
    const rows = await world.waitAllFinal(
      invoices.map((i) => i.rowId),
      60_000,
    );
    for (const row of rows.filter((r) => r[HC.status] !== HS.succeeded)) {
      process.stderr.write(
        `trial ${index}: row ${String(row[HC.status])} after ${String(row[HC.attempts])} attempts: ${String(row[HC.message])}\n`,
      );
    }
    return { point, killed: reached, openAtKill, invoices, rows };
  } finally {
    await second.kill('SIGTERM');
  }
}

beforeAll(async () => {
  const random = seededRandom('kill -9 drill');
  world = await startWorld();
  for (let i = 0; i < TRIALS; i++) {
    // Alternate the phases so both dangerous windows are drilled whatever the seed.
    const point: KillPoint =
      i % 2 === 0
        ? { phase: 'beforeXero', requests: random.int(1, INVOICES_PER_TRIAL * 3) }
        : { phase: 'afterXero', requests: 0 };
    trials.push(await runTrial(i, point));
  }
  xero = await checkAgainstXero(
    world,
    trials.flatMap((t) => t.invoices),
  );
}, 300_000);
afterAll(() => world?.stop());

it('kills the relay in the middle of every trial', () => {
  expect(trials.map((t) => t.killed)).toEqual(Array(TRIALS).fill(true));
});

it('leaves work unfinished at the kill in most trials', () => {
  expect(trials.filter((t) => t.openAtKill > 0).length).toBeGreaterThanOrEqual(TRIALS - 1);
});

it('ends every sync row Succeeded or Failed after the restart', () => {
  const statuses = new Set(trials.flatMap((t) => t.rows.map((r) => Number(r[HC.status]))));
  for (const status of statuses) expect([HS.succeeded, HS.failed]).toContain(status);
});

it('leaves no job running or queued in the ledger', async () => {
  const counts = await world.store.countJobsByState();
  expect({ running: counts.running, queued: counts.queued }).toEqual({ running: 0, queued: 0 });
});

it('holds no duplicate document in Xero', () => {
  expect(xero.duplicates).toEqual([]);
});

it('writes back the Xero id and number Xero holds for every synced invoice', () => {
  expect(xero.mismatched).toEqual([]);
  const succeeded = trials.flatMap((t) => t.rows).filter((r) => r[HC.status] === HS.succeeded).length;
  expect(xero.inXero).toBe(succeeded);
});
