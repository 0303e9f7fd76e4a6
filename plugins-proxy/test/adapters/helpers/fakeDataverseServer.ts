/**
 * A scripted Dataverse on 127.0.0.1 for client tests: records each request and answers from a
 * queue, over real HTTP, since the client's library (dynamics-web-api) speaks node:http itself.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedFetch {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type ScriptedReply = FakeReply | ((request: RecordedFetch) => FakeReply) | 'hang';

export interface FakeDataverse {
  /** The org URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** The Web API root, `${url}/api/data/v9.2/`. */
  api: string;
  calls: RecordedFetch[];
  reply(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

export async function startFakeDataverse(): Promise<FakeDataverse> {
  const calls: RecordedFetch[] = [];
  const queue: ScriptedReply[] = [];
  let url = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
      const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      const request = { url: `${url}${req.url}`, method: req.method ?? 'GET', headers, body };
      calls.push(request);
      const next = queue.shift();
      if (next === 'hang') return;
      if (!next) {
        res.writeHead(500).end(`No scripted reply for ${request.method} ${request.url}`);
        return;
      }
      const reply = typeof next === 'function' ? next(request) : next;
      const text =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body);
      const type =
        typeof reply.body === 'object' ? { 'Content-Type': 'application/json; odata.metadata=minimal' } : {};
      res.writeHead(reply.status, { ...type, ...reply.headers });
      res.end(reply.status === 204 ? undefined : text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    api: `${url}/api/data/v9.2/`,
    calls,
    reply: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
