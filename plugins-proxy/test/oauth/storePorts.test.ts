/**
 * The OAuth ports over the relay's real Store (in-memory SQLite), including the refresh
 * single-flight across two TokenManagers that share only that store.
 */
import { randomBytes } from 'node:crypto';
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { createConnectFlow } from '../../src/oauth/connectFlow';
import { deriveStateKey } from '../../src/oauth/crypto';
import { InMemoryConnectionRows } from '../../src/oauth/memoryPorts';
import { storeLockPort, storeOAuthStateStore, storeTokenStore } from '../../src/oauth/storePorts';
import { TokenManager } from '../../src/oauth/tokenManager';
import { openTokenSet } from '../../src/oauth/tokenSet';
import { createXeroIdentity } from '../../src/oauth/xeroIdentity';
import type { FakeXeroIdentity } from './fakeXeroIdentity';
import { CLIENT_ID, CLIENT_SECRET, startFakeXeroIdentity } from './fakeXeroIdentity';
import { newCipher, ORG_A, TestClock } from './oauthHarness';

const CONNECTION = 'c0ffee00-0000-4000-8000-000000000003';

let fake: FakeXeroIdentity;
let store: Store;
let clock: TestClock;

beforeAll(async () => {
  clock = new TestClock();
  fake = await startFakeXeroIdentity(clock.now);
});

afterAll(() => fake.close());

beforeEach(() => {
  store = openMemoryStore();
  fake.refreshCalls = 0;
});

afterEach(() => store.close());

describe('store-backed token store', () => {
  it('writes only over the version it read', async () => {
    const tokens = storeTokenStore(store, clock);
    expect(await tokens.put(CONNECTION, ORG_A.tenantId, 'blob-1', 0)).toBe(true);
    expect(await tokens.put(CONNECTION, ORG_A.tenantId, 'blob-2', 0)).toBe(false);
    expect(await tokens.get(CONNECTION)).toEqual({ blob: 'blob-1', version: 1 });
  });
});

describe('store-backed OAuth state store', () => {
  it('hands a value out once', async () => {
    const state = storeOAuthStateStore(store, clock);
    await state.put('key-1', 'value-1', 60_000);
    expect(await Promise.all([state.take('key-1'), state.take('key-1')])).toEqual(
      expect.arrayContaining(['value-1', null]),
    );
    expect(await state.take('key-1')).toBeNull();
  });

  it('hands out a value put again under a key already taken', async () => {
    const state = storeOAuthStateStore(store, clock);
    await state.put('ticket', 'first', 60_000);
    await state.take('ticket');
    await state.put('ticket', 'second', 60_000);
    expect(await state.take('ticket')).toBe('second');
  });

  it('does not hand out an expired value', async () => {
    const state = storeOAuthStateStore(store, clock);
    await state.put('key-2', 'value', 1000);
    clock.advance(1000);
    expect(await state.take('key-2')).toBeNull();
  });
});

describe('token refresh over the shared store', () => {
  async function connectedThroughStore() {
    const cipher = newCipher();
    const identity = createXeroIdentity({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: 'http://127.0.0.1/oauth/callback',
      loginBaseUrl: fake.baseUrl,
      identityBaseUrl: fake.baseUrl,
      connectionsUrl: fake.connectionsUrl,
    });
    const rows = new InMemoryConnectionRows();
    const nonce = randomBytes(16).toString('base64url');
    rows.add({ id: CONNECTION, nonce, nonceIssuedOn: new Date(clock.now()) });
    const tokens = storeTokenStore(store, clock);
    const locks = storeLockPort(store, clock);
    const flow = createConnectFlow({
      rows,
      identity,
      tokens,
      locks,
      cipher,
      clock,
      stateStore: storeOAuthStateStore(store, clock),
      stateKey: deriveStateKey({ id: 'k', key: randomBytes(32) }),
    });
    const started = await flow.startConnect({ connectionId: CONNECTION, nonce });
    if (started.kind !== 'redirect') throw new Error(started.message);
    const url = new URL(started.url);
    const code = fake.authorize(url.searchParams.get('code_challenge')!, [ORG_A]);
    const outcome = await flow.handleCallback({ code, state: url.searchParams.get('state')! });
    if (outcome.kind !== 'connected') throw new Error(`not connected: ${outcome.kind}`);
    const instance = (instanceId: string) =>
      new TokenManager({ identity, tokens, locks, cipher, clock, instanceId, lockPollMs: 5 });
    return { cipher, instance };
  }

  it('keeps the stored tokens unreadable in the raw store', async () => {
    const { cipher } = await connectedThroughStore();
    const raw = (await store.getToken(CONNECTION))!.blob;
    const set = openTokenSet(cipher, CONNECTION, raw);
    expect(raw).not.toContain(set.refreshToken);
    expect(raw).not.toContain(ORG_A.tenantName);
  });

  it('makes one refresh call when two relay instances share only the store', async () => {
    const { instance } = await connectedThroughStore();
    clock.advance(31 * 60_000);
    const [a, b] = [instance('relay-a'), instance('relay-b')];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).getAccessToken(CONNECTION)),
    );
    expect(fake.refreshCalls).toBe(1);
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
  });
});
