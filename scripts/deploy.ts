/**
 * `npm run deploy -- --org https://ORG.crm.dynamics.com --relay URL [--check]`: build, import the
 * managed zip (pac when on the PATH, else ImportSolutionAsync), publish, configure. See
 * scripts/deploy/args.ts for every option and docs/operations.md for the steps.
 */
import { parseDeployArgs } from './deploy/args';
import { deploy, formatDeployReport } from './deploy/run';
import { DeployError } from './deploy/solutionZip';

async function main(): Promise<number> {
  const parsed = parseDeployArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.failure);
    return 1;
  }
  const report = await deploy(parsed.value, {
    log: (line) => console.log(line),
    build: async () => {
      const { build } = await import('./build');
      const built = await build();
      if (built.bundles.some((b) => b.bytes > b.limitBytes))
        throw new DeployError('A bundle is over its size limit; run npm run build to see which.');
      console.log(`built ${built.managedZip}`);
      return built.managedZip;
    },
  });
  for (const line of formatDeployReport(report, parsed.value.check)) console.log(line);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof DeployError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
