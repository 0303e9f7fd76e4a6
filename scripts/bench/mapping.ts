/**
 * Bench scenario "mapping": a 200-line invoice checked and mapped the way the relay does it
 * (parseSnapshot, then mapInvoice with the pre-flight check and xero-node's serializer), repeated
 * for about 2 seconds after a short warm-up. The invoice is the write-ins example grown to 200
 * lines, so it has products, write-ins, discounts, zero-rated lines and freight.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SYSTEM_COLUMNS } from '../../solution/names';
import { xeroNodeSerializer } from '../../plugins-proxy/src/adapters/xero/wire';
import { mapInvoice, parseSnapshot } from '../../plugins-proxy/src/domain';

const LINES = 200;
const RUN_MS = 2000;
const WARM_UP_MS = 300;

type Json = Record<string, unknown>;

export function twoHundredLineSnapshot(): Json {
  const file = path.join(__dirname, '../../docs/examples/write-ins-and-products.json');
  const example = JSON.parse(readFileSync(file, 'utf8')) as { invoice: Json };
  const IC = SYSTEM_COLUMNS.invoice;
  const D = SYSTEM_COLUMNS.invoiceDetail;
  const source = example.invoice[IC.details] as Json[];
  const details = Array.from({ length: LINES }, (_, i) => ({
    ...source[i % source.length],
    [D.id]: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    [D.lineItemNumber]: i + 1,
  }));
  for (const total of [IC.totalAmount, IC.totalTax, IC.totalLineItemAmount, IC.totalDiscountAmount]) {
    example.invoice[total] = null;
  }
  example.invoice[IC.details] = details;
  return example;
}

function runFor(ms: number, work: () => void): number {
  const end = performance.now() + ms;
  let ops = 0;
  while (performance.now() < end) {
    work();
    ops += 1;
  }
  return ops;
}

export async function benchMapping(): Promise<{ lines: number; opsPerSecond: number }> {
  const json = twoHundredLineSnapshot();
  const once = () => {
    const parsed = parseSnapshot(json);
    if (!parsed.ok) throw new Error(`bench snapshot is invalid: ${parsed.failure.message}`);
    const result = mapInvoice(parsed.value, xeroNodeSerializer);
    if (result.blocked) throw new Error(`bench invoice is blocked: ${result.findings[0]?.message}`);
  };
  runFor(WARM_UP_MS, once);
  const started = performance.now();
  const ops = runFor(RUN_MS, once);
  const seconds = (performance.now() - started) / 1000;
  return { lines: LINES, opsPerSecond: Math.round((ops / seconds) * 10) / 10 };
}
