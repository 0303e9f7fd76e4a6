/** Wiring shared by the OAuth tests: a test clock, the fake identity server and in-memory ports. */
import { randomBytes } from 'node:crypto';
import { createConnectFlow } from '../../src/oauth/connectFlow';
import type { ConnectFlow } from '../../src/oauth/connectFlow';
import type { EncryptionKey } from '../../src/oauth/crypto';
import { deriveStateKey, TokenCipher } from '../../src/oauth/crypto';
import type { ConnectOutcome } from '../../src/oauth/flowTypes';
import {
  InMemoryConnectionRows,
  InMemoryLocks,
  InMemoryOAuthStateStore,
  InMemoryTokenStore,
} from '../../src/oauth/memoryPorts';
import type { TokenManagerOptions } from '../../src/oauth/tokenManager';
import { TokenManager } from '../../src/oauth/tokenManager';
import type { XeroIdentity } from '../../src/oauth/xeroIdentity';
import { createXeroIdentity } from '../../src/oauth/xeroIdentity';
import type { FakeTenant, FakeXeroIdentity } from './fakeXeroIdentity';
import { CLIENT_ID, CLIENT_SECRET } from './fakeXeroIdentity';

export const ORG_A: FakeTenant = {
  tenantId: 'aaaaaaaa-0000-4000-8000-000000000001',
  tenantName: 'Alpha Ltd',
};
export const ORG_B: FakeTenant = {
  tenantId: 'bbbbbbbb-0000-4000-8000-000000000002',
  tenantName: 'Beta <Trading> & Co',
};

export class TestClock {
  constructor(public current = Date.UTC(2026, 11, 1, 9, 0, 0)) {}
  now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

export function newCipher(key: EncryptionKey = { id: 'k1', key: randomBytes(32) }): TokenCipher {
  return new TokenCipher(key);
}

export interface Harness {
  readonly clock: TestClock;
  readonly rows: InMemoryConnectionRows;
  readonly tokens: InMemoryTokenStore;
  readonly locks: InMemoryLocks;
  readonly stateStore: InMemoryOAuthStateStore;
  readonly cipher: TokenCipher;
  /** The key `cipher` writes with, for rotation tests. */
  readonly encryptionKey: EncryptionKey;
  readonly identity: XeroIdentity;
  readonly flow: ConnectFlow;
  /** Writes a fresh nonce on the row, as the connection form's script does; returns it. */
  issueNonce(connectionId: string): Promise<string>;
  /** Runs connect, the consent (authorising `tenants`) and the callback. */
  connect(connectionId: string, tenants: readonly FakeTenant[]): Promise<ConnectOutcome>;
  tokenManager(overrides?: Partial<TokenManagerOptions>): TokenManager;
}

export function createHarness(fake: FakeXeroIdentity, clock = new TestClock()): Harness {
  const rows = new InMemoryConnectionRows();
  const tokens = new InMemoryTokenStore();
  const locks = new InMemoryLocks(clock);
  const stateStore = new InMemoryOAuthStateStore(clock);
  const encryptionKey: EncryptionKey = { id: 'k1', key: randomBytes(32) };
  const cipher = newCipher(encryptionKey);
  const identity = createXeroIdentity({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: 'http://127.0.0.1/oauth/callback',
    loginBaseUrl: fake.baseUrl,
    identityBaseUrl: fake.baseUrl,
    connectionsUrl: fake.connectionsUrl,
    timeoutMs: 5000,
  });
  const stateKey = deriveStateKey({ id: 'k1', key: randomBytes(32) });
  const flow = createConnectFlow({ rows, identity, stateStore, locks, tokens, cipher, stateKey, clock });

  async function issueNonce(connectionId: string): Promise<string> {
    const nonce = randomBytes(16).toString('base64url');
    rows.add({
      ...(rows.row(connectionId) ?? { id: connectionId }),
      nonce,
      nonceIssuedOn: new Date(clock.now()),
    });
    return nonce;
  }

  async function connect(connectionId: string, tenants: readonly FakeTenant[]): Promise<ConnectOutcome> {
    const started = await flow.startConnect({ connectionId, nonce: await issueNonce(connectionId) });
    if (started.kind !== 'redirect') throw new Error(`connect refused: ${started.message}`);
    const authorize = new URL(started.url);
    const code = fake.authorize(authorize.searchParams.get('code_challenge') ?? '', tenants);
    return flow.handleCallback({ code, state: authorize.searchParams.get('state') ?? '' });
  }

  return {
    clock,
    rows,
    tokens,
    locks,
    stateStore,
    cipher,
    encryptionKey,
    identity,
    flow,
    issueNonce,
    connect,
    tokenManager: (overrides = {}) =>
      new TokenManager({ identity, tokens, locks, cipher, clock, lockPollMs: 5, ...overrides }),
  };
}
