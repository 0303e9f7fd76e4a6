/**
 * The embedded documentation: docs/*.md → HTML web resources `stl_/docs/<page>.html` plus one
 * style sheet `stl_/docs/docs.css`, written to dist/webresources/stl_/docs/. Every page gets the
 * list of all pages and its own "On this page" list; links between pages are rewritten from
 * `x.md` to `x.html`. No scripts and no external resources, so the pages work inside Dynamics'
 * web resource sandbox. The troubleshooting page is generated from the code's message catalogues
 * (docs/troubleshooting.intro.md plus every finding and connection message), so it cannot drift.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Marked as MarkedClass, Tokens } from 'marked';
import { SOLUTION } from '../solution/names';
import { SOLUTION_VERSION } from '../solution/version';
// The catalogues the troubleshooting page is generated from. Static imports on purpose: a
// catalogue that moves or disappears breaks the docs build (and the typecheck) loudly.
import { MESSAGES, type FindingCode } from '../plugins-proxy/src/domain/findings';
import { needsAttentionMessage, type NeedsAttentionReason } from '../plugins-proxy/src/oauth/errors';

const REPO_ROOT = path.resolve(__dirname, '..');
export const DOCS_DIR = path.join(REPO_ROOT, 'docs');
/** Web resource names start with this; the index page is COMPONENTS.docsPage. */
export const DOCS_PREFIX = 'stl_/docs/';
export const DOCS_OUT_DIR = path.join(REPO_ROOT, 'dist', 'webresources', ...DOCS_PREFIX.split('/'));
export const STYLE_SHEET = 'docs.css';

/**
 * Pages for the engineers who run and develop the product, read in the repository and not
 * embedded in Dynamics: they may link to the user pages, but no user page may link to them.
 */
export const ENGINEERING_PAGES: ReadonlySet<string> = new Set([
  'architecture.md',
  'domain-rules.md',
  'operations.md',
  'performance.md',
  'solution-package.md',
  'xero-behaviour.md',
]);

/** Reading order of the pages; pages not listed follow in alphabetical order. */
export const PAGE_ORDER = [
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
  'sync-rules',
  'snapshot',
] as const;

export const TROUBLESHOOTING_INTRO = 'troubleshooting.intro.md';

export interface DocPage {
  /** File name without `.md`, e.g. `getting-started`. */
  readonly name: string;
  readonly title: string;
  readonly markdown: string;
}

export interface RenderedPage {
  readonly name: string;
  readonly title: string;
  readonly html: string;
}

export interface BuiltDoc {
  /** The web resource name in Dataverse, e.g. `stl_/docs/index.html`. */
  readonly name: string;
  /** Absolute path of the written file. */
  readonly file: string;
  readonly bytes: number;
}

export interface DocsWebResource {
  readonly name: string;
  readonly displayName: string;
  /** For the web resource's description in the solution. */
  readonly description: string;
  readonly type: 'html' | 'css';
  /** Path relative to the repository root (forward slashes), as the packer's artifact paths are. */
  readonly file: string;
}

// ---- The generated troubleshooting page -------------------------------------------------------

/** Fixes the catalogue leaves to a parameter: what the message's placeholder says, by case. */
const FIX_NOTES: Partial<Record<FindingCode, string>> = {
  NEGATIVE_TOTAL:
    'Raise a sales credit note instead of a negative sales invoice, a purchase credit note instead of a ' +
    'negative bill, and an invoice or bill instead of a negative credit note. The message names the one to use.',
  MAPPING_FAILED: 'Give the invoice id and the sync history row to your Stellarise administrator.',
};

/** Every reason a connection needs attention, with its cause; a new reason in the code fails the typecheck here. */
export const ATTENTION_CAUSES: Record<NeedsAttentionReason, string> = {
  invalid_grant:
    'Xero refused the saved refresh token: it expired, was replaced, or the Xero user lost access to the organisation.',
  consent_revoked:
    "Someone removed the app under Connected apps in Xero, or the organisation's access was revoked.",
  not_connected:
    'The connection was never connected, or its tokens were deleted (for example after Disconnect).',
  unreadable_token:
    "The relay's ENCRYPTION_KEY changed without keeping the old key in ENCRYPTION_KEYS_PREVIOUS (see Upgrading).",
  tenant_disconnected:
    'The organisation disconnected the app in Xero, or another Xero user connected it again, so the saved sign-in no longer reaches it.',
  missing_scope:
    'Xero granted the connection fewer permissions than the relay needs (the message names the missing scope), for example after a consent made with older scopes.',
};

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/** `{line}` → `‹line›`: the catalogue's placeholders, shown as what they stand for. */
function readable(template: string): string {
  return escapeMarkdown(template).replace(/\{(\w+)\}/g, '‹$1›');
}

