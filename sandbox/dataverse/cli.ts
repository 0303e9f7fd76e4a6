import path from 'node:path';
import { startDataverseEmulator } from './index';

/**
 * `npm run sandbox:dataverse -- [--port N] [--data DIR | --memory] [--import ZIP ...]`
 * Starts the emulator on 127.0.0.1, prints its URL and token endpoint, stops on Ctrl-C.
 */
function parseArgs(argv: string[]): { port: number; dataDir: string | null; zips: string[] } {
  const repoRoot = path.resolve(__dirname, '../..');
  const result = {
    port: 0,
    dataDir: path.join(repoRoot, '.sandbox', 'dataverse') as string | null,
    zips: [] as string[],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') result.port = Number(argv[++i]);
    else if (arg === '--data') result.dataDir = path.resolve(argv[++i]);
    else if (arg === '--memory') result.dataDir = null;
    else if (arg === '--import') {
      while (argv[i + 1] && !argv[i + 1].startsWith('--')) result.zips.push(path.resolve(argv[++i]));
    } else throw new Error(`Unknown option ${arg}. Use --port N, --data DIR, --memory, --import ZIP...`);
  }
  return result;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const emulator = await startDataverseEmulator({
    port: args.port,
    dataDir: args.dataDir,
    solutionZips: args.zips,
    log: (line) => console.log(line),
  });
  console.log(`Dataverse emulator: ${emulator.url}/api/data/v9.2/`);
  console.log(
    `Token endpoint:     ${emulator.tokenEndpoint} (client_id ${emulator.clientId}, client_secret ${emulator.clientSecret})`,
  );
  console.log(`User token:         POST ${emulator.url}/_admin/user-token`);
  console.log(`Data:               ${args.dataDir ?? 'in memory'}`);
  const stop = () => {
    void emulator.stop().then(() => {
      console.log('Dataverse emulator stopped.');
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
