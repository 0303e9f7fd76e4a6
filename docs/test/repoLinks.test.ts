/**
 * The pages read in the repository rather than in Dynamics (README.md, the folders' READMEs and
 * the engineering pages of docs/): their relative links and anchors resolve, and they name no
 * path of the machine they were written on.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DOCS_DIR, ENGINEERING_PAGES, slugOf } from '../../scripts/build-docs';
import { REPO_ROOT } from './support';

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', '.git', '.sandbox']);

function readmesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : readmesUnder(full);
    return entry.name === 'README.md' ? [full] : [];
  });
}

const PAGES = [
  ...readmesUnder(REPO_ROOT),
  ...[...ENGINEERING_PAGES].map((file) => path.join(DOCS_DIR, file)),
];

const relative = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join('/');

/** The Markdown without fenced code blocks, whose brackets are code, not links. */
function prose(file: string): string {
  return readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
}

function anchorsOf(file: string): Set<string> {
  const headings = prose(file).match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((h) => slugOf(h.replace(/^#+ /, '').replace(/`/g, ''))));
}

describe('the pages read in the repository', () => {
  it('include the README, the sandbox references and the engineering pages', () => {
    const names = PAGES.map(relative);
    expect(names).toEqual(
      expect.arrayContaining([
        'README.md',
        'sandbox/README.md',
        'sandbox/dataverse/README.md',
        'sandbox/xero/README.md',
        'docs/architecture.md',
        'docs/domain-rules.md',
        'docs/operations.md',
      ]),
    );
  });

  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const [, href] of prose(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
        const [target, anchor] = href.split('#');
        const file = target ? path.resolve(path.dirname(page), target) : page;
        if (!existsSync(file)) broken.push(`${relative(page)} → ${href} (no such file)`);
        else if (anchor && statSync(file).isFile() && file.endsWith('.md') && !anchorsOf(file).has(anchor))
          broken.push(`${relative(page)} → ${href} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('name no absolute path of a machine', () => {
    const found = PAGES.flatMap((page) =>
      [...readFileSync(page, 'utf8').matchAll(/(?<![\w.])\/(?:work|root|home|tmp|Users)\/[\w.-]+/g)].map(
        (m) => `${relative(page)}: ${m[0]}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
