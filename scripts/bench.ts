/**
 * `npm run bench [-- scenario ...]`: runs the registered benchmark scenarios (all by default) and
 * prints one JSON object on stdout, `{"<scenario>": {...}}`; progress goes to stderr. Later work
 * adds scenarios to SCENARIOS; each is an async function returning plain JSON.
 */
import { benchMapping } from './bench/mapping';

export const SCENARIOS: Record<string, () => Promise<unknown>> = {
  mapping: benchMapping,
};

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length) {
    process.stderr.write(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`,
    );
    return 1;
  }
  const results: Record<string, unknown> = {};
  for (const name of names.length ? names : Object.keys(SCENARIOS)) {
    process.stderr.write(`bench: ${name}…\n`);
    const started = Date.now();
    results[name] = await SCENARIOS[name]();
    process.stderr.write(`bench: ${name} done in ${Date.now() - started} ms\n`);
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
