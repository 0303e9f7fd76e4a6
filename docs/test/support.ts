/** Shared by the documentation tests: the rendered pages, and small HTML readers. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderDocs, type RenderedPage } from '../../scripts/build-docs';

export const REPO_ROOT = path.join(__dirname, '..', '..');

let cached: RenderedPage[] | undefined;

/** The real pages of docs/, rendered once per test file. */
export function renderedPages(): RenderedPage[] {
  cached ??= renderDocs();
  return cached;
}

export function pageNamed(name: string): RenderedPage {
  const page = renderedPages().find((p) => p.name === name);
  if (!page) throw new Error(`no page ${name}`);
  return page;
}

/** The page's own content: the article, without the list of all pages that every page carries. */
export function articleOf(html: string): string {
  const match = /<article>([\s\S]*)<\/article>/.exec(html);
  if (!match) throw new Error('page without <article>');
  return match[1];
}

/** The page as text a reader sees: tags dropped, the entities marked and we emit decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function attributeValues(html: string, attribute: 'href' | 'src'): string[] {
  return [...html.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]);
}

/** A throw-away docs folder with the given Markdown files. */
export function docsDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stl-docs-src-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
