import { randomBytes } from 'node:crypto';
import { CHOICES } from '../../../solution/names';
import { TokenCipher } from '../../src/oauth/crypto';
import { ConnectionNeedsAttention } from '../../src/oauth/errors';
import type { TokenStore } from '../../src/oauth/ports';
import { openTokenSet, replaceTokenSet } from '../../src/oauth/tokenSet';
import type { FakeXeroIdentity } from './fakeXeroIdentity';
import { startFakeXeroIdentity } from './fakeXeroIdentity';
import type { Harness } from './oauthHarness';
import { createHarness, ORG_A, TestClock } from './oauthHarness';

const CONNECTION = 'c0ffee00-0000-4000-8000-000000000001';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let fake: FakeXeroIdentity;
let harness: Harness;
let clock: TestClock;

beforeAll(async () => {
  clock = new TestClock();
  fake = await startFakeXeroIdentity(clock.now);
});

afterAll(() => fake.close());

beforeEach(async () => {
  fake.refreshCalls = 0;
  fake.loseRefreshResponses = 0;
  harness = createHarness(fake, clock);
  const outcome = await harness.connect(CONNECTION, [ORG_A]);
  if (outcome.kind !== 'connected') throw new Error(`setup failed: ${JSON.stringify(outcome)}`);
});

async function storedSet(h: Harness = harness) {
  const record = await h.tokens.get(CONNECTION);
  return openTokenSet(h.cipher, CONNECTION, record!.blob);
}

describe('TokenManager', () => {
  it('returns the stored access token without refreshing while it is fresh', async () => {
    const stored = await storedSet();
    await expect(harness.tokenManager().getAccessToken(CONNECTION)).resolves.toEqual({
      accessToken: stored.accessToken,
      tenantId: ORG_A.tenantId,
    });
    expect(fake.refreshCalls).toBe(0);
  });

  it('refreshes two minutes before the access token expires', async () => {
    clock.advance(28 * MINUTE + 1);
    await harness.tokenManager().getAccessToken(CONNECTION);
    expect(fake.refreshCalls).toBe(1);
  });

  it('makes exactly one refresh call for 20 concurrent callers on an expired token', async () => {
    clock.advance(31 * MINUTE);
    const manager = harness.tokenManager();
    const results = await Promise.all(Array.from({ length: 20 }, () => manager.getAccessToken(CONNECTION)));
    expect(fake.refreshCalls).toBe(1);
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
  });

  it('makes one refresh call when two relay instances share the lock and the store', async () => {
    clock.advance(31 * MINUTE);
    const first = harness.tokenManager({ instanceId: 'relay-a' });
    const second = harness.tokenManager({ instanceId: 'relay-b' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).getAccessToken(CONNECTION)),
    );
    expect(fake.refreshCalls).toBe(1);
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
  });

  it('stores the rotated refresh token, encrypted, before handing out the new access token', async () => {
    clock.advance(31 * MINUTE);
    const before = await storedSet();
    let releasePut: () => void = () => undefined;
    const putGate = new Promise<void>((resolve) => (releasePut = resolve));
    let putEntered: () => void = () => undefined;
    const putStarted = new Promise<void>((resolve) => (putEntered = resolve));
    let handedOut = false;
    const gatedTokens: TokenStore = {
      get: (id) => harness.tokens.get(id),
      delete: (id) => harness.tokens.delete(id),
      put: async (...args) => {
        putEntered();
        await putGate;
        return harness.tokens.put(...args);
      },
    };
    const pending = harness
      .tokenManager({ tokens: gatedTokens })
      .getAccessToken(CONNECTION)
      .then((result) => {
        handedOut = true;
        return result;
      });
    await putStarted;
    await new Promise(setImmediate);
    expect(handedOut).toBe(false);
    releasePut();
    const result = await pending;
    const after = await storedSet();
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).toBe(result.accessToken);
    expect(harness.tokens.rawBlobs().join()).not.toContain(after.refreshToken);
  });

  it('keeps a reconnect that lands while a refresh is in flight instead of overwriting it', async () => {
    clock.advance(31 * MINUTE);
    const reconnected = {
      ...(await storedSet()),
      accessToken: 'from-the-reconnect',
      accessTokenExpiresAt: clock.now() + 30 * MINUTE,
    };
    const racingTokens: TokenStore = {
      get: (id) => harness.tokens.get(id),
      delete: (id) => harness.tokens.delete(id),
      put: async (id, tenantId, blob, expectedVersion) => {
        await replaceTokenSet(harness.tokens, harness.cipher, id, reconnected);
        return harness.tokens.put(id, tenantId, blob, expectedVersion);
      },
    };
    const result = await harness.tokenManager({ tokens: racingTokens }).getAccessToken(CONNECTION);
    expect(result.accessToken).toBe('from-the-reconnect');
    expect((await storedSet()).accessToken).toBe('from-the-reconnect');
  });

  it('recovers from a lost refresh response by retrying with the previous refresh token', async () => {
    clock.advance(31 * MINUTE);
    fake.loseRefreshResponses = 1;
    const result = await harness.tokenManager().getAccessToken(CONNECTION);
    expect(fake.refreshCalls).toBe(2);
    expect((await storedSet()).accessToken).toBe(result.accessToken);
    clock.advance(31 * MINUTE);
    await expect(harness.tokenManager().getAccessToken(CONNECTION)).resolves.toHaveProperty(
      'tenantId',
      ORG_A.tenantId,
    );
  });

  it('raises ConnectionNeedsAttention on invalid_grant', async () => {
    clock.advance(31 * MINUTE);
    fake.revokeAllGrants();
    const failure = await harness
      .tokenManager()
      .getAccessToken(CONNECTION)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionNeedsAttention);
    expect(failure).toMatchObject({ connectionId: CONNECTION, reason: 'invalid_grant' });
    expect((failure as Error).message).toMatch(/Reconnect to Xero/);
  });

  it('raises ConnectionNeedsAttention when no token is stored for the connection', async () => {
    await expect(harness.tokenManager().getAccessToken('never-connected')).rejects.toMatchObject({
      reason: 'not_connected',
    });
  });

  it('reads a token written under the previous key after rotation and rewrites it under the new one', async () => {
    clock.advance(31 * MINUTE);
    const rotated = new TokenCipher({ id: 'k2', key: randomBytes(32) }, [harness.encryptionKey]);
    await harness.tokenManager({ cipher: rotated }).getAccessToken(CONNECTION);
    const blob = (await harness.tokens.get(CONNECTION))!.blob;
    expect(rotated.needsReencryption(blob)).toBe(false);
    expect(blob.startsWith('v1.k2.')).toBe(true);
  });

  it('reports each refresh so the row shows the last refresh and the new deadline', async () => {
    clock.advance(31 * MINUTE);
    const onRefreshed = jest.fn();
    const manager = harness.tokenManager();
    manager.onRefreshed(onRefreshed);
    await manager.getAccessToken(CONNECTION);
    expect(onRefreshed).toHaveBeenCalledWith(CONNECTION, {
      lastRefreshOn: new Date(clock.now()),
      refreshDeadline: new Date(clock.now() + 60 * DAY),
    });
  });
});

