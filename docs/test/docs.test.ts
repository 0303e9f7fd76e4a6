/**
 * The embedded documentation: the pages build, link to each other correctly, cover the topics
 * the product promises, list every message of the code's catalogues, and carry nothing a
 * Dynamics web resource must not (scripts, external resources). One screenshot in Chromium.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MESSAGES } from '../../plugins-proxy/src/domain/findings';
import { needsAttentionMessage, type NeedsAttentionReason } from '../../plugins-proxy/src/oauth/errors';
import {
  ATTENTION_CAUSES,
  buildDocs,
  type BuiltDoc,
  DOCS_DIR,
  DOCS_PREFIX,
  docsWebResources,
  renderDocs,
  type RenderedPage,
  slugOf,
} from '../../scripts/build-docs';
import { COMPONENTS } from '../../solution/names';

const REPO_ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';

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

let outDir: string;
let built: BuiltDoc[];
let pages: RenderedPage[];
const byName = (name: string) => {
  const page = pages.find((p) => p.name === name);
  if (!page) throw new Error(`no page ${name}`);
  return page;
};

/** The page's own content: the article, without the list of all pages that every page carries. */
function articleOf(html: string): string {
  const match = /<article>([\s\S]*)<\/article>/.exec(html);
  if (!match) throw new Error('page without <article>');
  return match[1];
}

/** The page as text a reader sees: tags dropped, the entities marked and we emit decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributeValues(html: string, attribute: 'href' | 'src'): string[] {
  return [...html.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]);
}

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'stl-docs-'));
  built = await buildDocs({ outDir });
  pages = renderDocs();
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the documentation pages', () => {
  it('cover every topic the product promises', () => {
    const names = pages.map((p) => p.name);
    expect(REQUIRED_PAGES.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('link in Markdown only to pages that exist', () => {
    const pageNames = new Set(pages.map((p) => p.name));
    const broken: string[] = [];
    const files = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md'));
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
      const html = articleOf(byName(queue.shift() as string).html);
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
    const syncing = byName('syncing').html;
    expect(syncing).toContain('<nav class="on-this-page"');
    expect(syncing).toContain('<a href="#the-pre-flight-check">The pre-flight check</a>');
  });

  it('rewrite links between pages from .md to .html', () => {
    expect(articleOf(byName('index').html)).toContain('href="getting-started.html"');
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

describe('the troubleshooting page', () => {
  it('lists every code of the pre-flight finding catalogue with its fix', () => {
    const html = byName('troubleshooting').html;
    const missing = Object.entries(MESSAGES)
      .filter(([code]) => !html.includes(`<h3 id="${slugOf(code)}"><code>${code}</code></h3>`))
      .map(([code]) => code);
    expect(missing).toEqual([]);
    const fixes = Object.values(MESSAGES)
      .map((entry) => entry.fix)
      .filter((fix) => !fix.includes('{'));
    for (const fix of fixes) expect(textOf(html)).toContain(fix);
  });

  it('lists every connection message the relay writes when a connection needs attention', () => {
    const html = byName('troubleshooting').html;
    for (const reason of Object.keys(ATTENTION_CAUSES) as NeedsAttentionReason[]) {
      const message = needsAttentionMessage('‹connection›', reason);
      expect(textOf(html)).toContain(message);
    }
  });

  it('starts with the hand-written introduction', () => {
    const intro = readFileSync(path.join(DOCS_DIR, 'troubleshooting.intro.md'), 'utf8');
    expect(byName('troubleshooting').title).toBe(/^# (.+)$/m.exec(intro)?.[1]);
    expect(byName('troubleshooting').html).toContain('id="messages-from-xero"');
  });
});

/**
 * Messages the pages quote by hand, because the code keeps them inline rather than in a
 * catalogue: each must still be what the code says, word for word.
 */
const QUOTED_BY_HAND: readonly { page: string; quote: string; source: string }[] = [
  {
    page: 'troubleshooting.intro.md',
    quote: 'has no customer: set Customer and sync again.',
    source: 'plugins-proxy/src/adapters/dataverse/snapshotReader.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'names no Xero connection and there is no default connection: set Connection on',
    source: 'plugins-proxy/src/adapters/dataverse/snapshotReader.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'was not found in Dynamics 365.',
    source: 'plugins-proxy/src/adapters/dataverse/snapshotReader.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'The relay hit an unexpected error; it will try again.',
    source: 'plugins-proxy/src/sync/workerLoop.ts',
  },
  {
    page: 'troubleshooting.intro.md',
    quote: 'Disconnected in Dynamics; Xero clean-up was',
    source: 'plugins-proxy/src/oauth/disconnect.ts',
  },
  ...['This link cannot be used'].map((quote) => ({
    page: 'troubleshooting.intro.md',
    quote,
    source: 'plugins-proxy/src/oauth/nonceGate.ts',
  })),
  ...[
    'Sign-in not accepted',
    'Xero did not connect',
    'No organisation authorised',
    'Choice expired',
    'Organisation already connected',
  ].map((quote) => ({
    page: 'troubleshooting.intro.md',
    quote,
    source: 'plugins-proxy/src/oauth/connectFlow.ts',
  })),
  {
    page: 'syncing.md',
    quote: 'Queued for Xero. The Xero tab shows',
    source: 'webresources/scripts/invoiceRibbon.ts',
  },
  {
    page: 'syncing.md',
    quote: 'Could not queue the invoice for Xero: ',
    source: 'webresources/scripts/invoiceRibbon.ts',
  },
  { page: 'connecting-to-xero.md', quote: 'Connected to', source: 'plugins-proxy/src/oauth/pages.ts' },
];

describe('messages the pages quote by hand', () => {
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  it.each(QUOTED_BY_HAND)('"$quote" is still what $source says', ({ page, quote, source }) => {
    expect(flat(readFileSync(path.join(REPO_ROOT, source), 'utf8'))).toContain(quote);
    if (page !== 'oauth')
      expect(flat(readFileSync(path.join(DOCS_DIR, page), 'utf8'))).toContain(quote.trim());
  });
});

describe('the docs build', () => {
  function docsDirWith(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'stl-docs-src-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const intro = '# Troubleshooting\n\nIntro.\n';

  it('writes every page and the style sheet under its web resource name', () => {
    expect(built.map((b) => b.name)).toEqual([
      ...pages.map((p) => `${DOCS_PREFIX}${p.name}.html`),
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

const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent && process.env.CI !== 'true') {
  console.warn(
    `SKIPPED: the docs screenshot needs Debian's chromium at ${CHROMIUM} (it is required when CI=true).`,
  );
}
const inChromium = chromiumPresent || process.env.CI === 'true' ? it : it.skip;

describe('the index page in Chromium', () => {
  inChromium(
    'renders with the style sheet, the page list and no request leaving the machine',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`file://${path.join(outDir, 'index.html')}`);
        const resultsDir = path.join(REPO_ROOT, 'test-results');
        mkdirSync(resultsDir, { recursive: true });
        await page.screenshot({ path: path.join(resultsDir, 'docs-index.png') });
        expect(await page.title()).toBe('Stellarise Connector documentation · Stellarise documentation');
        const header = await page
          .locator('header.top')
          .evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(header).toBe('rgb(15, 108, 189)');
        await expect(page.locator('nav.pages a[aria-current="page"]').textContent()).resolves.toBe(
          'Overview',
        );
        expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
