import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { EmulatorContext } from './context';
import { DataverseError, errors } from './errors';
import type { ContentIds } from './data/refs';
import type { ApiRequest, ApiResponse, CallContext } from './api/types';

/**
 * `$batch` (reference/dataverse-webapi.md §1.7): reads multipart/mixed leniently (CRLF or LF,
 * quoted or unquoted boundaries, absolute, root-relative, relative or `$n` URLs) and answers in
 * the documented format with CRLF line endings. A changeset is one transaction.
 */
export const MAX_BATCH_REQUESTS = 1000;
/** The headers the documented part responses carry. */
const PART_HEADERS = new Set([
  'content-type',
  'odata-version',
  'location',
  'odata-entityid',
  'preference-applied',
  'retry-after',
]);

interface HttpPart {
  kind: 'request';
  contentId?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
interface ChangeSet {
  kind: 'changeset';
  parts: HttpPart[];
}
type BatchItem = HttpPart | ChangeSet;

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
function resolveUrl(url: string, contentIds: ContentIds): { path: string; query: string } {
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

type Handler = (req: ApiRequest, call: CallContext) => ApiResponse;
interface Answer {
  contentId?: string;
  response: ApiResponse;
}

function runPart(part: HttpPart, contentIds: ContentIds, call: CallContext, handle: Handler): ApiResponse {
  let request: ApiRequest;
  try {
    request = {
      method: part.method,
      ...resolveUrl(part.url, contentIds),
      headers: part.headers,
      body: part.body,
    };
  } catch (e) {
    const error = e as DataverseError;
    return {
      status: error.status,
      headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
      body: JSON.stringify(error.toBody()),
    };
  }
  const response = handle(request, { ...call, contentIds });
  if (part.contentId && response.entity) contentIds.set(part.contentId, response.entity);
  return response;
}

class ChangesetFailed extends Error {
  constructor(readonly answer: Answer) {
    super('changeset failed');
  }
}

export function handleBatch(
  ctx: EmulatorContext,
  req: ApiRequest,
  call: CallContext,
  handle: Handler,
): ApiResponse {
  const boundary = boundaryOf(req.headers['content-type']);
  if (!boundary)
    throw errors.badRequest('The batch request must have a multipart/mixed Content-Type with a boundary.');
  const items = parseBatch(req.body, boundary);
  const total = items.reduce((n, item) => n + (item.kind === 'changeset' ? item.parts.length : 1), 0);
  if (total > MAX_BATCH_REQUESTS) {
    throw errors.badRequest(`The number of requests in a batch exceeded the limit of ${MAX_BATCH_REQUESTS}.`);
  }
  const continueOnError = /odata\.continue-on-error/i.test(req.headers.prefer ?? '');
  const blocks: (Answer | Answer[])[] = [];
  // A failed changeset answers 200 with its failing part (the sample failure response); a failed
  // request outside a changeset answers 400 (the docs' example). Either stops the batch unless
  // odata.continue-on-error was asked for.
  let stopped = false;
  let failedOutsideChangeset = false;
  for (const item of items) {
    if (item.kind === 'changeset') {
      const result = runChangeset(ctx, item, call, handle);
      blocks.push(result.ok ? result.answers : result.failure);
      stopped = !result.ok;
    } else {
      const response = runPart(item, new Map(), call, handle);
      blocks.push({ contentId: item.contentId, response });
      stopped = response.status >= 400;
      failedOutsideChangeset ||= stopped;
    }
    if (stopped && !continueOnError) break;
  }
  const batchBoundary = `batchresponse_${randomUUID()}`;
  const headers: Record<string, string> = {
    'Content-Type': `multipart/mixed; boundary=${batchBoundary}`,
    'OData-Version': '4.0',
  };
  if (continueOnError) headers['Preference-Applied'] = 'odata.continue-on-error';
  return {
    status: failedOutsideChangeset && !continueOnError ? 400 : 200,
    headers,
    body: writeBatchResponse(batchBoundary, blocks),
  };
}

function runChangeset(
  ctx: EmulatorContext,
  changeset: ChangeSet,
  call: CallContext,
  handle: Handler,
): { ok: true; answers: Answer[] } | { ok: false; failure: Answer } {
  const eventsBefore = ctx.pendingEvents.length;
  const contentIds: ContentIds = new Map();
  try {
    const answers = ctx.store.transaction(() =>
      changeset.parts.map((part) => {
        const response =
          part.method === 'GET'
            ? errorAnswer(errors.badRequest('GET requests are not allowed inside a change set.'))
            : runPart(part, contentIds, call, handle);
        const answer = { contentId: part.contentId, response };
        // The failing part comes back on its own, without its Content-ID (the sample failure response).
        if (response.status >= 400) throw new ChangesetFailed({ response });
        return answer;
      }),
    );
    return { ok: true, answers };
  } catch (e) {
    ctx.pendingEvents.length = eventsBefore;
    if (e instanceof ChangesetFailed) return { ok: false, failure: e.answer };
    throw e;
  }
}

function errorAnswer(error: DataverseError): ApiResponse {
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
    body: JSON.stringify(error.toBody()),
  };
}

function writePart(answer: Answer): string {
  const { response } = answer;
  const partHeaders = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (answer.contentId) partHeaders.push(`Content-ID: ${answer.contentId}`);
  const statusLine = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`;
  const headerLines = Object.entries(response.headers)
    .filter(([k]) => PART_HEADERS.has(k.toLowerCase()))
    .map(([k, v]) => `${k}: ${v}`);
  return `${partHeaders.join('\r\n')}\r\n\r\n${[statusLine, ...headerLines].join('\r\n')}\r\n\r\n${response.body ?? ''}\r\n`;
}

export function writeBatchResponse(boundary: string, blocks: (Answer | Answer[])[]): string {
  let out = '';
  for (const block of blocks) {
    out += `--${boundary}\r\n`;
    if (Array.isArray(block)) {
      const changeset = `changesetresponse_${randomUUID()}`;
      out += `Content-Type: multipart/mixed; boundary=${changeset}\r\n\r\n`;
      for (const answer of block) out += `--${changeset}\r\n${writePart(answer)}`;
      out += `--${changeset}--\r\n`;
    } else {
      out += writePart(block);
    }
  }
  return `${out}--${boundary}--\r\n`;
}
