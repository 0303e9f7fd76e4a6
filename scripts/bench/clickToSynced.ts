/**
 * Benchmark "click to synced": single-invoice syncs one after another, each exactly as the ribbon
 * does it (the Queued stl_synchistory row created under the user, the invoice marked Queued, a
 * nudge to the relay; the solution's webhook fires too), against the real relay in its own process
 * and both emulators with realistic per-call latencies (Xero 150 ms, Dataverse 40 ms by default;
 * BENCH_XERO_LATENCY_MS / BENCH_DATAVERSE_LATENCY_MS override). Reports p50 / p95 of Queued row
 * created → row Succeeded, the calls each sync made (from the emulators' request logs) and the
 * ratio of p50 to the floor.
 *
 * The floor is the sum of the round trips no design can avoid on the critical path of one sync:
 * the relay must read the request and the invoice from Dataverse (1 request at least: one $batch
 * or one $expand query), create the document in Xero (1 call), and write the result back (1
 * $batch). So floorMs = 2 × Dataverse latency + 1 × Xero latency. Everything above it (contact and
 * item look-ups, the online-invoice link, the In progress mark, separate reads) is the relay's
 * own overhead; ratioToFloor says how much.
 *
 * The Synced moment is seen by polling the row back to back; it is taken as the middle of the poll
 * that first saw Succeeded, so it is accurate to about half a Dataverse round trip.
 */
import { CHOICES, COLUMNS, TABLES } from '../../solution/names';
import { createInvoice } from '../../plugins-proxy/test/integration/seed';
import { startWorld, type RelayProcess, type World } from '../../plugins-proxy/test/drills/drillHarness';
import type { ScenarioOptions } from '../bench';

const SUCCEEDED = CHOICES.syncHistoryStatus.values.succeeded;
const FINAL_TIMEOUT_MS = 30_000;

export interface ClickToSyncedResult extends Record<string, number> {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  floorMs: number;
  ratioToFloor: number;
  xeroCallsPerSync: number;
  dataverseCallsPerSync: number;
  xeroLatencyMs: number;
  dataverseLatencyMs: number;
  failed: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

const round = (n: number, dp = 1) => Math.round(n * 10 ** dp) / 10 ** dp;

/** Polls the row until it is final; returns when it became Succeeded and the polls made. */
async function syncedAt(world: World, rowId: string): Promise<{ at: number; ok: boolean; polls: number }> {
  const deadline = Date.now() + FINAL_TIMEOUT_MS;
  for (let polls = 1; ; polls++) {
    const sent = performance.now();
    const row = await world.api.get(
      `${TABLES.syncHistory.entitySet}(${rowId})?$select=${COLUMNS.syncHistory.status}`,
    );
    const received = performance.now();
    const status = Number(row[COLUMNS.syncHistory.status]);
    if (status === SUCCEEDED) return { at: (sent + received) / 2, ok: true, polls };
    if (status === CHOICES.syncHistoryStatus.values.failed) return { at: received, ok: false, polls };
    if (Date.now() > deadline) throw new Error(`Row ${rowId} was not final after ${FINAL_TIMEOUT_MS} ms`);
  }
}

async function nudge(relay: RelayProcess, rowId: string): Promise<void> {
  await fetch(`${relay.url}/api/sync-requests/${rowId}/nudge`, { method: 'POST' });
}

export async function benchClickToSynced(options: ScenarioOptions): Promise<ClickToSyncedResult> {
  const runs = options.quick ? 10 : 50;
  const xeroLatencyMs = Number(process.env.BENCH_XERO_LATENCY_MS ?? 150);
  const dataverseLatencyMs = Number(process.env.BENCH_DATAVERSE_LATENCY_MS ?? 40);
  // Xero's real limits on a 1 s "minute": a sync takes longer than the limit's pace anyway.
  const world = await startWorld({ xeroLimits: { minuteMs: 1000 }, xeroLatencyMs: 0 });
  let relay: RelayProcess | undefined;
  try {
    options.log(`creating ${runs} invoices`);
    // Invoices first, without latency; their rows are queued one at a time below.
    const created: { invoiceId: string; name: string }[] = [];
    for (let i = 0; i < runs; i++) {
      const name = `Click ${i}`;
      created.push({
        invoiceId: await createInvoice(world.api, world.seed, { name, lines: [{ product: 'WIDGET' }] }),
        name,
      });
    }
    relay = await world.spawnRelay({ xeroLimits: { minuteMs: 1000 } });
    await world.pointWebhookAt(relay.url);
    world.xero.admin.setLatency(xeroLatencyMs);
    world.dataverse.admin.addFault({ delayMs: dataverseLatencyMs });
    world.xero.admin.clearRequestLog();
    const dataverseBefore = world.dataverse.admin.requestLog.snapshot().total;
    let ownRequests = 0;
    const times: number[] = [];
    let failed = 0;
    for (const [i, invoice] of created.entries()) {
      const rowId = await world.queueSync(invoice.invoiceId, invoice.name, CHOICES.trigger.values.button);
      const queuedAt = performance.now();
      ownRequests += 2;
      await nudge(relay, rowId);
      const result = await syncedAt(world, rowId);
      ownRequests += result.polls;
      if (result.ok) times.push(result.at - queuedAt);
      else failed++;
      if ((i + 1) % 10 === 0) options.log(`${i + 1}/${runs}`);
    }
    await world.dataverse.admin.webhooksSettled();
    const xeroCalls = world.xero.admin
      .requestLog()
      .requests.filter((r) => r.path.toLowerCase().startsWith('/api.xro/2.0/')).length;
    const dataverseCalls = world.dataverse.admin.requestLog.snapshot().total - dataverseBefore - ownRequests;
    const sorted = [...times].sort((a, b) => a - b);
    const floorMs = 2 * dataverseLatencyMs + xeroLatencyMs;
    const p50 = percentile(sorted, 50);
    return {
      runs,
      p50Ms: round(p50),
      p95Ms: round(percentile(sorted, 95)),
      floorMs,
      ratioToFloor: round(p50 / floorMs, 2),
      xeroCallsPerSync: round(xeroCalls / runs, 2),
      dataverseCallsPerSync: round(dataverseCalls / runs, 2),
      xeroLatencyMs,
      dataverseLatencyMs,
      failed,
    };
  } finally {
    await relay?.kill('SIGTERM');
    await world.stop();
  }
}
