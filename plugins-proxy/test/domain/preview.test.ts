import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mapInvoice, parseSnapshot } from '../../src/domain';
import { exampleFiles, EXAMPLES_DIR } from './corpus';

const ROOT = path.join(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PREVIEW = path.join(ROOT, 'scripts/preview.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function preview(file: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, [PREVIEW, file], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The outcomes table in docs/sync-rules.md: | `file.json` | exit | findings | … | */
function documentedOutcomes(): Map<string, { exit: number; codes: string[] }> {
  const doc = readFileSync(path.join(ROOT, 'docs/sync-rules.md'), 'utf8');
  const rows = new Map<string, { exit: number; codes: string[] }>();
  for (const match of doc.matchAll(/^\| `([\w-]+\.json)` \| (\d) \| ([^|]+) \|/gm)) {
    const codes = match[3].trim() === 'none' ? [] : [...match[3].matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]);
    rows.set(match[1], { exit: Number(match[2]), codes });
  }
  return rows;
}

const outcomes = documentedOutcomes();

describe('npm run preview on the shipped examples', () => {
  it('documents every example and only existing ones', () => {
    expect([...outcomes.keys()].sort()).toEqual(exampleFiles());
  });

  it.each([...outcomes.entries()])(
    'gives %s the exit code and findings the docs describe',
    async (file, expected) => {
      const run = await preview(path.join(EXAMPLES_DIR, file));
      expect(run.code).toBe(expected.exit);
      const printed = JSON.parse(run.stdout);
      expect(Object.keys(printed)).toEqual([
        'endpoint',
        'document',
        'contact',
        'items',
        'totals',
        'findings',
        'blocked',
      ]);
      expect(Object.keys(printed.totals)).toEqual(['dynamics', 'xero', 'difference']);
      expect(printed.findings.map((f: { code: string }) => f.code)).toEqual(expected.codes);
      expect(printed.blocked).toBe(expected.exit === 2);
    },
  );
});

describe('npm run preview on a file that is not a snapshot', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'preview-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with a message naming the JSON path', async () => {
    const example = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, 'sales-invoice.json'), 'utf8'));
    example.invoice.invoice_details[0].quantity = 'two';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(example));
    const run = await preview(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invoice.invoice_details[0].quantity');
    expect(run.stdout).toBe('');
  });
});

describe('the example in docs/snapshot.md', () => {
  it('parses and maps as the page says', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/snapshot.md'), 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const parsed = parseSnapshot(JSON.parse(json));
    expect(parsed.ok).toBe(true);
    const result = parsed.ok ? mapInvoice(parsed.value) : undefined;
    expect(result?.endpoint).toEqual({ method: 'PUT', path: '/Invoices' });
    expect(result?.contact.kind).toBe('create');
    expect(result?.totals.xero.total).toBe(11);
    expect(result?.totals.difference).toBe(0);
    expect(result?.blocked).toBe(false);
  });
});

describe('what the examples table says beyond exit codes', () => {
  const load = (file: string) => {
    const parsed = parseSnapshot(JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.failure.message);
    return mapInvoice(parsed.value);
  };

  it('emails the manual-number example from Xero after the sync', () => {
    expect(load('manual-number.json').emailAfterSync).toBe(true);
  });

  it('matches the credit note example to the existing Xero contact', () => {
    expect(load('sales-credit-note.json').contact.kind).toBe('use');
  });
});
