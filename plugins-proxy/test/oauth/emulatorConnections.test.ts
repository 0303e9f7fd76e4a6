/**
 * Connections that survive their neighbours (reference §4 Tenants and Scopes; docs/xero-behaviour.md
 * #connections, #scopes), against the Xero emulator: a connection is per app, Xero user and
 * organisation, and revoking a refresh token removes all of that user's connections.
 */
import { randomBytes } from 'node:crypto';
import type { XeroEmulator } from '../../../sandbox/xero';
import { startXeroEmulator } from '../../../sandbox/xero';
import { CHOICES } from '../../../solution/names';
import { DEFAULT_XERO_SCOPES } from '../../src/config';
import { createConnectFlow, type ConnectFlow } from '../../src/oauth/connectFlow';
import { deriveStateKey } from '../../src/oauth/crypto';
import {
  InMemoryConnectionRows,
  InMemoryLocks,
  InMemoryOAuthStateStore,
  InMemoryTokenStore,
} from '../../src/oauth/memoryPorts';
import { TokenManager } from '../../src/oauth/tokenManager';
import { createXeroIdentity } from '../../src/oauth/xeroIdentity';
import { newCipher, TestClock } from './oauthHarness';

const REDIRECT = 'http://127.0.0.1:1/oauth/callback';
const STATUS = CHOICES.connectionStatus.values;
const ROW_A = 'c0ffee00-0000-4000-8000-0000000000a1';
const ROW_B = 'c0ffee00-0000-4000-8000-0000000000b2';

let emulator: XeroEmulator;
let flow: ConnectFlow;
let manager: TokenManager;
let rows: InMemoryConnectionRows;
let north: string;
let south: string;
const asked: string[] = [];
const clock = new TestClock(Date.now());

