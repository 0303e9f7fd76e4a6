/**
 * The docs build: what it writes and lists for the packer, and how it refuses pages that would
 * be broken or unsafe as Dynamics web resources.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  buildDocs,
  type BuiltDoc,
  DOCS_DIR,
  DOCS_PREFIX,
  ENGINEERING_PAGES,
  docsWebResources,
  renderDocs,
} from '../../scripts/build-docs';
import { COMPONENTS } from '../../solution/names';
import { docsDirWith, renderedPages } from './support';

let outDir: string;
let built: BuiltDoc[];

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'stl-docs-'));
  built = await buildDocs({ outDir });
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the docs build', () => {
  const intro = '# Troubleshooting\n\nIntro.\n';

  it('writes every page and the style sheet under its web resource name', () => {
    expect(built.map((b) => b.name)).toEqual([
      ...renderedPages().map((p) => `${DOCS_PREFIX}${p.name}.html`),
      `${DOCS_PREFIX}docs.css`,
    ]);
    for (const doc of built) {
      expect(existsSync(doc.file)).toBe(true);
      expect(readFileSync(doc.file).byteLength).toBe(doc.bytes);
    }
  });

  it('names the index page as the solution model does', () => {
    expect(built[0].name).toBe(COMPONENTS.docsPage);
  });

  it('lists for the packer every built web resource, with its type and its file in dist', () => {
    const resources = docsWebResources();
    expect(resources.map((r) => r.name)).toEqual(built.map((b) => b.name));
    for (const r of resources) {
      expect(r.file).toBe(`dist/webresources/${r.name}`);
      expect(r.type).toBe(r.name.endsWith('.css') ? 'css' : 'html');
      expect(r.displayName.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(0);
    }
  });

  it('fails, naming the page, when a page links to a page that does not exist', () => {
    const dir = docsDirWith({
      'index.md': '# Home\n\nSee [nowhere](nowhere.md).\n',
      'troubleshooting.intro.md': intro,
    });
    expect(() => renderDocs(dir)).toThrow('docs/index.md links to a missing page nowhere.md');
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a file of the repository instead of linking to it, since Dynamics does not have it', () => {
    const dir = docsDirWith({
      'index.md': '# Home\n\nSee [the bill](examples/bill.json).\n',
      'troubleshooting.intro.md': intro,
    });
    const home = renderDocs(dir)[0].html;
    expect(home).toContain(
      '<span class="repo-file" title="examples/bill.json in the repository">the bill</span>',
    );
    expect(home).not.toContain('href="examples/bill.json"');
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails when a page links with another scheme than https', () => {
    const dir = docsDirWith({
      'index.md': '# Home\n\n[site](http://example.com)\n',
      'troubleshooting.intro.md': intro,
    });
    expect(() => renderDocs(dir)).toThrow('docs/index.md: link http://example.com must be');
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails when a page carries a script', () => {
    const dir = docsDirWith({
      'index.md': '# Home\n\n<script>alert(1)</script>\n',
      'troubleshooting.intro.md': intro,
    });
    expect(() => renderDocs(dir)).toThrow(/must not carry/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the engineering pages out of Dynamics, though they sit in docs/', () => {
    const present = readdirSync(DOCS_DIR).filter((f) => ENGINEERING_PAGES.has(f));
    expect(present.sort()).toEqual([
      'architecture.md',
      'domain-rules.md',
      'operations.md',
      'performance.md',
      'solution-package.md',
      'xero-behaviour.md',
    ]);
    const names = new Set(built.map((b) => b.name));
    for (const file of present) {
      expect(names.has(`${DOCS_PREFIX}${file.replace(/\.md$/, '')}.html`)).toBe(false);
    }
  });

  it('fails when a user page links to an engineering page, which Dynamics does not have', () => {
    const dir = docsDirWith({
      'index.md': '# Home\n\nSee [how it is built](architecture.md).\n',
      'architecture.md': '# Architecture\n',
      'troubleshooting.intro.md': intro,
    });
    expect(() => renderDocs(dir)).toThrow('docs/index.md links to a missing page architecture.md');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a hand-written troubleshooting.md, which would hide the generated one', () => {
    const dir = docsDirWith({
      'index.md': '# Home\n',
      'troubleshooting.md': '# Troubleshooting\n',
      'troubleshooting.intro.md': intro,
    });
    expect(() => renderDocs(dir)).toThrow(/generated/);
    rmSync(dir, { recursive: true, force: true });
  });
});
