// `npm run sandbox:xero [-- --port 4010 --data .sandbox/xero]`: starts the Xero emulator on
// 127.0.0.1, prints its URL, the consent URL and the demo organisation, and stops on Ctrl-C.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCOPE } from './admin';
import { startXeroEmulator } from './index';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '../..');
  const port = Number(option('port', '4010'));
  const data = option('data', path.join(repoRoot, '.sandbox/xero'));
  const spec = path.resolve(repoRoot, '../shared/xero-openapi/xero_accounting.yaml');
  const emulator = await startXeroEmulator({
    port,
    dataDir: data === ':memory:' ? null : path.resolve(data),
    specPath: fs.existsSync(spec) ? spec : undefined,
    log: { info: (f, m) => console.log(m, f), warn: (f, m) => console.warn(m, f) },
  });
  const consent = new URL('/identity/connect/authorize', emulator.url);
  consent.search = new URLSearchParams({
    response_type: 'code',
    client_id: emulator.clientId,
    redirect_uri: emulator.redirectUris[0],
    scope: DEFAULT_SCOPE,
    state: 'demo',
  }).toString();
  console.log(`Xero emulator: ${emulator.url}`);
  console.log(`Accounting API base path: ${emulator.apiBasePath}`);
  console.log(`Client id / secret: ${emulator.clientId} / ${emulator.clientSecret}`);
  console.log(`Consent page: ${consent.toString()}`);
  for (const tenant of emulator.tenants)
    console.log(`Organisation: ${tenant.name} (tenant ${tenant.tenantId})`);
  console.log(`Data: ${data}. Press Ctrl-C to stop.`);
  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
