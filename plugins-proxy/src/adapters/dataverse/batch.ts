/**
 * Pure `$batch` wire format (reference/dataverse-webapi.md §1.7): built as multipart/mixed, always CRLF;
 * parsed leniently (LF or CRLF, any boundary quoting, nested changesets), one result per part.
 */
import { randomUUID } from 'node:crypto';

const CRLF = '\r\n';

export type BatchMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface BatchRequest {
  method: BatchMethod;
  /** Relative to the API root (`invoices(…)`), root-relative, absolute, or a `$1` Content-ID reference. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  contentId?: string;
}

export interface BatchChangeset {
  changeset: BatchRequest[];
}

export type BatchItem = BatchRequest | BatchChangeset;

export interface BuiltBatch {
  contentType: string;
  body: string;
}

export interface BuildBatchOptions {
  /** Root-relative API path placed before relative URLs, e.g. `/api/data/v9.2/`. */
  apiPath: string;
  batchBoundary?: string;
  changesetBoundary?: () => string;
}

function isChangeset(item: BatchItem): item is BatchChangeset {
  return 'changeset' in item;
}

function resolveUrl(url: string, apiPath: string): string {
  if (/^https?:\/\//i.test(url) || url.startsWith('/') || url.startsWith('$')) return url;
  return `${apiPath.replace(/\/?$/, '/')}${url}`;
}

function requestPart(request: BatchRequest, apiPath: string, contentId?: string): string {
  const mime = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId !== undefined) mime.push(`Content-ID: ${contentId}`);
  const headers = { ...request.headers };
  const hasBody = request.body !== undefined;
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const inner = [`${request.method} ${resolveUrl(request.url, apiPath)} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) inner.push(`${name}: ${value}`);
  const body = !hasBody ? '' : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return [...mime, '', ...inner, '', body].join(CRLF);
}

export function buildBatch(items: readonly BatchItem[], options: BuildBatchOptions): BuiltBatch {
  const boundary = options.batchBoundary ?? `batch_${randomUUID()}`;
  const nextChangeset = options.changesetBoundary ?? (() => `changeset_${randomUUID()}`);
  let nextId = 1;
  const parts = items.map((item) => {
    if (!isChangeset(item)) return requestPart(item, options.apiPath);
    const inner = nextChangeset();
    const requests = item.changeset.map(
      (r) => `--${inner}${CRLF}${requestPart(r, options.apiPath, r.contentId ?? String(nextId++))}`,
    );
    return [`Content-Type: multipart/mixed; boundary="${inner}"`, '', ...requests, `--${inner}--`, ''].join(
      CRLF,
    );
  });
  const body = parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
  return { contentType: `multipart/mixed; boundary="${boundary}"`, body };
}

export interface BatchPart {
  status: number;
  statusText: string;
  /** Headers of the inner HTTP message, names lower-cased. */
  headers: Record<string, string>;
  body: string;
  contentId?: string;
  /** Set when the part was inside a changeset. */
  changeset?: string;
}

export interface ParsedRequestPart {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  contentId?: string;
  changeset?: string;
}

/** The boundary parameter of a multipart Content-Type, quoted or not. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;,\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Split at `--boundary` delimiter lines; drops the preamble and everything after the close. */
function splitParts(body: string, boundary: string): string[] {
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  const parts: string[] = [];
  let start = -1;
  let match: RegExpExecArray | null;
  while ((match = delimiter.exec(body)) !== null) {
    if (start >= 0) parts.push(body.slice(start, match.index));
    if (match[1]) return parts;
    start = match.index + match[0].length;
    start += body.startsWith('\r\n', start) ? 2 : body.startsWith('\n', start) ? 1 : 0;
  }
  return parts;
}

/** Headers up to the first blank line (LF or CRLF), then the rest. */
function splitHead(text: string): { lines: string[]; headers: Record<string, string>; rest: string } {
  const blank = /\r?\n\r?\n/.exec(text);
  const head = blank ? text.slice(0, blank.index) : text;
  const rest = blank ? text.slice(blank.index + blank[0].length) : '';
  const lines = head.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0 && !/^[A-Z]+ \S+ HTTP\/|^HTTP\//.test(line)) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return { lines, headers, rest };
}

interface RawPart {
  mime: Record<string, string>;
  firstLine: string;
  headers: Record<string, string>;
  body: string;
  changeset?: string;
}

const HTTP_LINE = /^(HTTP\/\d|[A-Z]+ \S+ HTTP\/)/m;

/** MIME headers of a part: the lines before a blank line, a delimiter or the HTTP line. */
function mimeHeaders(part: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of part.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('--') || HTTP_LINE.test(line)) break;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function rawParts(body: string, boundary: string, changeset?: string): RawPart[] {
  const out: RawPart[] = [];
  for (const part of splitParts(body, boundary)) {
    const mime = mimeHeaders(part);
    const type = mime['content-type'] ?? '';
    const nested = /^multipart\/mixed/i.test(type) ? boundaryOf(type) : undefined;
    if (nested) {
      // The delimiter search skips the changeset's own headers, blank line or not.
      out.push(...rawParts(part, nested, nested));
      continue;
    }
    const at = part.search(HTTP_LINE);
    if (at < 0) continue;
    const inner = splitHead(part.slice(at));
    out.push({
      mime,
      firstLine: inner.lines[0],
      headers: inner.headers,
      body: inner.rest.replace(/\r?\n$/, ''),
      changeset,
    });
  }
  return out;
}

export function parseBatchResponse(body: string, contentType: string): BatchPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error(`Not a multipart batch response: ${contentType}`);
  return rawParts(body, boundary).map((p) => {
    const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\s*(.*)$/.exec(p.firstLine.trim());
    return {
      status: status ? Number(status[1]) : 0,
      statusText: status ? status[2] : '',
      headers: p.headers,
      body: p.body,
      contentId: p.mime['content-id'] ?? p.headers['content-id'],
      changeset: p.changeset,
    };
  });
}

/** The reverse of buildBatch, for tests and the emulator: one entry per request part. */
export function parseBatchRequest(body: string, contentType: string): ParsedRequestPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error(`Not a multipart batch request: ${contentType}`);
  return rawParts(body, boundary).map((p) => {
    const line = /^([A-Z]+)\s+(\S+)\s+HTTP\/\d(?:\.\d)?$/.exec(p.firstLine.trim());
    return {
      method: line ? line[1] : '',
      url: line ? line[2] : '',
      headers: p.headers,
      body: p.body,
      contentId: p.mime['content-id'] ?? p.headers['content-id'],
      changeset: p.changeset,
    };
  });
}

/** The JSON body of a part, or undefined when it has none. */
export function partJson<T = unknown>(part: { body: string }): T | undefined {
  const text = part.body.trim();
  return text === '' ? undefined : (JSON.parse(text) as T);
}
