// Connections changing under an app (reference/xero-api.md §4 Tenants; docs/xero-behaviour.md#connections):
// an organisation that removes the app is gone from /connections and its calls get 403
// AuthenticationUnsuccessful (laravel-xero#40, xero-node#432); an expired access token gets 401;
// each Xero user's consent is its own connection; revoking one user's refresh token removes that
// user's connections only.
import type { XeroEmulator } from '../../xero';
import { startEmulator } from './helpers';

let emulator: XeroEmulator;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  emulator = await startEmulator({ organisations: [{ name: 'Org A' }, { name: 'Org B' }] });
  [orgA, orgB] = emulator.tenants.map((t) => t.tenantId);
});

afterAll(() => emulator.stop());

async function organisation(token: string, tenantId: string) {
  const reply = await fetch(`${emulator.apiBasePath}/Organisation`, {
    headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': tenantId },
  });
  return { status: reply.status, body: await reply.json() };
}

async function connections(token: string): Promise<{ id: string; tenantId: string }[]> {
  const reply = await fetch(`${emulator.url}/connections`, { headers: { authorization: `Bearer ${token}` } });
  return reply.json();
}

describe('connection changes', () => {
  it('drops one organisation’s connection on demand: 403 AuthenticationUnsuccessful there, the other still works', async () => {
    const { access_token } = emulator.admin.issueTokenSet({ tenantIds: [orgA, orgB] });
    emulator.admin.dropConnection(orgB);
    const [a, b] = [await organisation(access_token, orgA), await organisation(access_token, orgB)];
    expect([a.status, b.status]).toEqual([200, 403]);
    expect(b.body.Detail).toBe('AuthenticationUnsuccessful');
    expect((await connections(access_token)).map((c) => c.tenantId)).toEqual([orgA]);
  });

  it('expires access tokens on demand: 401, while the refresh token still works (§4)', async () => {
    const tokens = emulator.admin.issueTokenSet({ tenantIds: [orgA] });
    emulator.admin.expireAccessTokens();
    expect((await organisation(tokens.access_token, orgA)).status).toBe(401);
    const refreshed = await fetch(`${emulator.url}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }),
    });
    const pair = await refreshed.json();
    expect((await organisation(pair.access_token, orgA)).status).toBe(200);
  });

  it('keeps one connection per Xero user, and revoking one user’s grant leaves the other’s (§4 revocation)', async () => {
    const first = emulator.admin.issueTokenSet({ tenantIds: [orgA], userId: 'user-one' });
    const second = emulator.admin.issueTokenSet({ tenantIds: [orgA], userId: 'user-two' });
    await fetch(`${emulator.url}/connect/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: first.refresh_token!,
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
      }),
    });
    expect(emulator.admin.connections('user-one')).toHaveLength(0);
    expect(emulator.admin.connections('user-two').map((c) => c.tenantId)).toEqual([orgA]);
    expect((await organisation(second.access_token, orgA)).status).toBe(200);
  });

  it('revoking a refresh token removes every connection of that user, not just one (§4: "revoking removes all")', async () => {
    const tokens = emulator.admin.issueTokenSet({ tenantIds: [orgA, orgB], userId: 'user-three' });
    await fetch(`${emulator.url}/connect/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: tokens.refresh_token!,
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
      }),
    });
    expect(emulator.admin.connections('user-three')).toHaveLength(0);
  });
});
