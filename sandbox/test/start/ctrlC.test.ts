/**
 * `npm start` as a process: it prints the URLs and the try-a-sync line, and Ctrl-C (SIGINT) stops
 * everything and exits 0, leaving no state file behind.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.join(__dirname, '../../..');
let dataDir: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-ctrlc-'));
});

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startProcess(): Promise<{ output: () => string; exited: Promise<number | null> }> {
  const proc = spawn(path.join(REPO, 'node_modules/.bin/tsx'), ['sandbox/start.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      SANDBOX_DATA_DIR: dataDir,
      SANDBOX_BUILD: 'if-missing',
      SANDBOX_DATAVERSE_PORT: '0',
      SANDBOX_XERO_PORT: '0',
      SANDBOX_RELAY_PORT: '0',
      SANDBOX_SHELL_PORT: '0',
    },
  });
  child = proc;
  let output = '';
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve({ output: () => output, exited });
    });
    void exited.then((code) =>
      reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

it('prints the URLs and a sync line, then stops cleanly with exit 0 on Ctrl-C', async () => {
  const running = await startProcess();
  expect(running.output()).toMatch(/Relay {15}http:\/\/127\.0\.0\.1:\d+/);
  expect(running.output()).toMatch(/npm run sandbox -- sync INV-\d{5}-\w{6}/);
  expect(fs.existsSync(path.join(dataDir, 'state.json'))).toBe(true);
  child?.kill('SIGINT');
  expect(await running.exited).toBe(0);
  expect(running.output()).toContain('Sandbox stopped.');
  expect(fs.existsSync(path.join(dataDir, 'state.json'))).toBe(false);
}, 180_000);
