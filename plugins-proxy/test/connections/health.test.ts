/**
 * The connection row kept current against the Dataverse emulator: the OAuth ConnectionRows port,
 * health columns written only when they change, and invalid_grant → Needs attention with the
 * connection's jobs held, resumed by a reconnect.
 */
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
import { TokenCipher } from '../../src/oauth/crypto';
import { ConnectionNeedsAttention } from '../../src/oauth/errors';
import { storeLockPort, storeTokenStore } from '../../src/oauth/storePorts';
import { TokenManager } from '../../src/oauth/tokenManager';
import { createXeroIdentity } from '../../src/oauth/xeroIdentity';
import { replaceTokenSet, type StoredTokenSet } from '../../src/oauth/tokenSet';
import { startPullHarness, type PullHarness } from '../pull/pullHarness';

const C = COLUMNS.connection;
const STATUS = CHOICES.connectionStatus.values;
let p: PullHarness;

beforeAll(async () => {
  p = await startPullHarness();
}, 60_000);
afterAll(() => p?.stop());

const connectionRow = () => p.h.api.get(`${TABLES.connection.entitySet}(${p.connectionId})`);

function connectionWrites(): number {
  return p.h.dataverse.admin.requestLog
    .snapshot()
    .entries.filter((e) => e.method === 'PATCH' && e.path.includes(TABLES.connection.entitySet)).length;
}

async function storeTokens(change: Partial<StoredTokenSet> = {}): Promise<void> {
  const issued = p.h.xero.admin.issueTokenSet({ tenantIds: [p.h.tenantId] });
  await replaceTokenSet(
    storeTokenStore(p.h.store),
    new TokenCipher(p.h.config.encryption.current),
    p.connectionId,
    {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? '',
      accessTokenExpiresAt: issued.expires_at * 1000,
      refreshTokenIssuedAt: Date.now(),
      tenantId: p.h.tenantId,
      tenantName: 'Harness Demo Ltd',
      xeroConnectionId: '',
      scope: 'accounting.transactions accounting.contacts accounting.settings',
      ...change,
    },
  );
}

describe('the ConnectionRows port', () => {
  it('reads the row the OAuth core needs', async () => {
    expect(await p.services.connectionRows.getConnection(p.connectionId)).toMatchObject({
      id: p.connectionId,
      tenantId: p.h.tenantId,
      status: STATUS.connected,
    });
  });

  it('writes a ConnectionPatch to the row, leaving other columns alone', async () => {
    await p.services.connectionRows.updateConnection(p.connectionId, { tenantName: 'Renamed Org Ltd' });
    expect(await connectionRow()).toMatchObject({
      [C.tenantName]: 'Renamed Org Ltd',
      [C.tenantId]: p.h.tenantId,
    });
  });

  it('finds another row that uses the organisation, and not the row itself', async () => {
    const otherId = await p.h.api.create(TABLES.connection.entitySet, {
      [C.name]: 'Second row',
      [C.tenantId]: 'd00d0000-0000-4000-8000-000000000001',
      [C.status]: STATUS.connected,
    });
    const found = await p.services.connectionRows.findConnectionByTenant(
      'd00d0000-0000-4000-8000-000000000001',
      p.connectionId,
    );
    expect(found?.id).toBe(otherId);
    expect(await p.services.connectionRows.findConnectionByTenant(p.h.tenantId, p.connectionId)).toBeNull();
  });
});

describe('health columns', () => {
  it('records a real token refresh against the Xero emulator on the row', async () => {
    await storeTokens({ accessTokenExpiresAt: Date.now() - 60_000 });
    const cfg = p.h.config;
    const manager = new TokenManager({
      identity: createXeroIdentity(cfg.xero),
      tokens: storeTokenStore(p.h.store),
      locks: storeLockPort(p.h.store),
      cipher: new TokenCipher(cfg.encryption.current),
    });
    manager.onRefreshed((id, health) => p.services.onTokenRefreshed(id, health));
    const before = Math.floor(Date.now() / 1000) * 1000;
    await manager.getAccessToken(p.connectionId);
    const row = await connectionRow();
    expect(Date.parse(String(row[C.lastRefreshOn]))).toBeGreaterThanOrEqual(before);
    expect(Date.parse(String(row[C.refreshDeadline]))).toBeGreaterThan(before + 59 * 24 * 3_600_000);
  });

  it('records a token refresh: last refresh and the refresh deadline', async () => {
    const lastRefreshOn = new Date('2026-12-01T09:00:00Z');
    const refreshDeadline = new Date('2027-01-30T09:00:00Z');
    await p.services.onTokenRefreshed(p.connectionId, { lastRefreshOn, refreshDeadline });
    const row = await connectionRow();
    expect(Date.parse(String(row[C.lastRefreshOn]))).toBe(lastRefreshOn.getTime());
    expect(Date.parse(String(row[C.refreshDeadline]))).toBe(refreshDeadline.getTime());
  });

  it('does not write the row again when nothing changed', async () => {
    const health = {
      lastRefreshOn: new Date('2026-12-02T09:00:00Z'),
      refreshDeadline: new Date('2027-01-31T09:00:00Z'),
    };
    await p.services.onTokenRefreshed(p.connectionId, health);
    p.h.dataverse.admin.requestLog.clear();
    await p.services.onTokenRefreshed(p.connectionId, health);
    expect(connectionWrites()).toBe(0);
  });
});

describe('when Xero no longer accepts the sign-in', () => {
  it('marks the row Needs attention, holds the jobs, and resumes them after a reconnect', async () => {
    await p.jobs.enqueueJob(
      { id: 'held-push', kind: 'push', connectionId: p.connectionId, nextAttemptAt: Date.now() + 3_600_000 },
      Date.now(),
    );
    await storeTokens({ accessTokenExpiresAt: Date.now() - 60_000, refreshToken: 'revoked-refresh-token' });
    const report = await p.services.payments.scheduled(p.connectionId);
    expect(report.failed).toBe(1);
    const row = await connectionRow();
    expect(row[C.status]).toBe(STATUS.needsAttention);
    expect(row[C.lastError]).toMatch(/invalid_grant.*Reconnect to Xero/);
    expect((await p.jobs.getJob('held-push'))?.state).toBe('held');

    await storeTokens();
    await p.services.onConnected(p.connectionId);
    expect((await p.jobs.getJob('held-push'))?.state).toBe('queued');
    expect(await connectionRow()).toMatchObject({ [C.status]: STATUS.connected, [C.lastError]: null });
  });

  it('leaves a row an admin disconnected saying Disconnected while it holds its jobs', async () => {
    await p.h.api.update(`${TABLES.connection.entitySet}(${p.connectionId})`, {
      [C.status]: STATUS.disconnected,
      [C.lastError]: null,
    });
    await p.jobs.enqueueJob(
      { id: 'after-disconnect', kind: 'push', connectionId: p.connectionId },
      Date.now(),
    );
    await p.services.health.markNeedsAttention(
      new ConnectionNeedsAttention(p.connectionId, 'not_connected', 'no sign-in stored'),
    );
    expect((await p.jobs.getJob('after-disconnect'))?.state).toBe('held');
    expect(await connectionRow()).toMatchObject({ [C.status]: STATUS.disconnected, [C.lastError]: null });
  });
});
