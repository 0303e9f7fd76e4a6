// Scopes (reference/xero-api.md §4 Scopes; docs/xero-behaviour.md#scopes): an app created on or after
// 2 March 2026 cannot have accounting.transactions ("unauthorized_client … Invalid scope for client",
// help.apideck.com 8647746; osodevops/xero-cli v0.5.0), the discovery document lists the granular
// scopes, each call needs its scope (401 AuthorizationUnsuccessful otherwise, Xero-NetStandard#178),
// and the access token carries the consent's authentication_event_id.
import type { XeroEmulator } from '../../xero';
import { startEmulator } from './helpers';

let emulator: XeroEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(() => emulator.stop());

function authorizeUrl(target: XeroEmulator, scope: string): string {
  const url = new URL('/identity/connect/authorize', target.url);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: target.clientId,
    redirect_uri: target.redirectUris[0],
    scope,
    state: 's',
    auto_consent: 'all',
  }).toString();
  return url.toString();
}

async function redirectOf(target: XeroEmulator, scope: string): Promise<URL> {
  const reply = await fetch(authorizeUrl(target, scope), { redirect: 'manual' });
  return new URL(reply.headers.get('location')!);
}

async function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${emulator.apiBasePath}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'xero-tenant-id': emulator.tenants[0].tenantId,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

describe('scopes', () => {
  it('refuses the broad accounting.transactions scope for an app created after 2 March 2026 (§4)', async () => {
    const location = await redirectOf(emulator, 'offline_access accounting.transactions');
    expect(location.searchParams.get('error')).toBe('unauthorized_client');
    expect(location.searchParams.get('error_description')).toMatch(/Invalid scope for client/);
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('still grants the broad scopes to an app created before the cut-over (§4, until September 2027)', async () => {
    const legacy = await startEmulator({ legacyScopes: true });
    const location = await redirectOf(legacy, 'offline_access accounting.transactions');
    await legacy.stop();
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it('lists the granular scopes, and not accounting.transactions, in the discovery document (§4)', async () => {
    const config = await (await fetch(`${emulator.url}/.well-known/openid-configuration`)).json();
    expect(config.scopes_supported).toEqual(
      expect.arrayContaining(['accounting.invoices', 'accounting.payments.read', 'accounting.settings.read']),
    );
    expect(config.scopes_supported).not.toContain('accounting.transactions');
  });

  it('lets a read-only scope read and answers 401 AuthorizationUnsuccessful to a write (Xero-NetStandard#178)', async () => {
    const { access_token } = emulator.admin.issueTokenSet({
      scope: 'offline_access accounting.payments.read accounting.settings.read',
    });
    const read = await call(access_token, 'GET', '/Payments');
    const write = await call(access_token, 'PUT', '/Payments', { Payments: [] });
    expect([read.status, write.status]).toEqual([200, 401]);
    expect((await write.json()).Detail).toBe('AuthorizationUnsuccessful');
  });

  it('creates items under accounting.invoices, where the granular model puts them (§4 mapping)', async () => {
    const { access_token } = emulator.admin.issueTokenSet({
      scope: 'offline_access accounting.invoices accounting.settings.read',
    });
    const reply = await call(access_token, 'PUT', '/Items', { Items: [{ Code: 'SCOPE-1', Name: 'Scoped' }] });
    expect(reply.status).toBe(200);
  });

  it('puts the consent’s authentication_event_id in the access token, as /connections reports it (§4 Tenants)', async () => {
    const { access_token } = emulator.admin.issueTokenSet({ tenantIds: [emulator.tenants[0].tenantId] });
    const eventId = claims(access_token).authentication_event_id;
    const listed = await fetch(`${emulator.url}/connections?authEventId=${eventId}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(eventId).toEqual(expect.any(String));
    expect((await listed.json()).map((c: { tenantId: string }) => c.tenantId)).toEqual([
      emulator.tenants[0].tenantId,
    ]);
  });
});
