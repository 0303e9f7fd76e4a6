// Plain HTTP plumbing: the parsed request, the reply, body reading and writing.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  /** The body passed the size limit and was not kept. */
  tooLarge?: boolean;
}

export interface HttpReply {
  status: number;
  body?: unknown;
  /** Sent as is (HTML pages); otherwise `body` is JSON. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * The body, or `tooLarge` once it passes `limit` (the rest is read and dropped, so the client still
 * gets a reply). Accounting calls above Xero's 3.5 MB get a 413 from the API pipeline.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > limit }));
    req.on('error', reject);
  });
}

export function writeReply(res: ServerResponse, reply: HttpReply): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: string | undefined;
  if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] = reply.contentType ?? 'text/html; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function jsonBody(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
  const text = raw.toString('utf8').trim();
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function formBody(raw: Buffer): URLSearchParams {
  return new URLSearchParams(raw.toString('utf8'));
}
