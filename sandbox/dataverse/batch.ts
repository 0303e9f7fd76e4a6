import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { EmulatorContext } from './context';
import { DataverseError, errors } from './errors';
import type { ContentIds } from './data/refs';
import { boundaryOf, type ChangeSet, type HttpPart, parseBatch, resolveUrl } from './batchParse';
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
  // The first failure stops the batch and the batch answers 400, unless odata.continue-on-error was
  // asked for (Learn, "Execute batch operations using the Web API", Handling errors). A failed
  // changeset answers its failing part inside the changeset, with its Content-ID, as in
  // dynamics-web-api's `batchError` stub; the hand-made batch-changeset-failure-response.http
  // (200, the part at the top level) follows neither and is not followed here.
  let failed = false;
  for (const item of items) {
    let stopped: boolean;
    if (item.kind === 'changeset') {
      const result = runChangeset(ctx, item, call, handle);
      blocks.push(result.ok ? result.answers : [result.failure]);
      stopped = !result.ok;
    } else {
      const response = runPart(item, new Map(), call, handle);
      blocks.push({ contentId: item.contentId, response });
      stopped = response.status >= 400;
    }
    failed ||= stopped;
    if (stopped && !continueOnError) break;
  }
  const batchBoundary = `batchresponse_${randomUUID()}`;
  const headers: Record<string, string> = {
    'Content-Type': `multipart/mixed; boundary=${batchBoundary}`,
    'OData-Version': '4.0',
  };
  if (continueOnError) headers['Preference-Applied'] = 'odata.continue-on-error';
  return {
    status: failed && !continueOnError ? 400 : 200,
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
        // The failing part alone stands for the changeset: what ran before it was rolled back.
        if (response.status >= 400) throw new ChangesetFailed(answer);
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
