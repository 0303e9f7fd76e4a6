// The identity side (reference/xero-api.md §4): PKCE code flow through the consent page, refresh
// rotation with the 30-minute grace, expiry, connections, and auth errors on the Accounting API.
import { createHash, randomBytes } from 'node:crypto';
import type { XeroEmulator } from '../../xero';
import { rejectionStatus, startEmulator, xeroClientFor } from './helpers';

let emulator: XeroEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ organisations: [{ name: 'Org A' }, { name: 'Org B' }] });
});

afterAll(() => emulator.stop());

// The granular scopes: the emulator is an app created after 2 March 2026 (§4 Scopes).
const SCOPE = 'offline_access accounting.invoices accounting.contacts accounting.settings';

async function tokenRequest(form: Record<string, string>, basic = true) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic)
    headers.authorization = `Basic ${Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64')}`;
  const response = await fetch(`${emulator.url}/connect/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json() };
}

/** Walks the consent page like a browser: fetch the HTML, tick the organisations, post the form. */
async function consentThroughPage(challenge: string, pick: (tenantIds: string[]) => string[]) {
  const authorize = new URL('/identity/connect/authorize', emulator.url);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: emulator.clientId,
    redirect_uri: emulator.redirectUris[0],
    scope: SCOPE,
    state: 'st-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const html = await (await fetch(authorize)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.append(name, value);
  const tenants = [...html.matchAll(/<input type="checkbox" name="tenant" value="([^"]+)"/g)].map(
    (m) => m[1],
  );
  for (const tenant of pick(tenants)) form.append('tenant', tenant);
  form.append('decision', 'allow');
  const posted = await fetch(`${emulator.url}/identity/connect/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { html, status: posted.status, location: new URL(posted.headers.get('location') ?? 'http://none/') };
}

function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function freshRefreshToken(): Promise<string> {
  const { code } = emulator.admin.consent({ scope: SCOPE });
  return (
    await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: emulator.redirectUris[0] })
  ).body.refresh_token;
}

