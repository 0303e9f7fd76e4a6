import { errors } from './errors';
import type { ContentIds } from './data/refs';

/**
 * Reads a `$batch` body leniently (reference/dataverse-webapi.md §1.7): CRLF or LF, quoted or
 * unquoted boundaries, a missing blank line after a changeset header, and absolute, root-relative,
 * relative or `$n` request URLs.
 */
export interface HttpPart {
  kind: 'request';
  contentId?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
export interface ChangeSet {
  kind: 'changeset';
  parts: HttpPart[];
}
export type BatchItem = HttpPart | ChangeSet;

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

function splitParts(body: string, boundary: string): string[][] {
  const parts: string[][] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current);
      current = undefined;
      break;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current);
      current = [];
    } else if (current) current.push(line);
  }
  if (current) parts.push(current);
  return parts;
}

/** Header lines up to a blank line, or up to the first line that is not a header (lenient). */
function readHeaders(lines: string[], start: number): { headers: Record<string, string>; next: number } {
  const headers: Record<string, string> = {};
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') return { headers, next: i + 1 };
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!m) break;
    headers[m[1].toLowerCase()] = m[2].trim();
  }
  return { headers, next: i };
}

function parseHttpPart(lines: string[], partHeaders: Record<string, string>): HttpPart {
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const requestLine = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)(?:\s+HTTP\/\d\.\d)?\s*$/i.exec(lines[i] ?? '');
  if (!requestLine)
    throw errors.badRequest(`The batch part does not start with a request line: '${lines[i] ?? ''}'`);
  const { headers, next } = readHeaders(lines, i + 1);
  const bodyLines = lines.slice(next);
  while (bodyLines.length && bodyLines[bodyLines.length - 1].trim() === '') bodyLines.pop();
  return {
    kind: 'request',
    contentId: partHeaders['content-id'],
    method: requestLine[1].toUpperCase(),
    url: requestLine[2],
    headers,
    body: bodyLines.join('\n'),
  };
}

export function parseBatch(body: string, boundary: string): BatchItem[] {
  return splitParts(body, boundary).map((lines): BatchItem => {
    const { headers, next } = readHeaders(lines, 0);
    const changesetBoundary = boundaryOf(headers['content-type']);
    if (/multipart\/mixed/i.test(headers['content-type'] ?? '') && changesetBoundary) {
      const parts = splitParts(lines.slice(next).join('\n'), changesetBoundary).map((partLines) => {
        const inner = readHeaders(partLines, 0);
        return parseHttpPart(partLines.slice(inner.next), inner.headers);
      });
      return { kind: 'changeset', parts };
    }
    return parseHttpPart(lines.slice(next), headers);
  });
}

/** Turns a part URL into a path below the service root and a query string. */
export function resolveUrl(url: string, contentIds: ContentIds): { path: string; query: string } {
  let target = url;
  const ref = /^\$(\w+)(.*)$/.exec(target);
  if (ref) {
    const found = contentIds.get(ref[1]);
    if (!found)
      throw errors.badRequest(`Content-ID Reference: '$${ref[1]}' does not exist in the batch context.`);
    target = `${found.entitySet}(${found.id})${ref[2]}`;
  }
  const apiAt = target.search(/\/api\/data\/v\d+(\.\d+)?\//);
  if (apiAt >= 0) target = target.slice(apiAt).replace(/^\/api\/data\/v\d+(\.\d+)?\//, '');
  target = target.replace(/^\//, '');
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}