beforeEach(async () => {
  asked.length = 0;
  emulator = await startXeroEmulator({
    now: clock.now,
    redirectUris: [REDIRECT],
    organisations: [{ name: 'Emu North Ltd' }, { name: 'Emu South Ltd' }],
  });
  [north, south] = emulator.tenants.map((t) => t.tenantId);
  const identity = createXeroIdentity({
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    redirectUri: REDIRECT,
    loginBaseUrl: emulator.url,
    identityBaseUrl: emulator.identityUrl,
    connectionsUrl: `${emulator.url}/connections`,
    fetch: (url, init) => {
      asked.push(String(url));
      return fetch(url, init);
    },
  });
  rows = new InMemoryConnectionRows();
  const tokens = new InMemoryTokenStore();
  const cipher = newCipher();
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

afterEach(() => emulator.stop());

function nonceFor(row: string): string {
  const nonce = randomBytes(16).toString('base64url');
  rows.add({ ...(rows.row(row) ?? { id: row }), nonce, nonceIssuedOn: new Date(clock.now()) });
  return nonce;
}

/** Connects a row as the admin would: consent (as `user`) to `consented`, then choose `chosen`. */
async function connect(
  row: string,
  consented: string[],
  chosen: string,
  options: { user?: string; scope?: (asked: string) => string } = {},
) {
  const start = await flow.startConnect({ connectionId: row, nonce: nonceFor(row) });
  if (start.kind !== 'redirect') throw new Error(`connect refused: ${start.message}`);
  const authorize = new URL(start.url);
  authorize.searchParams.set('auto_consent', consented.join(','));
  if (options.user) authorize.searchParams.set('user', options.user);
  if (options.scope) authorize.searchParams.set('scope', options.scope(authorize.searchParams.get('scope')!));
  const consent = await fetch(authorize, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const outcome = await flow.handleCallback({
    code: back.searchParams.get('code') ?? undefined,
    state: back.searchParams.get('state') ?? undefined,
    error: back.searchParams.get('error') ?? undefined,
  });
  return outcome.kind === 'chooseOrganisation' ? flow.chooseOrganisation(outcome.ticket, chosen) : outcome;
}

async function organisationStatus(row: string, tenantId: string): Promise<number> {
  const { accessToken } = await manager.getAccessToken(row);
  const reply = await fetch(`${emulator.apiBasePath}/Organisation`, {
    headers: { authorization: `Bearer ${accessToken}`, 'xero-tenant-id': tenantId },
  });
  return reply.status;
}

const tenantsOf = (user?: string) =>
  emulator.admin
    .connections(user)
    .map((c) => c.tenantId)
    .sort();

describe('scopes', () => {
  it('asks for the minimal granular scopes, payments and settings read-only, which a new app is granted', async () => {
    const start = await flow.startConnect({ connectionId: ROW_A, nonce: nonceFor(ROW_A) });
    expect(start.kind === 'redirect' && new URL(start.url).searchParams.get('scope')).toBe(
      DEFAULT_XERO_SCOPES,
    );
    expect(DEFAULT_XERO_SCOPES).toContain('accounting.payments.read');
    expect(DEFAULT_XERO_SCOPES).toContain('accounting.settings.read');
    expect(await connect(ROW_A, [north], north)).toMatchObject({ kind: 'connected', tenantId: north });
  });

  it('finds the consent’s organisations with ?authEventId= from the access token', async () => {
    asked.length = 0;
    await connect(ROW_A, [north], north);
    expect(asked.some((url) => /\/connections\?authEventId=[0-9a-f-]{36}$/.test(url))).toBe(true);
  });

  it('asks for a reconnect, naming the missing scope, when Xero granted less than the relay needs', async () => {
    const outcome = await connect(ROW_A, [north], north, {
      scope: (s) => s.replace(' accounting.contacts', ''),
    });
    expect(outcome).toMatchObject({ kind: 'refused', status: 403 });
    expect(outcome.kind === 'refused' && outcome.message).toContain('accounting.contacts');
    expect(rows.row(ROW_A)).toMatchObject({ status: STATUS.needsAttention });
    expect(rows.row(ROW_A)?.lastError).toContain('accounting.contacts');
  });
});

describe('connections', () => {
  it('disconnects the organisations a consent connected that no connection row uses', async () => {
    await connect(ROW_A, [north, south], north);
    expect(tenantsOf()).toEqual([north]);
  });

  it('keeps an organisation another row uses when a consent connects it again', async () => {
    await connect(ROW_B, [south], south);
    await connect(ROW_A, [north, south], north);
    expect(tenantsOf()).toEqual([north, south].sort());
    expect(await organisationStatus(ROW_B, south)).toBe(200);
  });

  it('disconnecting one row leaves another row’s organisation connected under the same Xero user', async () => {
    await connect(ROW_A, [north], north);
    await connect(ROW_B, [south], south);
    const disconnect = await flow.disconnect({ connectionId: ROW_A, nonce: nonceFor(ROW_A) });
    expect(disconnect).toMatchObject({ kind: 'disconnected', warning: null });
    expect(tenantsOf()).toEqual([south]);
    expect(await organisationStatus(ROW_B, south)).toBe(200);
  });

  it('revokes the sign-in when its grant has no other connection left', async () => {
    await connect(ROW_A, [north], north);
    await flow.disconnect({ connectionId: ROW_A, nonce: nonceFor(ROW_A) });
    expect(asked.some((url) => url.endsWith('/connect/revocation'))).toBe(true);
    expect(tenantsOf()).toEqual([]);
  });

  it('removes the old connection when another Xero user reconnects the row', async () => {
    await connect(ROW_A, [north], north);
    const before = emulator.admin.connections();
    await connect(ROW_A, [north], north, { user: 'second-xero-user' });
    const after = emulator.admin.connections();
    expect(after.map((c) => c.userId)).toEqual(['second-xero-user']);
    expect(after[0].id).not.toBe(before[0].id);
    expect(await organisationStatus(ROW_A, north)).toBe(200);
  });
});
