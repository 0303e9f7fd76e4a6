/**
 * `npm run bench [-- --quick] [-- --write-docs] [-- scenario ...]`: runs the registered benchmark
 * scenarios (all by default, in registry order) and prints ONE JSON object on stdout,
 * `{"<scenario>": {...}}`; progress goes to stderr. A full run (all scenarios, not --quick) also
 * writes docs/performance.md; --write-docs forces that for any run.
 *
 * While scenarios run, process.stdout.write is routed to stderr: a relay or emulator that logs to
 * stdout must not corrupt the one JSON line that `npm run -s bench | jq` relies on.
 */
import path from 'node:path';
import { benchBulk } from './bench/bulk';
import { benchClickToSynced } from './bench/clickToSynced';
import { benchIntake } from './bench/intake';
import { benchMapping } from './bench/mapping';
import { describeMachine, writePerformanceReport, type BenchResults } from './bench/report';

export interface ScenarioOptions {
  /** Reduced sizes so the whole run stays under 2 minutes (CI proves the script works, nothing more). */
  readonly quick: boolean;
  /** Progress for people; goes to stderr. */
  readonly log: (message: string) => void;
}

export interface Scenario {
  /** One line for docs/performance.md: what the scenario measures. */
  readonly description: string;
  run(options: ScenarioOptions): Promise<Record<string, number | string>>;
}

export const SCENARIOS: Record<string, Scenario> = {
  clickToSynced: {
    description:
      'Single-invoice syncs one after another as the ribbon queues them (row, nudge, webhook), relay in its own process, Xero 150 ms and Dataverse 40 ms per call; time from the Queued row to Succeeded; floor = 2 Dataverse + 1 Xero round trips.',
    run: (options) => benchClickToSynced(options),
  },
  bulk: {
    description:
      "2,000 queued invoices for 400 new contacts and 100 new items, one organisation, Xero's real limits (5 concurrent, 60/min, 5000/day) on a 1 s minute, relay in its own process (RSS from /proc); floor = fewest calls (batches of 50) at 60 per minute.",
    run: (options) => benchBulk(options),
  },
  intake: {
    description:
      'Dataverse webhook deliveries (valid RemoteExecutionContext bodies for distinct stl_synchistory ids, right secret) at concurrency 50 from a child process (fetch keep-alive) against the production relay (createRelay), on a temp SQLite file, with the worker running a no-op push handler. Latencies are measured by the client; jobsCreated is read back from the store.',
    run: (options) => benchIntake(options),
  },
  mapping: {
    description:
      "A 200-line invoice pre-flighted as the Xero panel does it in the browser (the domain bundled by esbuild, mapInvoice on the form's snapshot: opsPerSecond), and parsed and mapped as the relay does (relayOpsPerSecond); each repeated for ~2 s.",
    run: async () => ({ ...(await benchMapping()) }),
  },
};

export interface BenchArguments {
  readonly quick: boolean;
  readonly writeDocs: boolean;
  readonly names: readonly string[];
  /** Flags the bench does not know (a typo such as --quik must not silently run the full sizes). */
  readonly unknownFlags: readonly string[];
}

const FLAGS = new Set(['--quick', '--write-docs']);

export function parseBenchArguments(argv: readonly string[]): BenchArguments {
  const flags = argv.filter((a) => a.startsWith('--'));
  return {
    quick: flags.includes('--quick'),
    writeDocs: flags.includes('--write-docs'),
    names: argv.filter((a) => !a.startsWith('--')),
    unknownFlags: flags.filter((f) => !FLAGS.has(f)),
  };
}

const REPORT_FILE = path.join(__dirname, '../docs/performance.md');

function routeStdoutToStderr(): () => void {
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  return () => {
    process.stdout.write = original;
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseBenchArguments(argv);
  if (args.unknownFlags.length) {
    process.stderr.write(
      `unknown option(s): ${args.unknownFlags.join(', ')}; known: ${[...FLAGS].join(', ')}\n`,
    );
    return 1;
  }
  const unknown = args.names.filter((n) => !(n in SCENARIOS));
  if (unknown.length) {
    process.stderr.write(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`,
    );
    return 1;
  }
  const selected = args.names.length ? args.names : Object.keys(SCENARIOS);
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
  const results: BenchResults = {};
  const restoreStdout = routeStdoutToStderr();
  const startedAt = new Date();
  const machine = describeMachine();
  try {
    for (const name of selected) {
      log(`${name}${args.quick ? ' (quick)' : ''}…`);
      const started = Date.now();
      results[name] = await SCENARIOS[name].run({ quick: args.quick, log: (m) => log(`${name}: ${m}`) });
      log(`${name} done in ${Date.now() - started} ms`);
    }
  } finally {
    restoreStdout();
  }
  const fullRun = !args.quick && args.names.length === 0;
  if (fullRun || args.writeDocs) {
    const descriptions = Object.fromEntries(selected.map((n) => [n, SCENARIOS[n].description]));
    await writePerformanceReport(REPORT_FILE, {
      results,
      descriptions,
      machine,
      date: startedAt,
      quick: args.quick,
    });
    log(`wrote ${path.relative(process.cwd(), REPORT_FILE)}`);
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