interface CatalogueEntry {
  readonly severity: 'error' | 'warning';
  readonly template: string;
  readonly fix: string;
}

function catalogueEntries(): [FindingCode, CatalogueEntry][] {
  const entries = Object.entries(MESSAGES ?? {}) as [FindingCode, CatalogueEntry][];
  const bad = entries.filter(
    ([, e]) =>
      !['error', 'warning'].includes(e?.severity) ||
      typeof e.template !== 'string' ||
      typeof e.fix !== 'string',
  );
  if (entries.length === 0 || bad.length > 0) {
    throw new Error(
      'docs: the finding catalogue MESSAGES (plugins-proxy/src/domain/findings.ts) is empty or malformed' +
        (bad.length ? ` at ${bad.map(([code]) => code).join(', ')}` : '') +
        '; the troubleshooting page is generated from it.',
    );
  }
  return entries;
}

function findingSection(code: FindingCode, entry: CatalogueEntry): string {
  const effect =
    entry.severity === 'error'
      ? '<span class="badge badge-error">Error</span> Blocks the sync.'
      : '<span class="badge badge-warning">Warning</span> The sync goes ahead.';
  const note = FIX_NOTES[code];
  const fix = entry.fix.trim() === '{advice}' && note ? escapeMarkdown(note) : readable(entry.fix);
  const extra = note && entry.fix.trim() !== '{advice}' ? ` ${escapeMarkdown(note)}` : '';
  return `### \`${code}\`\n\n${effect}\n\n> ${readable(entry.template)}\n\n**Fix:** ${fix}${extra}\n`;
}

/** The troubleshooting page: the hand-written intro, then every catalogued message with its fix. */
export function troubleshootingMarkdown(intro: string): string {
  const entries = catalogueEntries();
  const errors = entries.filter(([, e]) => e.severity === 'error');
  const warnings = entries.filter(([, e]) => e.severity === 'warning');
  const reasons = Object.keys(ATTENTION_CAUSES) as NeedsAttentionReason[];
  const connection = reasons.map(
    (reason) =>
      `### \`${reason}\`\n\n> ${readable(needsAttentionMessage('{connection}', reason))}\n\n**Cause:** ${escapeMarkdown(ATTENTION_CAUSES[reason])}\n\n` +
      '**Fix:** Open the connection and click **Reconnect to Xero**; its held syncs continue by themselves afterwards.\n',
  );
  return (
    [
      intro.trimEnd(),
      '## Pre-flight check messages',
      `The pre-flight check can report ${errors.length} errors and ${warnings.length} warnings. Each message ` +
        'names the record and the field; below, words in ‹angle quotes› stand for them (‹invoice› is the invoice ' +
        'number, ‹line› a line such as *Line 2 "Widget"*, ‹side› is *sales* or *purchase*, ‹connection› the ' +
        'connection name). On the sync history row the message is followed by its fix.',
      '## Errors that block the sync',
      ...errors.map(([code, entry]) => findingSection(code, entry)),
      '## Warnings',
      ...warnings.map(([code, entry]) => findingSection(code, entry)),
      '## Connection messages',
      'When the relay cannot get access to Xero for a connection, it sets the connection to **Needs attention**, ' +
        'writes one of these messages in **Last error** (‹connection› is the connection id) and holds its syncs.',
      ...connection,
    ].join('\n\n') + '\n'
  );
}

// ---- The style sheet --------------------------------------------------------------------------

