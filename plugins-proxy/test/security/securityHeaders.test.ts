/**
 * Security headers on every response the relay sends: successes, refusals, errors, 404s and the
 * OAuth HTML pages (which carry their own CSP with frame-ancestors 'none' instead of X-Frame-Options).
 */
import { COMPONENTS } from '../../../solution/names';
import { newGuid, startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurityHarness();
}, 90_000);
afterAll(() => h?.stop());

interface Probe {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const json = { 'content-type': 'application/json' };
const secret = () => ({ ...json, [COMPONENTS.webhookAuthHeader]: h.config.dataverseWebhookSecret });

const PROBES: [string, number, () => Probe][] = [
  ['health 200', 200, () => ({ method: 'GET', path: '/health' })],
  ['ready 200', 200, () => ({ method: 'GET', path: '/ready' })],
  ['metrics 200', 200, () => ({ method: 'GET', path: '/metrics' })],
  ['unknown path 404', 404, () => ({ method: 'GET', path: '/nope' })],
  ['wrong method 404', 404, () => ({ method: 'GET', path: '/dataverse/webhook' })],
  ['webhook 401', 401, () => ({ method: 'POST', path: '/dataverse/webhook', headers: json, body: '{}' })],
  ['webhook 400', 400, () => ({ method: 'POST', path: '/dataverse/webhook', headers: secret(), body: '{' })],
  [
    'webhook 415',
    415,
    () => ({
      method: 'POST',
      path: '/dataverse/webhook',
      headers: { ...secret(), 'content-type': 'text/plain' },
      body: 'x',
    }),
  ],
  [
    'webhook 413',
    413,
    () => ({
      method: 'POST',
      path: '/dataverse/webhook',
      headers: secret(),
      body: JSON.stringify({ x: 'x'.repeat(1024 * 1024) }),
    }),
  ],
  ['nudge 202', 202, () => ({ method: 'POST', path: `/api/sync-requests/${newGuid()}/nudge` })],
  ['nudge 400', 400, () => ({ method: 'POST', path: '/api/sync-requests/not-a-guid/nudge' })],
  [
    'nudge 403',
    403,
    () => ({
      method: 'POST',
      path: `/api/sync-requests/${newGuid()}/nudge`,
      headers: { origin: 'https://evil.example.com' },
    }),
  ],
  ['preflight 403', 403, () => ({ method: 'OPTIONS', path: `/api/sync-requests/${newGuid()}/nudge` })],
  ['xero webhook 401', 401, () => ({ method: 'POST', path: '/xero/webhook', headers: json, body: '{}' })],
  ['oauth connect error page', 400, () => ({ method: 'GET', path: '/oauth/connect' })],
  ['oauth callback error page', 400, () => ({ method: 'GET', path: '/oauth/callback?state=forged&code=x' })],
];

async function send(probe: Probe) {
  const reply = await fetch(`${h.relayUrl}${probe.path}`, {
    method: probe.method,
    headers: probe.headers,
    body: probe.body,
  });
  await reply.arrayBuffer();
  return reply;
}

describe.each(PROBES)('the %s response', (_name, status, make) => {
  it('has its status and forbids sniffing, referrers, caching and framing, and loading anything', async () => {
    const reply = await send(make());
    expect(reply.status).toBe(status);
    const csp = reply.headers.get('content-security-policy') ?? '';
    expect({
      nosniff: reply.headers.get('x-content-type-options'),
      referrer: reply.headers.get('referrer-policy'),
      cache: reply.headers.get('cache-control'),
      noFraming: reply.headers.get('x-frame-options') === 'DENY' || csp.includes("frame-ancestors 'none'"),
      defaultSrcNone: csp.includes("default-src 'none'"),
      poweredBy: reply.headers.get('x-powered-by'),
    }).toEqual({
      nosniff: 'nosniff',
      referrer: 'no-referrer',
      cache: 'no-store',
      noFraming: true,
      defaultSrcNone: true,
      poweredBy: null,
    });
  });
});
