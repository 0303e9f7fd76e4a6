/**
 * `npm run sandbox -- <command>` against the running `npm start`:
 *   list                      the demo invoices: number, document type, sync status, Xero number
 *   sync <invoice number>     queue a sync as the ribbon does and follow it (exit 0 Synced, 2 failed)
 *   sync --all                queue every unsynced invoice as one bulk run
 *   pay <invoice number> [amount]   record a payment in Xero and wait for Dynamics to show it
 * Exit 1 when the sandbox is not running or the invoice number is unknown.
 */
import { CliError, connectToSandbox } from './cli/connect';
import { listCommand } from './cli/list';
import { payCommand } from './cli/pay';
import { syncAllCommand, syncCommand } from './cli/sync';

const USAGE = [
  'Usage: npm run sandbox -- list',
  '       npm run sandbox -- sync <invoice number> | sync --all',
  '       npm run sandbox -- pay <invoice number> [amount]',
].join('\n');

/** `dataDir`: the sandbox's data folder (default .sandbox/, or SANDBOX_DATA_DIR). */
export async function runCli(
  argv: readonly string[],
  print: (line: string) => void,
  dataDir?: string,
): Promise<number> {
  const [command, ...rest] = argv;
  const connect = () => connectToSandbox(dataDir);
  if (command === 'list' && rest.length === 0) return listCommand(await connect(), print);
  if (command === 'sync' && rest.length === 1) {
    const session = await connect();
    return rest[0] === '--all' ? syncAllCommand(session, print) : syncCommand(session, rest[0], print);
  }
  if (command === 'pay' && (rest.length === 1 || rest.length === 2))
    return payCommand(await connect(), rest[0], rest[1], print);
  print(USAGE);
  return 1;
}

if (require.main === module) {
  runCli(process.argv.slice(2), (line) => console.log(line), process.env.SANDBOX_DATA_DIR || undefined).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(error instanceof CliError ? error.exitCode : 1);
    },
  );
}
