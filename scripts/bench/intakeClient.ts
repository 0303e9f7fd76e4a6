/**
 * The load generator for the intake bench, run as a child process so the client's own work (body
 * building, promise bookkeeping, timing) does not run on the relay's event loop. Reads its job
 * from INTAKE_CLIENT (JSON), posts `count` deliveries at `concurrency` over fetch (undici keeps
 * connections alive), and prints one JSON line: latencies in ms, elapsed time and status counts.
 */

export interface IntakeClientJob {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** A webhook body with `idPlaceholder` where each delivery's own stl_synchistory id goes. */
  readonly bodyTemplate: string;
  readonly idPlaceholder: string;
  readonly count: number;
  readonly concurrency: number;
}

export interface IntakeClientResult {
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
  readonly statuses: Record<string, number>;
}

/** Distinct, valid, lower-case GUIDs: 00000000-0000-4000-8000-<index in 12 hex digits>. */
export function deliveryRowId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export async function runIntakeClient(job: IntakeClientJob): Promise<IntakeClientResult> {
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const sendOne = async (index: number) => {
    const body = job.bodyTemplate.split(job.idPlaceholder).join(deliveryRowId(index));
    const started = performance.now();
    let status: string;
    try {
      const reply = await fetch(job.url, { method: 'POST', headers: job.headers, body });
      await reply.arrayBuffer();
      status = String(reply.status);
    } catch {
      status = 'network-error';
    }
    latenciesMs.push(performance.now() - started);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const lane = async () => {
    while (next < job.count) await sendOne(next++);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  return { latenciesMs, elapsedMs: performance.now() - started, statuses };
}

if (require.main === module) {
  const job = JSON.parse(process.env.INTAKE_CLIENT ?? '{}') as IntakeClientJob;
  runIntakeClient(job).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`intake client failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
