import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { CHOICES } from '../../../solution/names';
import { registerOAuthRoutes } from '../../src/routes/oauth';
import type { FakeXeroIdentity } from '../oauth/fakeXeroIdentity';
import { startFakeXeroIdentity } from '../oauth/fakeXeroIdentity';
import type { Harness } from '../oauth/oauthHarness';
import { createHarness, ORG_A, ORG_B } from '../oauth/oauthHarness';
import { listen, send } from '../oauth/listen';

const CONNECTION = 'c0ffee00-0000-4000-8000-000000000001';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let fake: FakeXeroIdentity;
let harness: Harness;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  fake = await startFakeXeroIdentity();
});

afterAll(() => fake.close());

beforeEach(async () => {
  harness = createHarness(fake);
  app = Fastify();
  registerOAuthRoutes(app, { flow: harness.flow, allowedOrigin: 'https://org.crm.dynamics.com' });
  base = await listen(app);
});

afterEach(() => app.close());

async function connectRedirect(): Promise<URL> {
  const nonce = await harness.issueNonce(CONNECTION);
  const response = await send(base, 'GET', `/oauth/connect?connection=${CONNECTION}&nonce=${nonce}`);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

async function callback(tenants = [ORG_A, ORG_B]) {
  const authorize = await connectRedirect();
  const code = fake.authorize(authorize.searchParams.get('code_challenge')!, tenants);
  const state = authorize.searchParams.get('state')!;
  return send(base, 'GET', `/oauth/callback?code=${code}&state=${encodeURIComponent(state)}`);
}

describe('OAuth routes', () => {
  it('redirects GET /oauth/connect to the Xero consent page', async () => {
    const location = await connectRedirect();
    expect(location.pathname).toBe('/identity/connect/authorize');
  });

  it('answers a bad nonce with a 403 error page and no redirect', async () => {
    harness.rows.add({ id: CONNECTION });
    const response = await send(base, 'GET', `/oauth/connect?connection=${CONNECTION}&nonce=guess`);
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.body).toContain('already used or never issued');
  });

  it('answers a connect link without parameters with 400', async () => {
    expect((await send(base, 'GET', '/oauth/connect')).status).toBe(400);
  });

  it('shows the organisation chooser as a script-free form POST with escaped names', async () => {
    const response = await callback();
    expect(response.status).toBe(200);
    expect(response.body).toContain('<form method="post" action="/oauth/choose">');
    expect(response.body).toContain('Beta &lt;Trading&gt; &amp; Co');
    expect(response.body).not.toMatch(/<script/i);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('connects the organisation posted from the chooser', async () => {
    const chooser = await callback();
    const ticket = /name="ticket" value="([^"]+)"/.exec(chooser.body)![1];
    const response = await send(base, 'POST', '/oauth/choose', {
      headers: FORM,
      body: new URLSearchParams({ ticket, tenantId: ORG_A.tenantId }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('Connected to Alpha Ltd');
    expect(harness.rows.row(CONNECTION)!.status).toBe(CHOICES.connectionStatus.values.connected);
  });

  it('answers a forged callback with a 400 error page', async () => {
    const response = await send(base, 'GET', '/oauth/callback?code=x&state=forged.state');
    expect(response.status).toBe(400);
    expect(response.body).toContain('Sign-in not accepted');
  });

  it('disconnects through a form-encoded POST and answers JSON with CORS for the org only', async () => {
    await callback([ORG_A]);
    const nonce = await harness.issueNonce(CONNECTION);
    const response = await send(base, 'POST', '/oauth/disconnect', {
      headers: { ...FORM, origin: 'https://org.crm.dynamics.com' },
      body: new URLSearchParams({ connection: CONNECTION, nonce }).toString(),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'disconnected', warning: null });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://org.crm.dynamics.com');
    expect(harness.rows.row(CONNECTION)!.status).toBe(CHOICES.connectionStatus.values.disconnected);
  });

  it('refuses a disconnect without a valid nonce with 403 and no CORS for a foreign origin', async () => {
    await callback([ORG_A]);
    const response = await send(base, 'POST', '/oauth/disconnect', {
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ connection: CONNECTION, nonce: 'guess' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await harness.tokens.get(CONNECTION)).not.toBeNull();
  });
});
