/**
 * `npx tsx scripts/compare-dataverse-clients.ts [--rows N]`: the two maintained Dataverse clients
 * (dynamics-web-api, xrm-webapi-client over an XMLHttpRequest shim) against the emulator, in Node.
 * Prints one JSON object: timings of the calls the relay makes and what each library tells a caller
 * about a 429. The choice and its reasons are in docs/architecture.md "The Dataverse client".
 */
import { performance } from 'node:perf_hooks';
import { DynamicsWebApi } from 'dynamics-web-api';
import { startDataverseEmulator, type DataverseEmulator } from '../sandbox/dataverse';

interface Measured {
  createMs: number;
  retrievePerCallMs: number;
  pagedQueryMs: number;
  pagedRows: number;
  batchOfChangesetsMs: number;
  batchRequests: number;
  throttled: string;
}

const rows = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 300;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [Math.round((performance.now() - started) * 10) / 10, value];
}

async function withDynamicsWebApi(emulator: DataverseEmulator): Promise<Measured> {
  const token = emulator.admin.appToken();
  const api = new DynamicsWebApi({
    serverUrl: emulator.url,
    dataApi: { version: '9.2' },
    onTokenRefresh: async () => token,
    propagateErrors: true,
  });
  const [createMs, ids] = await timed(async () => {
    const out: string[] = [];
    for (let i = 0; i < rows; i++)
      out.push(await api.create({ collection: 'accounts', data: { name: `D${i}` } }));
    return out;
  });
  const [retrieveMs] = await timed(async () => {
    for (const key of ids) await api.retrieve({ collection: 'accounts', key, select: ['name'] });
  });
  const [pagedQueryMs, paged] = await timed(() =>
    api.retrieveAll({
      collection: 'accounts',
      select: ['name'],
      filter: "startswith(name,'D')",
      maxPageSize: 50,
    }),
  );
  // One changeset per row needs one $batch per changeset: the library joins neighbouring ones.
  const [batchMs] = await timed(async () => {
    for (const key of ids.slice(0, 50)) {
      api.startBatch();
      void api.update({ collection: 'accounts', key, data: { description: 'x' } });
      await api.executeBatch({ continueOnError: true });
    }
  });
  emulator.admin.addFault({ status: 429, count: 1, retryAfterSeconds: 7 });
  const throttled = await api.retrieve({ collection: 'accounts', key: ids[0] }).catch((e: unknown) => {
    const error = e as { status?: number; headers?: Record<string, string> };
    return `status ${error.status}, Retry-After ${error.headers?.['retry-after']}`;
  });
  return {
    createMs,
    retrievePerCallMs: Math.round((retrieveMs / ids.length) * 100) / 100,
    pagedQueryMs,
    pagedRows: paged.value.length,
    batchOfChangesetsMs: batchMs,
    batchRequests: 50,
    throttled: String(throttled),
  };
}

/** xrm-webapi-client is a browser singleton: a global URL and token, XMLHttpRequest, `window`. */
async function withXrmWebApiClient(emulator: DataverseEmulator): Promise<Measured> {
  const globals = globalThis as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  globals.XMLHttpRequest = require('xhr2') as unknown;
  globals.window = globalThis;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = require('xrm-webapi-client') as typeof import('xrm-webapi-client');
  client.ClientUrl = `${emulator.url}/api/data/v9.2/`;
  const headers = [{ key: 'Authorization', value: `Bearer ${emulator.admin.appToken()}` }];
  const idOf = (url: string) => /\(([0-9a-f-]{36})\)$/.exec(url)?.[1] ?? '';
  const [createMs, ids] = await timed(async () => {
    const out: string[] = [];
    for (let i = 0; i < rows; i++) {
      out.push(
        idOf(String(await client.Create({ entityName: 'account', entity: { name: `X${i}` }, headers }))),
      );
    }
    return out;
  });
  const [retrieveMs] = await timed(async () => {
    for (const entityId of ids)
      await client.Retrieve({ entityName: 'account', entityId, queryParams: '?$select=name', headers });
  });
  const paging = [...headers, { key: 'Prefer', value: 'odata.maxpagesize=50' }];
  const [pagedQueryMs, paged] = await timed(
    async () =>
      (await client.Retrieve({
        entityName: 'account',
        queryParams: "?$select=name&$filter=startswith(name,'X')",
        returnAllPages: true,
        headers: paging,
      })) as { value: unknown[] },
  );
  const changeSets = ids.slice(0, 50).map(
    (entityId) =>
      new client.ChangeSet({
        requests: [
          client.Update({ entityName: 'account', entityId, entity: { description: 'x' }, asBatch: true }),
        ],
      }),
  );
  const continueOnError = [...headers, { key: 'Prefer', value: 'odata.continue-on-error' }];
  const [batchMs] = await timed(async () =>
    client.SendBatch(new client.Batch({ changeSets, headers: continueOnError })),
  );
  emulator.admin.addFault({ status: 429, count: 1, retryAfterSeconds: 7 });
  const throttled = await client
    .Retrieve({ entityName: 'account', entityId: ids[0], headers })
    .catch((e: unknown) => `Error "${(e as Error).message}", no status or Retry-After`);
  return {
    createMs,
    retrievePerCallMs: Math.round((retrieveMs / ids.length) * 100) / 100,
    pagedQueryMs,
    pagedRows: paged.value.length,
    batchOfChangesetsMs: batchMs,
    batchRequests: 1,
    throttled: String(throttled),
  };
}

async function main(): Promise<void> {
  const results: Record<string, Measured> = {};
  for (const [name, run] of Object.entries({
    'dynamics-web-api': withDynamicsWebApi,
    'xrm-webapi-client': withXrmWebApiClient,
  })) {
    const emulator = await startDataverseEmulator({ dataDir: null });
    try {
      results[name] = await run(emulator);
    } finally {
      await emulator.stop();
    }
  }
  process.stdout.write(`${JSON.stringify({ rows, results }, null, 2)}\n`);
}

void main();
