/** Runs `npm run sandbox -- …` (sandbox/cli.ts through tsx) as a child process against a data folder. */
import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO = path.join(__dirname, '../../..');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runSandboxCli(dataDir: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['sandbox/cli.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, SANDBOX_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
