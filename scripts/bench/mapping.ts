/**
 * Bench scenario "mapping": a 200-line invoice pre-flighted as the Xero panel does it in the browser
 * (the domain bundled, mapInvoice on the form's snapshot), and parsed and mapped as the relay does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { SYSTEM_COLUMNS } from '../../solution/names';
import * as domain from '../../plugins-proxy/src/domain';

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

/** The domain as one bundle, the form the browser runs (no module getters between the files). */
async function bundledDomain(): Promise<typeof domain> {
  const result = await build({
    entryPoints: [path.join(__dirname, '../../plugins-proxy/src/domain/index.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-domain-'));
  try {
    const file = path.join(dir, 'domain.cjs');
    writeFileSync(file, result.outputFiles[0].text);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle written at run time
    return require(file) as typeof domain;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function opsPerSecond(work: () => void): number {
  runFor(WARM_UP_MS, work);
  const started = performance.now();
  const ops = runFor(RUN_MS, work);
  return Math.round((ops / ((performance.now() - started) / 1000)) * 10) / 10;
}

export async function benchMapping(): Promise<{
  lines: number;
  opsPerSecond: number;
  relayOpsPerSecond: number;
}> {
  const json = twoHundredLineSnapshot();
  const browser = await bundledDomain();
  const parsed = browser.parseSnapshot(json);
  if (!parsed.ok) throw new Error(`bench snapshot is invalid: ${parsed.failure.message}`);
  const snapshot = parsed.value;
  const preflight = () => {
    const result = browser.mapInvoice(snapshot);
    if (result.blocked) throw new Error(`bench invoice is blocked: ${result.findings[0]?.message}`);
  };
  const relay = () => {
    const again = domain.parseSnapshot(json);
    if (!again.ok) throw new Error(again.failure.message);
    domain.mapInvoice(again.value);
  };
  return { lines: LINES, opsPerSecond: opsPerSecond(preflight), relayOpsPerSecond: opsPerSecond(relay) };
}
