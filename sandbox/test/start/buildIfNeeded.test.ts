import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReason } from '../../start/buildIfNeeded';

let repo: string;
let zip: string;
const at = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'build-reason-'));
  fs.mkdirSync(path.join(repo, 'solution/model'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'pcf/XeroStatus/out'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'dist'));
  zip = path.join(repo, 'dist/solution_managed.zip');
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

it('builds when there is no zip yet', () => {
  expect(buildReason(repo, zip)).toBe('dist/solution_managed.zip does not exist yet');
});

it('builds when a source file is newer than the zip', () => {
  fs.writeFileSync(zip, '');
  fs.writeFileSync(path.join(repo, 'solution/model/tables.ts'), '');
  at(zip, 1000);
  at(path.join(repo, 'solution/model/tables.ts'), 2000);
  expect(buildReason(repo, zip)).toBe('sources changed since the last build');
});

it('does not build when the zip is newer than every source', () => {
  fs.writeFileSync(path.join(repo, 'solution/model/tables.ts'), '');
  fs.writeFileSync(zip, '');
  at(path.join(repo, 'solution/model/tables.ts'), 1000);
  at(zip, 2000);
  expect(buildReason(repo, zip)).toBeNull();
});

it('ignores build output folders such as pcf/*/out', () => {
  fs.writeFileSync(zip, '');
  fs.writeFileSync(path.join(repo, 'pcf/XeroStatus/out/bundle.js'), '');
  at(zip, 1000);
  at(path.join(repo, 'pcf/XeroStatus/out/bundle.js'), 2000);
  expect(buildReason(repo, zip)).toBeNull();
});
