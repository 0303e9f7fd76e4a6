/**
 * The sandbox the browser tests drive is `npm start`'s own (startSandbox: both emulators, the
 * imported solution, the seeded demo data, configure, the relay and the demo shell), on OS-chosen
 * ports in a fresh data folder. Tests set up and check rows through the Web API as the demo user.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../start';

export type Row = Record<string, unknown>;

export interface TestApi {
  get(path: string): Promise<Row>;
  list(path: string): Promise<Row[]>;
  create(entitySet: string, body: Row): Promise<string>;
  update(path: string, body: Row): Promise<void>;
}

export interface ShellSandbox {
  urls: RunningSandbox['urls'];
  shellUrl: string;
  api: TestApi;
  xeroTenantId: string;
  stop(): Promise<void>;
}

function webApi(dataverseUrl: string, token: () => Promise<string>): TestApi {
  const call = async (method: string, route: string, body?: Row) => {
    const reply = await fetch(`${dataverseUrl}/api/data/v9.2/${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${await token()}`,
        'Content-Type': 'application/json',
        Prefer: 'odata.include-annotations="*"',
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!reply.ok) throw new Error(`${method} ${route}: HTTP ${reply.status} ${await reply.text()}`);
    return reply;
  };
  return {
    get: async (route) => (await (await call('GET', route)).json()) as Row,
    list: async (route) => ((await (await call('GET', route)).json()) as { value: Row[] }).value,
    create: async (set, body) => {
      const reply = await call('POST', set, body);
      return /\(([0-9a-f-]{36})\)/i.exec(reply.headers.get('OData-EntityId') ?? '')?.[1] ?? '';
    },
    update: async (route, body) => void (await call('PATCH', route, body)),
  };
}

export async function startShellSandbox(): Promise<ShellSandbox> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-sandbox-'));
  const sandbox = await startSandbox({
    dataDir,
    ports: { dataverse: 0, xero: 0, relay: 0, shell: 0 },
    relayLogLevel: 'silent',
    paymentsIntervalMs: 1000,
  });
  if (!sandbox.urls.shell)
    throw new Error(`The sandbox did not start the demo shell: ${sandbox.lines.join(' ')}`);
  let token: string | undefined;
  const userToken = async () => {
    if (!token) {
      const reply = await fetch(`${sandbox.urls.dataverse}/_admin/user-token`, {
        method: 'POST',
        body: '{}',
      });
      token = String(((await reply.json()) as Row).access_token);
    }
    return token;
  };
  return {
    urls: sandbox.urls,
    shellUrl: sandbox.urls.shell,
    api: webApi(sandbox.urls.dataverse, userToken),
    xeroTenantId: sandbox.state.xero.tenantId,
    stop: async () => {
      await sandbox.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
