/** The managed solution zip the emulator imports, built once when a fresh clone has none. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO = path.join(__dirname, '../../..');
const SOLUTION_ZIP = path.join(REPO, 'dist/StellariseConnector_1_0_0_0_managed.zip');

export function ensureSolutionZip(): string {
  if (!fs.existsSync(SOLUTION_ZIP)) {
    execFileSync('npx', ['tsx', 'scripts/build.ts'], { cwd: REPO, stdio: 'ignore' });
  }
  return SOLUTION_ZIP;
}
