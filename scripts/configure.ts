/**
 * `npm run configure -- --org URL --relay URL [--saleshub]`: after importing the solution, point
 * the org at the relay (stl_RelayUrl value, webhook URL and secret) and optionally add the
 * Stellarise area to Sales Hub. Idempotent: a second run changes nothing and says so.
 */
import { parseConfigureArgs } from './configure/args';
import { configureOrg, formatReport, targetFor } from './configure/run';

async function main(): Promise<number> {
  const parsed = parseConfigureArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.failure);
    return 1;
  }
  const report = await configureOrg(targetFor(parsed.value), parsed.value);
  for (const line of formatReport(report)) console.log(line);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
