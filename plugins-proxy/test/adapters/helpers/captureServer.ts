/** A tiny HTTP server for adapter tests: records every request and answers with a scripted reply. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Never answer (for timeouts); the socket is closed when the server stops. */
  hang?: boolean;
}

export type Responder = (request: CapturedRequest) => ScriptedReply;

export interface CaptureServer {
  url: string;
  requests: CapturedRequest[];
  /** Replies used in order, one per request; after that `fallback` answers. */
  queue: ScriptedReply[];
  fallback: Responder;
  close(): Promise<void>;
}

export async function startCaptureServer(
  fallback: Responder = () => ({ status: 200, body: {} }),
): Promise<CaptureServer> {
  const sockets = new Set<import('node:net').Socket>();
  const state: CaptureServer = { url: '', requests: [], queue: [], fallback, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: CapturedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.requests.push(request);
      const reply = state.queue.shift() ?? state.fallback(request);
      if (reply.drop) return req.socket.destroy();
      if (reply.hang) return;
      const text =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body);
      const type = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
      res.writeHead(reply.status, { 'content-type': type, ...reply.headers });
      res.end(reply.status === 204 ? undefined : text);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
