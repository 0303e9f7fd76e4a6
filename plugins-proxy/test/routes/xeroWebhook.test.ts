import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { TargetedPull } from '../../src/xeroWebhooks/events';
import { registerXeroWebhookRoute } from '../../src/routes/xeroWebhook';
import { computeXeroSignature } from '../../src/xeroWebhooks/signature';
import { listen, send } from '../oauth/listen';

const KEY = 'test-webhook-key';
const HANDSHAKE = '{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}';
const HANDSHAKE_SIGNATURE = 'qAYGQdoiCV3g0uAzbvP5M/6dDgNoDUK8EQfOLs1aIws=';
const TENANT = 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f';
// Deliberately odd whitespace: the signature must be checked over these exact bytes.
const INVOICE_EVENT = `{ "events": [ {"resourceId":"inv-1","eventType":"Update","eventCategory":"INVOICE",
  "tenantId":"${TENANT}","tenantType":"ORGANISATION","eventDateUtc":"2024-06-21T01:15:39.902"} ],
  "lastEventSequence": 1, "firstEventSequence": 1, "entropy": "S0m3r4Nd0mt3xt" }`;

let app: FastifyInstance;
let base: string;
let received: TargetedPull[][];
let nextDelivery: Promise<TargetedPull[]>;
let deliver: (pulls: TargetedPull[]) => void;

function expectNextDelivery(): void {
  nextDelivery = new Promise((resolve) => (deliver = resolve));
}

beforeAll(async () => {
  received = [];
  expectNextDelivery();
  app = Fastify();
  // A sibling JSON route: the webhook's raw-body parser must not leak out of its plugin.
  app.post('/echo', async (request) => request.body);
  registerXeroWebhookRoute(app, {
    webhookKey: KEY,
    onEvents: (pulls) => {
      received.push(pulls);
      deliver(pulls);
    },
  });
  base = await listen(app);
});

afterAll(() => app.close());

beforeEach(() => {
  received = [];
  expectNextDelivery();
});

function post(body: string, signature: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-xero-signature'] = signature;
  return send(base, 'POST', '/xero/webhook', { headers, body });
}

describe('POST /xero/webhook', () => {
  it('answers the intent-to-receive handshake with 200 and no body, and queues nothing', async () => {
    const reply = await post(HANDSHAKE, HANDSHAKE_SIGNATURE);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    await new Promise(setImmediate);
    expect(received).toEqual([]);
  });

  it.each([
    ['bad', 'AAAAQdoiCV3g0uAzbvP5M/6dDgNoDUK8EQfOLs1aIws='],
    ['truncated', HANDSHAKE_SIGNATURE.slice(0, 20)],
    ['missing', undefined],
  ])('answers a %s signature with 401 and no body', async (_case, signature) => {
    const reply = await post(HANDSHAKE, signature);
    expect(reply.status).toBe(401);
    expect(reply.body).toBe('');
  });

  it('refuses a signature replayed from another payload and queues no pull', async () => {
    const reply = await post(INVOICE_EVENT, HANDSHAKE_SIGNATURE);
    expect(reply.status).toBe(401);
    await new Promise(setImmediate);
    expect(received).toEqual([]);
  });

  it('acknowledges a signed event with an empty 200, then hands on the targeted pull', async () => {
    const reply = await post(INVOICE_EVENT, computeXeroSignature(KEY, Buffer.from(INVOICE_EVENT)));
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    await expect(nextDelivery).resolves.toEqual([
      { tenantId: TENANT, category: 'INVOICE', resourceId: 'inv-1' },
    ]);
  });

  it('leaves JSON parsing as it was for the rest of the app', async () => {
    const reply = await send(base, 'POST', '/echo', {
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(JSON.parse(reply.body)).toEqual({ a: 1 });
  });

  it('refuses to register without a webhook key', () => {
    expect(() => registerXeroWebhookRoute(Fastify(), { webhookKey: '', onEvents: () => undefined })).toThrow(
      /webhook key/,
    );
  });
});
