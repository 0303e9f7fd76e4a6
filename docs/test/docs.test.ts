/**
 * The embedded documentation pages: they cover the topics the product promises, link to each
 * other correctly, are all reachable from the index, and carry nothing a Dynamics web resource
 * must not (scripts, external resources).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RenderedPage } from '../../scripts/build-docs';
import { DOCS_DIR, ENGINEERING_PAGES } from '../../scripts/build-docs';
import { articleOf, attributeValues, pageNamed, renderedPages } from './support';

/** The topics issue 7 lists for the embedded documentation. */
const REQUIRED_PAGES = [
  'index',
  'getting-started',
  'installing',
  'connecting-to-xero',
  'defaults',
  'gl-codes-and-tax-rates',
  'syncing',
  'write-ins-and-bundles',
  'invoice-numbers',
  'emailing',
  'payments',
  'bulk-sync',
  'sync-history',
  'troubleshooting',
  'upgrading',
  'sales-hub',
];

/** External links may only go to Xero's and Microsoft's documentation. */
const ALLOWED_EXTERNAL =
  /^https:\/\/([\w-]+\.)*(xero\.com|microsoft\.com|powerapps\.com|dynamics\.com|office\.com)(\/|$)/;

let pages: RenderedPage[];

beforeAll(() => {
  pages = renderedPages();
});

describe('the documentation pages', () => {
  it('cover every topic the product promises', () => {
    const names = pages.map((p) => p.name);
    expect(REQUIRED_PAGES.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('link in Markdown only to pages that exist', () => {
    const pageNames = new Set(pages.map((p) => p.name));
    const broken: string[] = [];
    // The engineering pages are read in the repository; repoLinks.test.ts checks their links.
    const files = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md') && !ENGINEERING_PAGES.has(f));
    for (const file of files) {
      const markdown = readFileSync(path.join(DOCS_DIR, file), 'utf8');
      for (const [, target] of markdown.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)) {
        if (!pageNames.has(target.replace(/\.md$/, ''))) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('link in HTML to pages and headings that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const href of attributeValues(page.html, 'href')) {
        const local = /^([\w.-]+)\.html(?:#(.+))?$/.exec(href) ?? /^()#(.+)$/.exec(href);
        if (!local) continue;
        const target = local[1] ? pages.find((p) => p.name === local[1]) : page;
        if (!target) broken.push(`${page.name}: ${href} (no such page)`);
        else if (local[2] && !target.html.includes(`id="${local[2]}"`))
          broken.push(`${page.name}: ${href} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('are all reachable from the index through the pages themselves', () => {
    const reached = new Set(['index']);
    const queue = ['index'];
    while (queue.length) {
      const html = articleOf(pageNamed(queue.shift() as string).html);
      for (const href of attributeValues(html, 'href')) {
        const target = /^([\w.-]+)\.html/.exec(href)?.[1];
        if (target && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    expect(pages.map((p) => p.name).filter((name) => !reached.has(name))).toEqual([]);
  });

  it('each carry the list of all pages, marking the current one', () => {
    for (const page of pages) {
      const nav = /<nav class="pages"[\s\S]*?<\/nav>/.exec(page.html)?.[0] ?? '';
      expect(attributeValues(nav, 'href')).toEqual(pages.map((p) => `${p.name}.html`));
      expect(nav).toContain(`href="${page.name}.html" aria-current="page"`);
    }
  });

  it('give a longer page an "On this page" list of its sections', () => {
    const syncing = pageNamed('syncing').html;
    expect(syncing).toContain('<nav class="on-this-page"');
    expect(syncing).toContain('<a href="#the-pre-flight-check">The pre-flight check</a>');
  });

  it('rewrite links between pages from .md to .html', () => {
    expect(articleOf(pageNamed('index').html)).toContain('href="getting-started.html"');
    expect(pages.some((p) => /href="[^"]*\.md[#"]/.test(p.html))).toBe(false);
  });

  it('load nothing from outside: every href and src is local or https to Xero or Microsoft', () => {
    const external = pages.flatMap((page) =>
      [...attributeValues(page.html, 'href'), ...attributeValues(page.html, 'src')]
        .filter((url) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url))
        .filter((url) => !ALLOWED_EXTERNAL.test(url))
        .map((url) => `${page.name}: ${url}`),
    );
    expect(external).toEqual([]);
  });

  it('carry no script, inline event handler or javascript: URL', () => {
    for (const page of pages) {
      expect(page.html).not.toMatch(/<script/i);
      expect(page.html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(page.html).not.toMatch(/javascript:/i);
    }
  });

  it('do not show the review markers of designed-but-unbuilt behaviour', () => {
    expect(pages.filter((p) => p.html.includes('<!--')).map((p) => p.name)).toEqual([]);
  });
});
