import { Pool } from 'pg';
import { openPostgresStore } from '../../src/adapters/store/postgresStore';
import type { Store } from '../../src/adapters/store/store';
import { describeOnEachEngine, postgresAvailability, type StoreTarget } from './storeTargets';

const T0 = 1_700_000_000_000;
const LEASE = 30_000;
const ROW_A = '11111111-1111-4111-8111-111111111111';
const ROW_B = '22222222-2222-4222-8222-222222222222';
const ROW_C = '33333333-3333-4333-8333-333333333333';
const CONNECTION = 'c0000000-0000-4000-8000-000000000001';

function contract(target: StoreTarget): void {
  let store: Store;
  const extra: Store[] = [];

  async function another(orgId?: string): Promise<Store> {
    const s = await target.open(orgId);
    extra.push(s);
    return s;
  }

  beforeEach(async () => {
    await target.reset();
    store = await target.open();
  });
  afterEach(async () => {
    await Promise.all([store, ...extra.splice(0)].map((s) => s.close()));
  });
  afterAll(() => target.cleanup());

  describe('job ledger', () => {
    it('creates one job per sync row however often it is enqueued', async () => {
      expect(await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0)).toBe(true);
      expect(await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0 + 1)).toBe(false);
      expect(await store.listJobs()).toHaveLength(1);
    });

    it('stores the kind, connection, invoice and tenant of a new job as queued with no attempts', async () => {
      await store.enqueueJob(
        { id: ROW_A, kind: 'email', connectionId: CONNECTION, invoiceId: ROW_B, tenantId: 't1' },
        T0,
      );
      expect(await store.getJob(ROW_A)).toMatchObject({
        id: ROW_A,
        orgId: 'org-1',
        tenantId: 't1',
        kind: 'email',
        connectionId: CONNECTION,
        invoiceId: ROW_B,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: T0,
      });
    });

    it('returns null for a job that does not exist', async () => {
      expect(await store.getJob(ROW_C)).toBeNull();
    });

    it('claims due jobs, leases them to the claimer and counts the attempt', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      const [job] = await store.claimJobs('w1', 10, LEASE, T0);
      expect(job).toMatchObject({
        id: ROW_A,
        state: 'running',
        leaseOwner: 'w1',
        leaseExpiresAt: T0 + LEASE,
        attempts: 1,
      });
    });

    it('does not claim a job before its next attempt is due', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push', nextAttemptAt: T0 + 5000 }, T0);
      expect(await store.claimJobs('w1', 10, LEASE, T0 + 4999)).toEqual([]);
      expect(await store.claimJobs('w1', 10, LEASE, T0 + 5000)).toHaveLength(1);
    });

    it('does not claim a job whose lease is still held', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.claimJobs('w1', 10, LEASE, T0);
      expect(await store.claimJobs('w2', 10, LEASE, T0 + LEASE - 1)).toEqual([]);
    });

    it('lets another worker take over a job whose lease expired', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.claimJobs('crashed', 10, LEASE, T0);
      const [job] = await store.claimJobs('w2', 10, LEASE, T0 + LEASE);
      expect(job).toMatchObject({ leaseOwner: 'w2', attempts: 2 });
      expect(await store.completeJob(ROW_A, 'crashed', T0 + LEASE + 1)).toBe(false);
    });

    it('claims at most the limit, oldest due first', async () => {
      await store.enqueueJob({ id: ROW_B, kind: 'push' }, T0 + 1);
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.enqueueJob({ id: ROW_C, kind: 'push' }, T0 + 2);
      const jobs = await store.claimJobs('w1', 2, LEASE, T0 + 10);
      expect(jobs.map((j) => j.id)).toEqual([ROW_A, ROW_B]);
    });

    it('claims only the jobs matching a connection and kind filter', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push', connectionId: CONNECTION }, T0);
      await store.enqueueJob({ id: ROW_B, kind: 'email', connectionId: CONNECTION }, T0);
      await store.enqueueJob({ id: ROW_C, kind: 'push', connectionId: 'other' }, T0);
      const jobs = await store.claimJobs('w1', 10, LEASE, T0, { connectionId: CONNECTION, kinds: ['push'] });
      expect(jobs.map((j) => j.id)).toEqual([ROW_A]);
    });

    it('renews a lease only for its owner', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.claimJobs('w1', 10, LEASE, T0);
      expect(await store.renewLease(ROW_A, 'w2', LEASE, T0 + 10)).toBe(false);
      expect(await store.renewLease(ROW_A, 'w1', LEASE, T0 + 10)).toBe(true);
      expect((await store.getJob(ROW_A))?.leaseExpiresAt).toBe(T0 + 10 + LEASE);
    });

    it('completes a job and releases its lease', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.claimJobs('w1', 10, LEASE, T0);
      expect(await store.completeJob(ROW_A, 'w1', T0 + 5)).toBe(true);
      expect(await store.getJob(ROW_A)).toMatchObject({
        state: 'succeeded',
        leaseOwner: null,
        updatedAt: T0 + 5,
      });
      expect(await store.claimJobs('w2', 10, LEASE, T0 + LEASE * 10)).toEqual([]);
    });

    it('fails a job with its error', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.claimJobs('w1', 10, LEASE, T0);
      expect(await store.failJob(ROW_A, 'w1', 'Xero said no', T0 + 5)).toBe(true);
      expect(await store.getJob(ROW_A)).toMatchObject({ state: 'failed', lastError: 'Xero said no' });
    });

    it('requeues a retried job for its next attempt', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.claimJobs('w1', 10, LEASE, T0);
      expect(await store.retryJob(ROW_A, 'w1', T0 + 9000, '429', T0 + 5)).toBe(true);
      expect(await store.getJob(ROW_A)).toMatchObject({
        state: 'queued',
        nextAttemptAt: T0 + 9000,
        lastError: '429',
      });
      expect(await store.claimJobs('w1', 10, LEASE, T0 + 8999)).toEqual([]);
      expect(await store.claimJobs('w1', 10, LEASE, T0 + 9000)).toHaveLength(1);
    });

    it('holds the queued jobs of a connection and releases them later', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push', connectionId: CONNECTION }, T0);
      await store.enqueueJob({ id: ROW_B, kind: 'push', connectionId: CONNECTION }, T0);
      await store.enqueueJob({ id: ROW_C, kind: 'push', connectionId: 'other' }, T0);
      expect(await store.holdJobsForConnection(CONNECTION, 'reconnect to Xero', T0)).toBe(2);
      expect((await store.claimJobs('w1', 10, LEASE, T0 + 1)).map((j) => j.id)).toEqual([ROW_C]);
      expect(await store.releaseHeldJobs(CONNECTION, T0 + 100)).toBe(2);
      expect(await store.claimJobs('w1', 10, LEASE, T0 + 100)).toHaveLength(2);
    });

    it('holds a running job when its owner says so', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push', connectionId: CONNECTION }, T0);
      await store.claimJobs('w1', 10, LEASE, T0);
      expect(await store.holdJob(ROW_A, 'w1', 'consent revoked', T0 + 1)).toBe(true);
      expect(await store.getJob(ROW_A)).toMatchObject({ state: 'held', lastError: 'consent revoked' });
    });

    it('records the connection a held job resolved to, so that connection releases it', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.claimJobs('w1', 10, LEASE, T0);
      expect(await store.holdJob(ROW_A, 'w1', 'reconnect to Xero', T0 + 1, CONNECTION)).toBe(true);
      expect(await store.getJob(ROW_A)).toMatchObject({ state: 'held', connectionId: CONNECTION });
      expect(await store.releaseHeldJobs(CONNECTION, T0 + 2)).toBe(1);
    });

    it('counts jobs by state, including states with none', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.enqueueJob({ id: ROW_B, kind: 'push' }, T0 + 1);
      await store.claimJobs('w1', 1, LEASE, T0 + 2);
      expect(await store.countJobsByState()).toEqual({
        queued: 1,
        running: 1,
        succeeded: 0,
        failed: 0,
        held: 0,
      });
    });

    it('lists jobs filtered by state', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      await store.enqueueJob({ id: ROW_B, kind: 'push' }, T0 + 1);
      await store.claimJobs('w1', 1, LEASE, T0 + 2);
      expect((await store.listJobs({ state: 'queued' })).map((j) => j.id)).toEqual([ROW_B]);
    });

    it('keeps the jobs of one organisation invisible to another', async () => {
      await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
      const other = await another('org-2');
      expect(await other.getJob(ROW_A)).toBeNull();
      expect(await other.claimJobs('w1', 10, LEASE, T0)).toEqual([]);
      expect(await other.enqueueJob({ id: ROW_A, kind: 'push' }, T0)).toBe(true);
    });

    it('never gives the same job to two claimers racing on separate connections', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => `job-${String(i).padStart(3, '0')}`);
      for (const id of ids) await store.enqueueJob({ id, kind: 'push' }, T0);
      const claimers = [store, await another(), await another()];
      const claimed: string[] = [];
      await Promise.all(
        claimers.map(async (s, n) => {
          for (;;) {
            const jobs = await s.claimJobs(`w${n}`, 3, LEASE, T0 + 1);
            if (jobs.length === 0) return;
            claimed.push(...jobs.map((j) => j.id));
          }
        }),
      );
      expect(claimed.sort()).toEqual(ids);
    });
  });

  describe('idempotency ledger', () => {
    it('records a sent document and then its confirmation', async () => {
      const base = { syncRowId: ROW_A, tenantId: 't1', idempotencyKey: 'stl-key-1' };
      await store.recordIdempotency({ ...base, xeroDocumentId: null, xeroNumber: null, phase: 'sent' }, T0);
      await store.recordIdempotency(
        { ...base, xeroDocumentId: 'x-1', xeroNumber: 'INV-1', phase: 'confirmed' },
        T0 + 1,
      );
      expect(await store.getIdempotency(ROW_A)).toEqual({
        ...base,
        xeroDocumentId: 'x-1',
        xeroNumber: 'INV-1',
        phase: 'confirmed',
        sentAt: null,
        generation: null,
        lastAnswer: null,
        updatedAt: T0 + 1,
      });
    });

    it('keeps when a key was first sent and its generation until a record names new ones', async () => {
      const base = { syncRowId: ROW_A, tenantId: 't1', xeroDocumentId: null, xeroNumber: null };
      await store.recordIdempotency(
        { ...base, idempotencyKey: 'k1', phase: 'sent', sentAt: T0, generation: 1 },
        T0,
      );
      await store.recordSendAnswer(ROW_A, 'none', T0 + 5);
      expect(await store.getIdempotency(ROW_A)).toMatchObject({
        sentAt: T0,
        generation: 1,
        lastAnswer: 'none',
      });
      await store.recordIdempotency({ ...base, idempotencyKey: 'k1', phase: 'sent' }, T0 + 10);
      expect(await store.getIdempotency(ROW_A)).toMatchObject({
        sentAt: T0,
        generation: 1,
        lastAnswer: null,
      });
      await store.recordIdempotency(
        { ...base, idempotencyKey: 'k2', phase: 'sent', sentAt: T0 + 20, generation: 2 },
        T0 + 20,
      );
      expect(await store.getIdempotency(ROW_A)).toMatchObject({
        idempotencyKey: 'k2',
        sentAt: T0 + 20,
        generation: 2,
      });
    });

    it('ignores a send answer for a row never sent', async () => {
      await store.recordSendAnswer(ROW_B, 'error', T0);
      expect(await store.getIdempotency(ROW_B)).toBeNull();
    });

    it('keeps a known Xero id when a later record does not repeat it', async () => {
      const base = { syncRowId: ROW_A, tenantId: 't1', idempotencyKey: 'k', xeroNumber: null };
      await store.recordIdempotency({ ...base, xeroDocumentId: 'x-1', phase: 'sent' }, T0);
      await store.recordIdempotency({ ...base, xeroDocumentId: null, phase: 'confirmed' }, T0 + 1);
      expect((await store.getIdempotency(ROW_A))?.xeroDocumentId).toBe('x-1');
    });

    it('returns null for a sync row never sent', async () => {
      expect(await store.getIdempotency(ROW_B)).toBeNull();
    });
  });

  describe('email claims', () => {
    it('lets one claimer record an email as requested, and never again once requested or sent', async () => {
      const other = await another();
      expect(await store.claimEmail(ROW_A, 't1', T0)).toBe(true);
      expect(await other.claimEmail(ROW_A, 't1', T0 + 1)).toBe(false);
      await store.recordEmailOutcome(ROW_A, 'sent', T0 + 2);
      expect(await store.claimEmail(ROW_A, 't1', T0 + 3)).toBe(false);
      expect(await store.getEmailOutcome(ROW_A)).toBe('sent');
    });

    it('can be claimed again after Xero refused it, since nothing was sent', async () => {
      expect(await store.claimEmail(ROW_A, 't1', T0)).toBe(true);
      await store.recordEmailOutcome(ROW_A, 'refused', T0 + 1);
      expect(await store.claimEmail(ROW_A, 't1', T0 + 2)).toBe(true);
      expect(await store.getEmailOutcome(ROW_A)).toBe('requested');
    });

    it('knows no outcome for a row that never emailed, and keeps organisations apart', async () => {
      await store.claimEmail(ROW_A, 't1', T0);
      const otherOrg = await another('org-2');
      expect(await store.getEmailOutcome(ROW_B)).toBeNull();
      expect(await otherOrg.getEmailOutcome(ROW_A)).toBeNull();
      expect(await otherOrg.claimEmail(ROW_A, 't1', T0)).toBe(true);
    });
  });

  describe('tokens', () => {
    const token = { connectionId: CONNECTION, tenantId: 't1', blob: 'v1:k1:ciphertext' };

    it('writes the first token only when none is stored', async () => {
      expect(await store.putToken(token, 0, T0)).toEqual({ written: true, version: 1 });
      expect(await store.putToken({ ...token, blob: 'other' }, 0, T0)).toEqual({ written: false });
      expect(await store.getToken(CONNECTION)).toMatchObject({
        blob: token.blob,
        version: 1,
        tenantId: 't1',
      });
    });

    it('refuses a write based on a stale version', async () => {
      await store.putToken(token, 0, T0);
      expect(await store.putToken({ ...token, blob: 'b2' }, 1, T0 + 1)).toEqual({
        written: true,
        version: 2,
      });
      expect(await store.putToken({ ...token, blob: 'b-stale' }, 1, T0 + 2)).toEqual({ written: false });
      expect((await store.getToken(CONNECTION))?.blob).toBe('b2');
    });

    it('deletes a token', async () => {
      await store.putToken(token, 0, T0);
      await store.deleteToken(CONNECTION);
      expect(await store.getToken(CONNECTION)).toBeNull();
    });
  });

  describe('locks', () => {
    it('gives a lock to one owner until it is released', async () => {
      expect(await store.tryLock('refresh:c1', 'a', 10_000, T0)).toBe(true);
      expect(await store.tryLock('refresh:c1', 'b', 10_000, T0 + 1)).toBe(false);
      await store.unlock('refresh:c1', 'a');
      expect(await store.tryLock('refresh:c1', 'b', 10_000, T0 + 2)).toBe(true);
    });

    it('lets another owner take a lock whose ttl ran out', async () => {
      await store.tryLock('refresh:c1', 'a', 10_000, T0);
      expect(await store.tryLock('refresh:c1', 'b', 10_000, T0 + 10_000)).toBe(true);
    });

    it('ignores an unlock by someone who does not hold the lock', async () => {
      await store.tryLock('refresh:c1', 'a', 10_000, T0);
      await store.unlock('refresh:c1', 'b');
      expect(await store.tryLock('refresh:c1', 'b', 10_000, T0 + 1)).toBe(false);
    });

    it('grants a contended lock to exactly one of several instances', async () => {
      const stores = [store, await another(), await another()];
      const results = await Promise.all(stores.map((s, i) => s.tryLock('refresh:c2', `i${i}`, 10_000, T0)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('cursors and counters', () => {
    it('stores and overwrites a cursor', async () => {
      expect(await store.getCursor('payments:c1')).toBeNull();
      await store.setCursor('payments:c1', '2026-01-01T00:00:00Z', T0, 't1');
      await store.setCursor('payments:c1', '2026-01-02T00:00:00Z', T0 + 1, 't1');
      expect(await store.getCursor('payments:c1')).toBe('2026-01-02T00:00:00Z');
    });

    it('adds to a counter per tenant and returns the new value', async () => {
      expect(await store.incrementCounter('xero_calls', T0, 1, 't1')).toBe(1);
      expect(await store.incrementCounter('xero_calls', T0, 4, 't1')).toBe(5);
      expect(await store.incrementCounter('xero_calls', T0, 1, 't2')).toBe(1);
      expect(await store.getCounter('xero_calls', 't1')).toBe(5);
      expect(await store.getCounter('never', 't1')).toBe(0);
    });
  });

  describe('single-use values', () => {
    it('gives a value back once', async () => {
      await store.putEphemeral('pkce:abc', 'verifier', 60_000, T0);
      expect(await store.takeEphemeral('pkce:abc', T0 + 1)).toBe('verifier');
      expect(await store.takeEphemeral('pkce:abc', T0 + 2)).toBeNull();
    });

    it('does not give back an expired value', async () => {
      await store.putEphemeral('pkce:abc', 'verifier', 60_000, T0);
      expect(await store.takeEphemeral('pkce:abc', T0 + 60_000)).toBeNull();
    });

    it('gives a contended value to exactly one of several instances', async () => {
      await store.putEphemeral('ticket:1', 'choice', 60_000, T0);
      const stores = [store, await another(), await another()];
      const taken = await Promise.all(stores.map((s) => s.takeEphemeral('ticket:1', T0 + 1)));
      expect(taken.filter((v) => v !== null)).toEqual(['choice']);
    });
  });

  it('opens an existing database without reapplying migrations', async () => {
    await store.enqueueJob({ id: ROW_A, kind: 'push' }, T0);
    const reopened = await another();
    expect(await reopened.getJob(ROW_A)).not.toBeNull();
    await expect(reopened.ping()).resolves.toBeUndefined();
  });
}

describeOnEachEngine('store', contract);

const postgres = postgresAvailability();
if ('url' in postgres) {
  describe('PostgreSQL store resilience', () => {
    it('survives the server dropping its idle connections', async () => {
      let dropped!: () => void;
      const droppedOnce = new Promise<void>((resolve) => (dropped = resolve));
      // Named, so that only this store's connections are dropped, not those of suites beside it.
      const named = new URL(postgres.url);
      named.searchParams.set('application_name', 'store-resilience-test');
      const store = await openPostgresStore(named.href, 'org-1', 2, () => dropped());
      await store.ping();
      const admin = new Pool({ connectionString: postgres.url, max: 1 });
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'store-resilience-test'",
      );
      expect(rowCount).toBe(1);
      await admin.end();
      await droppedOnce;
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    });
  });
}
