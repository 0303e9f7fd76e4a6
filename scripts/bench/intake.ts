/**
 * Bench scenario "intake": the production relay (createRelay) on a temp SQLite file with a no-op push
 * handler, fed Dataverse webhook deliveries by a child process (intakeClient.ts) at concurrency 50.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHOICES, COLUMNS, COMPONENTS, SYSTEM_TABLES, TABLES } from '../../solution/names';
import { loadConfig } from '../../plugins-proxy/src/config';
import { createLogger } from '../../plugins-proxy/src/logger';
import { DATAVERSE_WEBHOOK_PATH } from '../../plugins-proxy/src/routes/dataverseWebhook';
import { createRelay } from '../../plugins-proxy/src/relay/createRelay';
import { JobOutcomes } from '../../plugins-proxy/src/jobs/outcomes';
import type { IntakeClientJob, IntakeClientResult } from './intakeClient';

const FULL_DELIVERIES = 10_000;
const QUICK_DELIVERIES = 1_000;
const CONCURRENCY = 50;
const ID_PLACEHOLDER = '{{syncRowId}}';
const SECRET = `bench-${randomBytes(16).toString('hex')}`;

export interface IntakeFigures extends Record<string, number | string> {
  deliveries: number;
  concurrency: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  jobsCreated: number;
  non200: number;
  client: string;
}

const OPTION = 'OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts';
const REFERENCE = 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts';

function reference(id: string, logicalName: string) {
  return { __type: REFERENCE, Id: id, KeyAttributes: [], LogicalName: logicalName, Name: null };
}

/** The Create-of-stl_synchistory context Dataverse posts (reference: dataverse-solution §5.2), trimmed. */
export function webhookBodyTemplate(): string {
  const HC = COLUMNS.syncHistory;
  const attributes = [
    { key: HC.name, value: 'Bench sync' },
    { key: HC.status, value: { __type: OPTION, Value: CHOICES.syncHistoryStatus.values.queued } },
    { key: HC.operation, value: { __type: OPTION, Value: CHOICES.operation.values.pushDocument } },
    {
      key: HC.invoiceId,
      value: reference('b1b1b1b1-0000-4000-8000-000000000001', SYSTEM_TABLES.invoice.logicalName),
    },
    {
      key: HC.connectionId,
      value: reference('c2c2c2c2-0000-4000-8000-000000000002', TABLES.connection.logicalName),
    },
  ];
  return JSON.stringify({
    CorrelationId: 'b374239d-0000-4000-8000-000000000000',
    Depth: 1,
    InputParameters: [
      {
        key: 'Target',
        value: { Attributes: attributes, Id: ID_PLACEHOLDER, LogicalName: TABLES.syncHistory.logicalName },
      },
    ],
    MessageName: 'Create',
    Mode: 1,
    OperationCreatedOn: `/Date(${Date.now()})/`,
    PrimaryEntityId: ID_PLACEHOLDER,
    PrimaryEntityName: TABLES.syncHistory.logicalName,
    Stage: 40,
  });
}

function benchConfig(dir: string) {
  return loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:1',
    DATAVERSE_URL: 'http://127.0.0.1:9/bench-no-dataverse',
    ENTRA_TENANT_ID: 'bench',
    ENTRA_CLIENT_ID: 'bench',
    ENTRA_CLIENT_SECRET: 'bench',
    XERO_CLIENT_ID: 'bench',
    XERO_CLIENT_SECRET: 'bench',
    XERO_WEBHOOK_KEY: 'bench',
    DATAVERSE_WEBHOOK_SECRET: SECRET,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ENCRYPTION_KEY_ID: 'bench-1',
    DATABASE_URL: `sqlite:${path.join(dir, 'intake.db')}`,
    LOG_LEVEL: 'silent',
    RECONCILER_INTERVAL_MS: String(60 * 60_000),
  });
}

function runClient(job: IntakeClientJob): Promise<IntakeClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(__dirname, 'intakeClient.ts')],
      {
        env: { ...process.env, INTAKE_CLIENT: JSON.stringify(job) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the intake client exited with ${code}`));
      try {
        resolve(JSON.parse(output) as IntakeClientResult);
      } catch {
        reject(new Error(`the intake client printed no result: ${output.slice(0, 200)}`));
      }
    });
  });
}

export function percentile(sortedMs: readonly number[], fraction: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.ceil(fraction * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function benchIntake(options: {
  quick: boolean;
  log: (message: string) => void;
}): Promise<IntakeFigures> {
  const deliveries = options.quick ? QUICK_DELIVERIES : FULL_DELIVERIES;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-intake-'));
  // No Dataverse or Xero behind it: the deliveries carry the whole row, and the push is a no-op.
  const relay = await createRelay(benchConfig(dir), {
    logger: createLogger({ level: 'silent' }),
    handlers: { push: async () => JobOutcomes.succeeded() },
    dataverseTokenProvider: { getToken: async () => 'bench-token' },
    getXeroAccessToken: async () => ({ accessToken: 'bench-token', tenantId: 'bench-tenant' }),
  });
  const url = await relay.start();
  try {
    options.log(`${deliveries} deliveries at concurrency ${CONCURRENCY} to ${url}`);
    const result = await runClient({
      url: `${url}${DATAVERSE_WEBHOOK_PATH}`,
      headers: { 'content-type': 'application/json', [COMPONENTS.webhookAuthHeader]: SECRET },
      bodyTemplate: webhookBodyTemplate(),
      idPlaceholder: ID_PLACEHOLDER,
      count: deliveries,
      concurrency: CONCURRENCY,
    });
    const counts = await relay.store.countJobsByState();
    const jobsCreated = Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (jobsCreated !== deliveries) {
      options.log(
        `WARNING: ${jobsCreated} jobs for ${deliveries} deliveries (${JSON.stringify(result.statuses)})`,
      );
    }
    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    return {
      deliveries,
      concurrency: CONCURRENCY,
      requestsPerSecond: round1(deliveries / (result.elapsedMs / 1000)),
      p50Ms: round1(percentile(sorted, 0.5)),
      p99Ms: round1(percentile(sorted, 0.99)),
      jobsCreated,
      non200: deliveries - (result.statuses['200'] ?? 0),
      client: 'child process, fetch keep-alive',
    };
  } finally {
    await relay.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