describe('keep-alive', () => {
  const connectionIds = [CONNECTION];

  it('leaves a connection alone while its refresh token is younger than 30 days', async () => {
    clock.advance(29 * DAY);
    const report = await harness.tokenManager().refreshIdleConnections(clock.now(), connectionIds);
    expect(report.refreshed).toEqual([]);
    expect(fake.refreshCalls).toBe(0);
  });

  it('refreshes an idle connection after 30 days, well before the 60-day deadline', async () => {
    const deadlineBefore = harness.rows.row(CONNECTION)!.refreshDeadline!.getTime();
    clock.advance(30 * DAY);
    const onRefreshed = jest.fn();
    const manager = harness.tokenManager();
    manager.onRefreshed(onRefreshed);
    const report = await manager.refreshIdleConnections(clock.now(), connectionIds);
    expect(report.refreshed).toEqual([CONNECTION]);
    expect(clock.now()).toBeLessThan(deadlineBefore);
    expect((await storedSet()).refreshTokenIssuedAt).toBe(clock.now());
    expect(onRefreshed.mock.calls[0][1].refreshDeadline.getTime()).toBe(clock.now() + 60 * DAY);
  });

  it('reports a connection whose consent was revoked as needing attention', async () => {
    clock.advance(31 * DAY);
    fake.revokeAllGrants();
    const report = await harness.tokenManager().refreshIdleConnections(clock.now(), connectionIds);
    expect(report.needsAttention.map((problem) => problem.connectionId)).toEqual([CONNECTION]);
    expect(harness.rows.row(CONNECTION)!.status).toBe(CHOICES.connectionStatus.values.connected);
  });
});