/** Fluent 2 / Dynamics 365 look: Segoe UI, the Dynamics blue, light neutral surfaces. */
export const DOCS_CSS = `:root {
  --brand: #0f6cbd;
  --brand-dark: #115ea3;
  --brand-light: #ebf3fc;
  --text: #242424;
  --text-muted: #616161;
  --surface: #ffffff;
  --background: #f5f5f5;
  --stroke: #e0e0e0;
  --code-bg: #f0f0f0;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: 'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif;
  font-size: 14px;
  line-height: 1.6;
  color: var(--text);
  background: var(--background);
}
a { color: var(--brand); text-decoration: none; }
a:hover, a:focus { color: var(--brand-dark); text-decoration: underline; }
a:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; border-radius: 2px; }
.top {
  display: flex; align-items: center; gap: 12px;
  height: 48px; padding: 0 20px;
  background: var(--brand); color: #fff;
}
.top .brand { color: #fff; font-weight: 600; font-size: 16px; }
.top .product { opacity: 0.9; font-size: 13px; }
.layout { display: flex; align-items: flex-start; gap: 24px; max-width: 1200px; margin: 0 auto; padding: 24px 20px 48px; }
.pages {
  flex: 0 0 240px; position: sticky; top: 16px;
  background: var(--surface); border: 1px solid var(--stroke); border-radius: 8px; padding: 12px 0;
}
.pages h2, .on-this-page h2 {
  margin: 0 16px 8px; font-size: 12px; font-weight: 600; text-transform: uppercase;
  letter-spacing: 0.04em; color: var(--text-muted); border: 0; padding: 0;
}
.pages ul, .on-this-page ul { list-style: none; margin: 0; padding: 0; }
.pages a { display: block; padding: 6px 16px; color: var(--text); border-left: 3px solid transparent; }
.pages a:hover { background: var(--background); text-decoration: none; }
.pages a[aria-current='page'] { border-left-color: var(--brand); background: var(--brand-light); color: var(--brand-dark); font-weight: 600; }
.content { flex: 1 1 auto; min-width: 0; max-width: 860px; }
article {
  background: var(--surface); border: 1px solid var(--stroke); border-radius: 8px;
  padding: 28px 36px; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.06);
}
h1 { font-size: 28px; font-weight: 600; line-height: 1.3; margin: 0 0 16px; }
h2 { font-size: 20px; font-weight: 600; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--stroke); }
h3 { font-size: 16px; font-weight: 600; margin: 24px 0 8px; }
h4 { font-size: 14px; font-weight: 600; margin: 20px 0 6px; }
p, ul, ol, table, pre, blockquote { margin: 0 0 14px; }
li { margin: 4px 0; }
.on-this-page {
  background: var(--background); border-radius: 6px; padding: 12px 0 8px; margin: 0 0 20px;
}
.on-this-page ul { columns: 2; column-gap: 24px; padding: 0 16px; }
.on-this-page li { break-inside: avoid; margin: 0 0 4px; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 8px 12px; border: 1px solid var(--stroke); }
th { background: var(--background); font-weight: 600; }
tr:nth-child(even) td { background: #fafafa; }
code {
  font-family: Consolas, 'Cascadia Mono', 'Courier New', monospace; font-size: 13px;
  background: var(--code-bg); border-radius: 4px; padding: 1px 5px;
}
pre { background: #1f1f1f; color: #f3f3f3; border-radius: 6px; padding: 14px 16px; overflow-x: auto; }
pre code { background: none; color: inherit; padding: 0; font-size: 13px; }
blockquote { margin-left: 0; padding: 8px 16px; border-left: 4px solid var(--brand); background: var(--brand-light); border-radius: 0 6px 6px 0; }
blockquote p { margin: 0; }
h3 code { font-size: 14px; }
.repo-file { border-bottom: 1px dotted var(--text-muted); }
.badge {
  display: inline-block; padding: 0 8px; margin-right: 6px; border-radius: 10px;
  font-size: 12px; font-weight: 600; line-height: 20px;
}
.badge-error { background: #fdf3f4; color: #b10e1c; border: 1px solid #eeacb2; }
.badge-warning { background: #fff9f5; color: #8a3707; border: 1px solid #fdcfb4; }
footer { color: var(--text-muted); font-size: 12px; padding: 12px 4px; }
@media (max-width: 800px) {
  .layout { flex-direction: column; padding: 12px; }
  .pages { position: static; width: 100%; flex-basis: auto; }
  article { padding: 20px; }
  .on-this-page ul { columns: 1; }
}
@media print {
  .top, .pages { display: none; }
  body, article { background: #fff; border: 0; box-shadow: none; }
}
`;

function titleOf(markdown: string, file: string): string {
  const heading = /^# (.+)$/m.exec(markdown);
  if (!heading) throw new Error(`docs/${file} has no "# Title" line`);
  return heading[1].trim();
}

function orderIndex(name: string): number {
  const index = (PAGE_ORDER as readonly string[]).indexOf(name);
  return index === -1 ? PAGE_ORDER.length : index;
}

