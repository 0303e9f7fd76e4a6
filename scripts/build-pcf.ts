/**
 * Builds every PCF control under pcf/ with Microsoft's pcf-scripts (production mode), offline.
 * The packer copies each returned `dir` into the solution zip as Controls/<control>/.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import * as path from 'node:path';
import { PUBLISHER } from '../solution/names';

export interface BuiltControl {
  /** The solution name of the control, `<prefix>_<namespace>.<constructor>`. */
  readonly control: string;
  /** The folder holding ControlManifest.xml, bundle.js and the strings. */
  readonly dir: string;
  readonly bundleBytes: number;
}

export const PCF_PROJECT_DIR = path.resolve(__dirname, '..', 'pcf');
const OUT_DIR = path.join(PCF_PROJECT_DIR, 'out', 'controls');
const PCF_SCRIPTS_BIN = path.resolve(__dirname, '..', 'node_modules', 'pcf-scripts', 'bin', 'pcf-scripts.js');

const WAIT_LIMIT_MS = 10 * 60 * 1000;
const POLL_MS = 250;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creating the lock file with 'wx' is atomic, so the one process that creates it owns it. */
function tryAcquire(lockFile: string): boolean {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number.parseInt(readFileOrEmpty(lockFile), 10);
    // A lock whose owner has died (a killed build) would otherwise block every later build.
    if (Number.isInteger(owner) && !isRunning(owner)) rmSync(lockFile, { force: true });
    return false;
  }
}

function readFileOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function withBuildLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  // The owner is another process: only the file on disk tells us when it is done.
  while (!tryAcquire(lockFile)) {
    if (Date.now() - started > WAIT_LIMIT_MS)
      throw new Error(`Timed out waiting for the build lock ${lockFile}`);
    await delay(POLL_MS);
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

// pcf-scripts colours its own messages whatever FORCE_COLOR says.
const ANSI_ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The lines that say what went wrong, so the message leads with them rather than webpack's stats. */
function failureSummary(output: string): string {
  const lines = output.split('\n').filter((line) => /error|failed|TS\d{4}/i.test(line));
  return lines.length > 0 ? lines.join('\n') : output;
}

function runPcfScripts(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [PCF_SCRIPTS_BIN, 'build', '--buildMode', 'production'],
      {
        cwd: PCF_PROJECT_DIR,
        // Telemetry off: the build must never talk to Microsoft endpoints.
        env: {
          ...process.env,
          PP_TOOLS_TELEMETRY_OPTOUT: 'true',
          npm_config_offline: 'true',
          FORCE_COLOR: '0',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const output = `${stdout}\n${stderr}`.replace(ANSI_ESCAPES, '').trim();
        // pcf-scripts prints "[build] Failed" yet exits 0 when compiling fails, so check both.
        if (error || /\[build\] Failed/.test(output)) {
          const exit = error ? ` (exit ${error.code})` : '';
          reject(
            new Error(
              `pcf-scripts build failed in ${PCF_PROJECT_DIR}${exit}:\n${failureSummary(output)}\n\nFull output:\n${output}`,
            ),
          );
          return;
        }
        resolve();
      },
    );
  });
}

function readControlIdentity(manifestXml: string, file: string): { namespace: string; constructor: string } {
  const control = /<control\b[^>]*>/.exec(manifestXml)?.[0];
  const namespace = control && /\snamespace="([^"]+)"/.exec(control)?.[1];
  const ctor = control && /\sconstructor="([^"]+)"/.exec(control)?.[1];
  if (!namespace || !ctor) throw new Error(`${file}: the <control> element has no namespace or constructor`);
  return { namespace, constructor: ctor };
}

function collectBuiltControls(): BuiltControl[] {
  if (!existsSync(OUT_DIR)) throw new Error(`pcf-scripts wrote no output folder ${OUT_DIR}`);
  return readdirSync(OUT_DIR)
    .filter((name) => statSync(path.join(OUT_DIR, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(OUT_DIR, name);
      const manifestFile = path.join(dir, 'ControlManifest.xml');
      const bundleFile = path.join(dir, 'bundle.js');
      for (const file of [manifestFile, bundleFile]) {
        if (!existsSync(file)) throw new Error(`PCF control ${name}: the build did not write ${file}`);
      }
      const identity = readControlIdentity(readFileSync(manifestFile, 'utf8'), manifestFile);
      return {
        control: `${PUBLISHER.prefix}_${identity.namespace}.${identity.constructor}`,
        dir,
        bundleBytes: statSync(bundleFile).size,
      };
    });
}

/** Runs `pcf-scripts build --buildMode production` in pcf/ and lists the controls it built. */
export function buildPcf(): Promise<BuiltControl[]> {
  // pcf-scripts empties out/ and rewrites generated/ in the source tree, so two builds (say the
  // packer's and a test's, in separate Jest workers) must not overlap.
  return withBuildLock(path.join(PCF_PROJECT_DIR, '.build.lock'), async () => {
    await runPcfScripts();
    return collectBuiltControls();
  });
}

if (require.main === module) {
  buildPcf().then(
    (built) => console.log(JSON.stringify(built, null, 2)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
