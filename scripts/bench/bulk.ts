/**
 * Benchmark "bulk": one organisation's "Sync selected" of 2,000 invoices (200 with --quick) for
 * 400 customers and 100 products that Xero does not have yet, so the relay creates 400 contacts
 * and 100 items on the way. Xero runs with its real limits (5 concurrent, 60 per minute, 5000 per
 * day) on a time-scaled minute (BENCH_MINUTE_MS, default 1000 ms), and the relay is told the
 * same minute. The relay runs as its own process; peakRssMb is its resident set size sampled
 * every 100 ms from /proc. Every row is queued before the relay starts (the webhook points
 * nowhere), so the relay's start-up reconciler finds them all at once, as after a click on a
 * full grid.
 *
 * floorMs is what Xero's limit alone allows: the fewest calls the work needs (documents, contacts
 * and items in batches of 50: ceil(n/50) each) divided by 60 per scaled minute. ratioToFloor is
 * elapsed ÷ floor; Dataverse reads and write-backs (not limited by Xero) are what lies between.
 */
import { SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../solution/names';
import { createAccount } from '../../plugins-proxy/test/integration/seed';
import { eachWithLimit, queueInvoices } from '../../plugins-proxy/test/drills/bulkWork';
import { startWorld, type World } from '../../plugins-proxy/test/drills/drillHarness';
import type { ScenarioOptions } from '../bench';

const BATCH = 50;
const XERO_PER_MINUTE = 60;

export interface BulkResult extends Record<string, number | string> {
  invoices: number;
  contacts: number;
  items: number;
  minuteMs: number;
  xeroCalls: number;
  xeroCallsPerInvoice: number;
  dataverseRequestsPerInvoice: number;
  http429: number;
  elapsedMs: number;
  floorMs: number;
  ratioToFloor: number;
  peakRssMb: number;
  xeroCallsByEndpoint: string;
  succeeded: number;
  failed: number;
}

/** "PUT /Invoices 40, GET /Contacts 8, …": where the calls went, for people reading the JSON. */
function callsByEndpoint(calls: readonly { method: string; path: string }[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const segment = call.path.slice('/api.xro/2.0'.length).split('/')[1] ?? '';
    const key = `${call.method} /${segment}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');
}

const round = (n: number, dp = 2) => Math.round(n * 10 ** dp) / 10 ** dp;

async function seedCustomersAndProducts(world: World, contacts: number, items: number) {
  const accounts: string[] = new Array(contacts);
  await eachWithLimit(accounts, 4, async (_, i) => {
    const number = `BULK-C${String(i).padStart(4, '0')}`;
    accounts[i] = await createAccount(world.api, `Bulk Customer ${i}`, number, `bulk${i}@customers.test`);
  });
  const products: Record<string, string> = { ...world.seed.products };
  const numbers = Array.from({ length: items }, (_, i) => `BULK-P${String(i).padStart(3, '0')}`);
  await eachWithLimit(numbers, 4, async (number, i) => {
    products[number] = await world.api.create(SYSTEM_TABLES.product.entitySet, {
      [SYSTEM_COLUMNS.product.name]: `Bulk product ${i}`,
      [SYSTEM_COLUMNS.product.productNumber]: number,
      [SYSTEM_COLUMNS.product.price]: 10 + i,
      [SYSTEM_COLUMNS.product.productStructure]: 1,
    });
  });
  return { accounts, products, numbers };
}

/** Polls the relays' store until no job is queued or running and `total` are done. */
async function whenDrained(world: World, total: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await world.store.countJobsByState();
    if (counts.queued + counts.running === 0 && counts.succeeded + counts.failed + counts.held >= total)
      return counts;
    if (Date.now() > deadline)
      throw new Error(`bulk run not drained after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function benchBulk(options: ScenarioOptions): Promise<BulkResult> {
  const invoices = options.quick ? 200 : 2000;
  const contacts = invoices / 5;
  const items = invoices / 20;
  const minuteMs = Number(process.env.BENCH_MINUTE_MS ?? 1000);
  const world = await startWorld({
    xeroLimits: { concurrent: 5, perMinute: XERO_PER_MINUTE, perDay: 5000, minuteMs },
    workerConcurrency: 4,
  });
  try {
    options.log(`seeding ${contacts} customers, ${items} products, ${invoices} invoices`);
    const { accounts, products, numbers } = await seedCustomersAndProducts(world, contacts, items);
    world.seed.products = products;
    const queued = await queueInvoices(world, invoices, 'Bulk', (i) => ({
      accountId: accounts[i % contacts],
      lines: [{ product: numbers[i % items], quantity: 1 + (i % 4) }],
    }));
    world.xero.admin.clearRequestLog();
    const dataverseBefore = world.dataverse.admin.requestLog.snapshot().total;
    options.log('relay starting');
    const started = performance.now();
    const relay = await world.spawnRelay({ xeroLimits: { minuteMs } });
    let peakRssMb = relay.rssMb();
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, relay.rssMb())), 100);
    let counts;
    try {
      counts = await whenDrained(world, queued.length, 30 * 60_000);
    } finally {
      clearInterval(sampler);
    }
    const elapsedMs = performance.now() - started;
    peakRssMb = Math.max(peakRssMb, relay.rssMb());
    await relay.kill('SIGTERM');
    const calls = world.xero.admin
      .requestLog()
      .requests.filter((r) => r.path.toLowerCase().startsWith('/api.xro/2.0/'));
    const dataverseRequests = world.dataverse.admin.requestLog.snapshot().total - dataverseBefore;
    const fewestCalls = Math.ceil(invoices / BATCH) + Math.ceil(contacts / BATCH) + Math.ceil(items / BATCH);
    const floorMs = (fewestCalls / XERO_PER_MINUTE) * minuteMs;
    return {
      invoices,
      contacts,
      items,
      minuteMs,
      xeroCalls: calls.length,
      xeroCallsPerInvoice: round(calls.length / invoices, 3),
      dataverseRequestsPerInvoice: round(dataverseRequests / invoices),
      http429: calls.filter((r) => r.status === 429).length,
      elapsedMs: Math.round(elapsedMs),
      floorMs: Math.round(floorMs),
      ratioToFloor: round(elapsedMs / floorMs),
      peakRssMb: round(peakRssMb, 1),
      xeroCallsByEndpoint: callsByEndpoint(calls),
      succeeded: counts.succeeded,
      failed: counts.failed + counts.held,
    };
  } finally {
    await world.stop();
  }
}