/**
 * The pages as Markdown, in reading order, without rendering: the troubleshooting page is the
 * intro plus the generated catalogue. Synchronous and free of `marked`, so the packer can list
 * the pages without loading the Markdown renderer.
 */
export function readDocPages(docsDir: string = DOCS_DIR): DocPage[] {
  const files = readdirSync(docsDir).filter(
    (f) => f.endsWith('.md') && !f.endsWith('.intro.md') && !ENGINEERING_PAGES.has(f),
  );
  const pages: DocPage[] = files.map((file) => {
    const markdown = readFileSync(path.join(docsDir, file), 'utf8');
    return { name: file.replace(/\.md$/, ''), title: titleOf(markdown, file), markdown };
  });
  if (files.includes('troubleshooting.md')) {
    throw new Error('docs/troubleshooting.md is generated; write docs/troubleshooting.intro.md instead');
  }
  const intro = readFileSync(path.join(docsDir, TROUBLESHOOTING_INTRO), 'utf8');
  pages.push({
    name: 'troubleshooting',
    title: titleOf(intro, TROUBLESHOOTING_INTRO),
    markdown: troubleshootingMarkdown(intro),
  });
  return pages.sort((a, b) => orderIndex(a.name) - orderIndex(b.name) || a.name.localeCompare(b.name));
}

/** The web resources the packer adds: one per page and the style sheet. */
export function docsWebResources(docsDir: string = DOCS_DIR): DocsWebResource[] {
  const rel = (file: string) =>
    path.relative(REPO_ROOT, path.join(DOCS_OUT_DIR, file)).split(path.sep).join('/');
  const pages = readDocPages(docsDir).map((page): DocsWebResource => ({
    name: `${DOCS_PREFIX}${page.name}.html`,
    displayName:
      page.name === 'index' ? 'Stellarise documentation' : `Stellarise documentation: ${page.title}`,
    description:
      page.name === 'index'
        ? 'The user guide, shown in the Documentation area of the app.'
        : `The user guide page "${page.title}".`,
    type: 'html',
    file: rel(`${page.name}.html`),
  }));
  return [
    ...pages,
    {
      name: `${DOCS_PREFIX}${STYLE_SHEET}`,
      displayName: 'Stellarise documentation style',
      description: 'The style sheet of the user guide pages.',
      type: 'css',
      file: rel(STYLE_SHEET),
    },
  ];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** GitHub-style heading ids, so `page.md#some-heading` links work in both places. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/g, '')
    .replace(/[^\p{L}\p{N}_\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Only the Markdown renderer is loaded lazily: marked ships as ESM, which Jest's CommonJS cannot load, plus a UMD build it can. */
function loadMarked(): typeof MarkedClass {
  const local = createRequire(__filename);
  const umd = path.join(path.dirname(local.resolve('marked/package.json')), 'lib', 'marked.umd.js');
  return (local(umd) as { Marked: typeof MarkedClass }).Marked;
}

const PAGE_LINK = /^([\w.-]+)\.md(#[\w-]*)?$/;

interface Heading {
  readonly id: string;
  readonly text: string;
}

function renderBody(marked: typeof MarkedClass, page: DocPage, pageNames: ReadonlySet<string>) {
  const headings: Heading[] = [];
  const used = new Map<string, number>();
  const renderer = new marked();
  renderer.use({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const base = slugOf(inner) || 'section';
        const seen = used.get(base) ?? 0;
        used.set(base, seen + 1);
        const id = seen ? `${base}-${seen}` : base;
        if (token.depth === 2) headings.push({ id, text: inner });
        return `<h${token.depth} id="${id}">${inner}</h${token.depth}>\n`;
      },
      link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        const local = PAGE_LINK.exec(token.href);
        if (local) {
          if (!pageNames.has(local[1]))
            throw new Error(`docs/${page.name}.md links to a missing page ${token.href}`);
          return `<a href="${local[1]}.html${local[2] ?? ''}"${title}>${inner}</a>`;
        }
        if (/^https:\/\//.test(token.href)) {
          return `<a href="${escapeHtml(token.href)}"${title} target="_blank" rel="noopener noreferrer">${inner}</a>`;
        }
        if (token.href.startsWith('#')) return `<a href="${escapeHtml(token.href)}"${title}>${inner}</a>`;
        if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(token.href)) {
          throw new Error(
            `docs/${page.name}.md: link ${token.href} must be a page, an anchor or an https URL`,
          );
        }
        // A file of the repository (e.g. examples/bill.json) is not a web resource: name it, do not link it.
        return `<span class="repo-file" title="${escapeHtml(token.href)} in the repository">${inner}</span>`;
      },
      html(token: Tokens.HTML | Tokens.Tag) {
        // Comments mark statements to review (`<!-- designed: issue-N -->`); they are not for readers.
        const text = token.text.replace(/<!--[\s\S]*?-->\n?/g, '');
        if (/<\s*(script|iframe|object|embed|link|style)\b/i.test(text) || /\son\w+\s*=/i.test(text)) {
          throw new Error(
            `docs/${page.name}.md contains HTML that web resources must not carry: ${text.trim()}`,
          );
        }
        return text;
      },
      image(token: Tokens.Image) {
        throw new Error(`docs/${page.name}.md: images are not supported in web resources (${token.href})`);
      },
    },
  });
  const html = renderer.parse(page.markdown, { async: false }) as string;
  return { html, headings };
}