describe('authorization code with PKCE through the consent page', () => {
  it('lists every organisation on the consent page with an Allow access button (§4)', async () => {
    const { html } = await consentThroughPage(pkce().challenge, () => []);
    expect(html).toContain('Org A');
    expect(html).toContain('Org B');
    expect(html).toContain('Allow access');
  });

  it('redirects with code and state, and exchanges the code with the verifier for tokens (§4)', async () => {
    const { verifier, challenge } = pkce();
    const consent = await consentThroughPage(challenge, (t) => t);
    expect(consent.status).toBe(302);
    expect(consent.location.searchParams.get('state')).toBe('st-123');
    const tokens = await tokenRequest(
      {
        grant_type: 'authorization_code',
        code: consent.location.searchParams.get('code')!,
        redirect_uri: emulator.redirectUris[0],
        code_verifier: verifier,
        client_id: emulator.clientId,
      },
      false,
    );
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 1800,
      refresh_token: expect.any(String),
    });
    expect(tokens.body.access_token.split('.')).toHaveLength(3);
  });

  it('lists the chosen organisations on /connections, filterable by authEventId (§4 Tenants)', async () => {
    const { verifier, challenge } = pkce();
    const consent = await consentThroughPage(challenge, (t) => [t[1]]);
    const tokens = await tokenRequest({
      grant_type: 'authorization_code',
      code: consent.location.searchParams.get('code')!,
      code_verifier: verifier,
    });
    const all = await (
      await fetch(`${emulator.url}/connections`, {
        headers: { authorization: `Bearer ${tokens.body.access_token}` },
      })
    ).json();
    const latest = all.find((c: { tenantName: string }) => c.tenantName === 'Org B');
    const filtered = await (
      await fetch(`${emulator.url}/connections?authEventId=${latest.authEventId}`, {
        headers: { authorization: `Bearer ${tokens.body.access_token}` },
      })
    ).json();
    expect(filtered.map((c: { tenantName: string }) => c.tenantName)).toEqual(['Org B']);
    expect(latest).toMatchObject({
      tenantType: 'ORGANISATION',
      createdDateUtc: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('refuses a wrong code_verifier with invalid_grant (§4 PKCE)', async () => {
    const consent = await consentThroughPage(pkce().challenge, (t) => t);
    const tokens = await tokenRequest({
      grant_type: 'authorization_code',
      code: consent.location.searchParams.get('code')!,
      code_verifier: pkce().verifier,
    });
    expect([tokens.status, tokens.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('accepts an authorization code only once (§4 single-use codes)', async () => {
    const { code } = emulator.admin.consent({ scope: SCOPE });
    await tokenRequest({ grant_type: 'authorization_code', code });
    expect((await tokenRequest({ grant_type: 'authorization_code', code })).body.error).toBe('invalid_grant');
  });

  it('refuses an authorization code older than its short lifetime (§4)', async () => {
    const { code } = emulator.admin.consent({ scope: SCOPE });
    emulator.admin.advanceClock(31_000);
    expect((await tokenRequest({ grant_type: 'authorization_code', code })).body.error).toBe('invalid_grant');
  });
});

describe('refresh tokens', () => {
  it('rotates the refresh token on every refresh (§4)', async () => {
    const first = await freshRefreshToken();
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first);
  });

  it('lets the previous refresh token work once within 30 minutes, returning the same new pair (§4 grace)', async () => {
    const first = await freshRefreshToken();
    const rotated = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first });
    emulator.admin.advanceClock(10 * 60_000);
    const retried = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first });
    const again = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first });
    expect(retried.body.refresh_token).toBe(rotated.body.refresh_token);
    expect(retried.body.access_token).toBe(rotated.body.access_token);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('refuses the previous refresh token after the 30-minute grace with invalid_grant (§4)', async () => {
    const first = await freshRefreshToken();
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: first });
    emulator.admin.advanceClock(31 * 60_000);
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: first })).body.error).toBe(
      'invalid_grant',
    );
  });

  it('expires a refresh token unused for 60 days (§4)', async () => {
    const token = await freshRefreshToken();
    emulator.admin.advanceClock(61 * 24 * 60 * 60_000);
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: token })).body.error).toBe(
      'invalid_grant',
    );
  });

  it('revokes a refresh token and the connections of its grant (§4 revocation)', async () => {
    const token = await freshRefreshToken();
    const revoked = await fetch(`${emulator.url}/connect/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token,
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
      }),
    });
    expect(revoked.status).toBe(200);
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: token })).body.error).toBe(
      'invalid_grant',
    );
  });
});

describe('Accounting API authorisation', () => {
  it('answers 401 to an expired access token (§4 access tokens last 30 minutes)', async () => {
    const tokens = emulator.admin.issueTokenSet();
    emulator.admin.advanceClock(31 * 60_000);
    const xero = xeroClientFor(emulator, tokens.access_token);
    expect(await rejectionStatus(xero.accountingApi.getOrganisations(emulator.tenants[0].tenantId))).toBe(
      401,
    );
  });

  it('answers 403 when the xero-tenant-id was not authorised by the token (§4)', async () => {
    const tokens = emulator.admin.issueTokenSet({ tenantIds: [emulator.tenants[0].tenantId] });
    const unconnected = emulator.admin.createOrganisation({ name: 'Never connected' });
    const xero = xeroClientFor(emulator, tokens.access_token);
    expect(await rejectionStatus(xero.accountingApi.getOrganisations(unconnected.tenantId))).toBe(403);
  });

  it('stops authorising a tenant once its connection is deleted (§4 DELETE /connections/{id})', async () => {
    const tokens = emulator.admin.issueTokenSet();
    const auth = { authorization: `Bearer ${tokens.access_token}` };
    const list = await (await fetch(`${emulator.url}/connections`, { headers: auth })).json();
    const target = list.find((c: { tenantId: string }) => c.tenantId === emulator.tenants[1].tenantId);
    expect(
      (await fetch(`${emulator.url}/connections/${target.id}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(204);
    const xero = xeroClientFor(emulator, tokens.access_token);
    expect(await rejectionStatus(xero.accountingApi.getOrganisations(emulator.tenants[1].tenantId))).toBe(
      403,
    );
  });

  it('issues client-credentials tokens that work with an empty xero-tenant-id (§4 Custom Connections)', async () => {
    const tokens = await tokenRequest({ grant_type: 'client_credentials', scopes: 'accounting.settings' });
    const xero = xeroClientFor(emulator, tokens.body.access_token);
    const org = await xero.accountingApi.getOrganisations('');
    expect(tokens.body.refresh_token).toBeUndefined();
    expect(org.body.organisations![0].name).toBe('Org A');
  });

  it('publishes the OpenID discovery document with the token and revocation endpoints (§4)', async () => {
    const config = await (await fetch(`${emulator.identityUrl}/.well-known/openid-configuration`)).json();
    expect(config).toMatchObject({
      token_endpoint: `${emulator.url}/connect/token`,
      revocation_endpoint: `${emulator.url}/connect/revocation`,
    });
  });
});
