/**
 * End to end against the sandbox's Xero emulator, over real HTTP: the relay's OAuth routes, the
 * emulator's consent (non-interactive `auto_consent`), the callback, choosing one of two
 * organisations, then a token refresh and a disconnect against the emulator's identity side.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { XeroEmulator } from '../../../sandbox/xero';
import { startXeroEmulator } from '../../../sandbox/xero';
import { CHOICES } from '../../../solution/names';
import type { ConnectFlow } from '../../src/oauth/connectFlow';
import { createConnectFlow } from '../../src/oauth/connectFlow';
import { deriveStateKey } from '../../src/oauth/crypto';
import {
  InMemoryConnectionRows,
  InMemoryLocks,
  InMemoryOAuthStateStore,
  InMemoryTokenStore,
} from '../../src/oauth/memoryPorts';
import { registerOAuthRoutes } from '../../src/routes/oauth';
import { TokenManager } from '../../src/oauth/tokenManager';
import { createXeroIdentity } from '../../src/oauth/xeroIdentity';
import { newCipher, TestClock } from './oauthHarness';
import { listen, send } from './listen';

const CONNECTION = 'c0ffee00-0000-4000-8000-0000000000e2';
const STATUS = CHOICES.connectionStatus.values;

let relay: FastifyInstance;
let relayUrl: string;
let emulator: XeroEmulator;
let flow: ConnectFlow;
let manager: TokenManager;
const clock = new TestClock(Date.now());
const rows = new InMemoryConnectionRows();
const tokens = new InMemoryTokenStore();
const cipher = newCipher();

beforeAll(async () => {
  relay = Fastify();
  // The flow needs the relay's own URL as redirect URI, known only once it listens.
  registerOAuthRoutes(relay, {
    flow: {
      startConnect: (input) => flow.startConnect(input),
      handleCallback: (input) => flow.handleCallback(input),
      chooseOrganisation: (ticket, tenantId) => flow.chooseOrganisation(ticket, tenantId),
      disconnect: (input) => flow.disconnect(input),
    },
  });
  relayUrl = await listen(relay);
  emulator = await startXeroEmulator({
    now: clock.now,
    redirectUris: [`${relayUrl}/oauth/callback`],
    organisations: [{ name: 'Emu North Ltd' }, { name: 'Emu South Ltd' }],
  });
  const identity = createXeroIdentity({
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    redirectUri: `${relayUrl}/oauth/callback`,
    loginBaseUrl: emulator.url,
    identityBaseUrl: emulator.identityUrl,
    connectionsUrl: `${emulator.url}/connections`,
  });
  const locks = new InMemoryLocks(clock);
  manager = new TokenManager({ identity, tokens, locks, cipher, clock });
  flow = createConnectFlow({
    rows,
    identity,
    locks,
    tokens,
    cipher,
    clock,
    stateStore: new InMemoryOAuthStateStore(clock),
    stateKey: deriveStateKey({ id: 'e2e', key: randomBytes(32) }),
    accessTokenFor: (connectionId) => manager.getAccessToken(connectionId),
  });
});

afterAll(async () => {
  await relay.close();
  await emulator.stop();
});

function issueNonce(): string {
  const nonce = randomBytes(16).toString('base64url');
  rows.add({ ...(rows.row(CONNECTION) ?? { id: CONNECTION }), nonce, nonceIssuedOn: new Date(clock.now()) });
  return nonce;
}

function relayPath(location: string): string {
  const url = new URL(location);
  expect(url.origin).toBe(relayUrl);
  return url.pathname + url.search;
}

describe('connect against the Xero emulator', () => {
  // The three steps run in order on one connection, as an admin would go through them.
  it('connects with PKCE and the organisation the admin chooses out of two', async () => {
    const [north, south] = emulator.tenants;
    const connect = await send(
      relayUrl,
      'GET',
      `/oauth/connect?connection=${CONNECTION}&nonce=${issueNonce()}`,
    );
    expect(connect.status).toBe(302);
    const authorize = new URL(connect.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    authorize.searchParams.set('auto_consent', `${north.tenantId},${south.tenantId}`);

    const consent = await fetch(authorize, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const chooser = await send(relayUrl, 'GET', relayPath(consent.headers.get('location')!));
    expect(chooser.status).toBe(200);
    expect(chooser.body).toContain('Emu North Ltd');
    expect(chooser.body).toContain('Emu South Ltd');

    const ticket = /name="ticket" value="([^"]+)"/.exec(chooser.body)![1];
    const chosen = await send(relayUrl, 'POST', '/oauth/choose', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ticket, tenantId: south.tenantId }).toString(),
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toContain('Connected to Emu South Ltd');
    expect(rows.row(CONNECTION)).toMatchObject({
      tenantId: south.tenantId,
      tenantName: 'Emu South Ltd',
      status: STATUS.connected,
    });
  });

  it('refreshes the access token at the emulator once it has expired', async () => {
    const first = await manager.getAccessToken(CONNECTION);
    clock.advance(31 * 60_000);
    const refreshed = await manager.getAccessToken(CONNECTION);
    expect(refreshed).toMatchObject({ tenantId: emulator.tenants[1].tenantId });
    expect(refreshed.accessToken).not.toBe(first.accessToken);
  });

  it('disconnects: the emulator no longer lists the organisation and no token is kept', async () => {
    const { accessToken } = await manager.getAccessToken(CONNECTION);
    const disconnect = await send(relayUrl, 'POST', '/oauth/disconnect', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ connection: CONNECTION, nonce: issueNonce() }).toString(),
    });
    expect(JSON.parse(disconnect.body)).toEqual({ status: 'disconnected', warning: null });
    expect(await tokens.get(CONNECTION)).toBeNull();
    expect(rows.row(CONNECTION)!.status).toBe(STATUS.disconnected);
    const remaining = await fetch(`${emulator.url}/connections`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(remaining.status).toBe(200);
    const listed = (await remaining.json()) as { tenantId: string }[];
    expect(listed.map((connection) => connection.tenantId)).not.toContain(emulator.tenants[1].tenantId);
  });
});
