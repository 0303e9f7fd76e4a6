// A webhook receiver for the tests that behaves as reference/xero-api.md §3.11 asks of ours:
// verify x-xero-signature over the raw body with timingSafeEqual, 401 if wrong, 200 with no body.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookPayload {
  events: Record<string, unknown>[];
  firstEventSequence: number;
  lastEventSequence: number;
  entropy: string;
}

export interface CaptureServer {
  url: string;
  payloads: WebhookPayload[];
  /** Resolves with the first event that matches. */
  waitForEvent(match: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startCaptureServer(
  key: string,
  options: { failFirst?: number; acceptEverything?: boolean } = {},
): Promise<CaptureServer> {
  const payloads: WebhookPayload[] = [];
  const waiters: {
    match: (e: Record<string, unknown>) => boolean;
    resolve: (e: Record<string, unknown>) => void;
  }[] = [];
  let failuresLeft = options.failFirst ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = createHmac('sha256', key).update(raw).digest();
      const given = Buffer.from(String(req.headers['x-xero-signature'] ?? ''), 'base64');
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      if (!valid && !options.acceptEverything) return void res.writeHead(401).end();
      const payload = JSON.parse(raw.toString('utf8')) as WebhookPayload;
      if (payload.events.length > 0 && failuresLeft > 0) {
        failuresLeft -= 1;
        return void res.writeHead(503).end();
      }
      payloads.push(payload);
      res.writeHead(200).end();
      for (const event of payload.events) {
        for (const waiter of waiters.filter((w) => w.match(event))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/xero`,
    payloads,
    waitForEvent: (match) => {
      const seen = payloads.flatMap((p) => p.events).find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