function pagesNav(pages: readonly DocPage[], current: string): string {
  const items = pages.map((p) => {
    const attrs = p.name === current ? ' aria-current="page"' : '';
    const label = p.name === 'index' ? 'Overview' : p.title;
    return `<li><a href="${p.name}.html"${attrs}>${escapeHtml(label)}</a></li>`;
  });
  return `<nav class="pages" aria-label="Documentation pages"><h2>Contents</h2><ul>${items.join('')}</ul></nav>`;
}

function onThisPage(headings: readonly Heading[]): string {
  if (headings.length < 2) return '';
  const items = headings.map((h) => `<li><a href="#${h.id}">${h.text}</a></li>`);
  return `<nav class="on-this-page" aria-label="On this page"><h2>On this page</h2><ul>${items.join('')}</ul></nav>`;
}

function pageHtml(
  page: DocPage,
  pages: readonly DocPage[],
  body: string,
  headings: readonly Heading[],
): string {
  // The "On this page" list goes right after the page title.
  const withToc = body.replace(/(<\/h1>\n?)/, `$1${onThisPage(headings)}\n`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Stellarise documentation</title>
<link rel="stylesheet" href="${STYLE_SHEET}">
</head>
<body>
<header class="top"><a class="brand" href="index.html">Stellarise</a><span class="product">${escapeHtml(SOLUTION.displayName)}</span></header>
<div class="layout">
${pagesNav(pages, page.name)}
<main class="content">
<article>
${withToc}</article>
<footer>${escapeHtml(SOLUTION.displayName)} · version ${escapeHtml(SOLUTION_VERSION)}</footer>
</main>
</div>
</body>
</html>
`;
}

/** Every page rendered to HTML, in reading order (pure apart from reading docs/). */
export function renderDocs(docsDir: string = DOCS_DIR): RenderedPage[] {
  const marked = loadMarked();
  const pages = readDocPages(docsDir);
  const names = new Set(pages.map((p) => p.name));
  return pages.map((page) => {
    const { html, headings } = renderBody(marked, page, names);
    return { name: page.name, title: page.title, html: pageHtml(page, pages, html, headings) };
  });
}

function writeAtomically(file: string, contents: string): number {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, contents, 'utf8');
  renameSync(partial, file);
  return Buffer.byteLength(contents, 'utf8');
}

export interface BuildDocsOptions {
  readonly docsDir?: string;
  readonly outDir?: string;
}

/** Renders every page and writes the pages and the style sheet; lists each web resource. */
export async function buildDocs(options: BuildDocsOptions = {}): Promise<BuiltDoc[]> {
  const outDir = options.outDir ?? DOCS_OUT_DIR;
  const rendered = renderDocs(options.docsDir ?? DOCS_DIR);
  // A removed page must not linger in dist and be packed by mistake.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const built = rendered.map((page) => {
    const file = path.join(outDir, `${page.name}.html`);
    return { name: `${DOCS_PREFIX}${page.name}.html`, file, bytes: writeAtomically(file, page.html) };
  });
  const css = path.join(outDir, STYLE_SHEET);
  built.push({ name: `${DOCS_PREFIX}${STYLE_SHEET}`, file: css, bytes: writeAtomically(css, DOCS_CSS) });
  return built;
}

if (require.main === module) {
  buildDocs().then(
    (built) => {
      for (const doc of built) console.log(`${doc.name.padEnd(40)} ${String(doc.bytes).padStart(7)} bytes`);
      console.log(`${built.length} documentation web resources in ${path.relative(REPO_ROOT, DOCS_OUT_DIR)}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
