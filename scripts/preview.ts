/**
 * `npm run preview -- path/to/snapshot.json`: map an invoice snapshot and print, as JSON on
 * stdout, exactly what the relay would send and what the pre-flight check found. The body goes
 * through xero-node's own serializer, as in the relay.
 * Exit codes: 0 nothing blocks, 2 blocked by an error finding, 1 the file is not a valid snapshot
 * (or cannot be read), with a message naming the JSON path on stderr.
 */
import { readFileSync } from 'node:fs';
import { xeroNodeSerializer } from '../plugins-proxy/src/adapters/xero/wire';
import { mapInvoice, parseSnapshot, type MappingResult } from '../plugins-proxy/src/domain';

export function previewOutput(result: MappingResult) {
  const { endpoint, document, contact, items, totals, findings, blocked } = result;
  return { endpoint, document, contact, items, totals, findings, blocked };
}

function main(argv: string[]): number {
  const file = argv[0];
  if (!file) {
    process.stderr.write('usage: npm run preview -- path/to/snapshot.json\n');
    return 1;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`${file}: cannot read JSON: ${(error as Error).message}\n`);
    return 1;
  }
  const parsed = parseSnapshot(json);
  if (!parsed.ok) {
    process.stderr.write(`${file}: not a valid invoice snapshot at ${parsed.failure.message}\n`);
    return 1;
  }
  const result = mapInvoice(parsed.value, xeroNodeSerializer);
  process.stdout.write(`${JSON.stringify(previewOutput(result), null, 2)}\n`);
  return result.blocked ? 2 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
