/**
 * A database an earlier release wrote (schema version 2, with the rows of a short run, dumped
 * before the two stores shared one implementation) opens on today's code and carries on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../src/adapters/store/store';
import { describeOnEachEngine, type StoreTarget } from './storeTargets';

const SCHEMA_V2 = fs.readFileSync(path.join(__dirname, 'fixtures', 'schema-v2.sql'), 'utf8');
const T0 = 1_700_000_000_000;
const LEASE = 30_000;
const QUEUED = '11111111-1111-4111-8111-111111111111';
const RUNNING = '22222222-2222-4222-8222-222222222222';
const SUCCEEDED = '33333333-3333-4333-8333-333333333333';
const CONNECTION = 'c0000000-0000-4000-8000-000000000001';

function earlierRelease(target: StoreTarget): void {
  let store: Store;

  beforeEach(async () => {
    await target.reset();
    await target.seed(SCHEMA_V2);
    store = await target.open();
  });
  afterEach(() => store.close());
  afterAll(() => target.cleanup());

  it('keeps the migrations it had applied and applies only the newer ones', async () => {
    const rows = await target.select('SELECT version, applied_at FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => Number(r.version))).toEqual([1, 2, 3]);
    expect(rows.slice(0, 2).map((r) => Number(r.applied_at))).toEqual([1_796_702_273_059, 1_796_702_273_059]);
  });

  it('reads the jobs it had queued, run and finished', async () => {
    expect(await store.countJobsByState()).toEqual({
      queued: 1,
      running: 1,
      succeeded: 1,
      failed: 0,
      held: 0,
    });
    expect(await store.getJob(QUEUED)).toEqual({
      id: QUEUED,
      orgId: 'org-1',
      tenantId: 't1',
      kind: 'push',
      connectionId: CONNECTION,
      invoiceId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      payload: null,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: T0,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await store.getJob(SUCCEEDED)).toMatchObject({ payload: '{"since":"2026-01-01"}', attempts: 1 });
  });

  it('claims its queued job and takes over the one whose lease ran out', async () => {
    const jobs = await store.claimJobs('new-relay', 10, LEASE, T0 + LEASE);
    expect(jobs.map((j) => [j.id, j.attempts, j.leaseOwner])).toEqual([
      [RUNNING, 2, 'new-relay'],
      [QUEUED, 1, 'new-relay'],
    ]);
    expect(await store.completeJob(RUNNING, 'old-relay', T0 + LEASE + 1)).toBe(false);
    expect(await store.completeJob(RUNNING, 'new-relay', T0 + LEASE + 1)).toBe(true);
  });

  it('finds the document it had sent', async () => {
    expect(await store.getIdempotency(QUEUED)).toEqual({
      syncRowId: QUEUED,
      tenantId: 't1',
      idempotencyKey: 'stl-key-1',
      xeroDocumentId: 'x-1',
      xeroNumber: 'INV-0001',
      phase: 'confirmed',
      sentAt: null,
      generation: null,
      lastAnswer: null,
      updatedAt: T0 + 6,
    });
  });

  it('rotates its token from the version it had stored', async () => {
    expect(await store.getToken(CONNECTION)).toMatchObject({ blob: 'v1:k1:ciphertext-2', version: 2 });
    const token = { connectionId: CONNECTION, tenantId: 't1', blob: 'v1:k1:ciphertext-3' };
    expect(await store.putToken(token, 1, T0 + 8)).toEqual({ written: false });
    expect(await store.putToken(token, 2, T0 + 8)).toEqual({ written: true, version: 3 });
  });

  it('honours its lock until the ttl runs out', async () => {
    expect(await store.tryLock('refresh:c1', 'new-relay', 10_000, T0 + 9_999)).toBe(false);
    expect(await store.tryLock('refresh:c1', 'new-relay', 10_000, T0 + 10_000)).toBe(true);
  });

  it('carries on from its cursor and counter', async () => {
    expect(await store.getCursor('payments:c1')).toBe('2026-01-02T00:00:00Z');
    expect(await store.incrementCounter('xero_calls', T0 + 1, 1, 't1')).toBe(8);
  });

  it('gives back its single-use value once', async () => {
    expect(await store.takeEphemeral('pkce:abc', T0 + 1)).toBe('verifier');
    expect(await store.takeEphemeral('pkce:abc', T0 + 2)).toBeNull();
  });
}

// Its own schema on PostgreSQL, so the contract suite's resets beside it cannot drop its tables.
describeOnEachEngine('database from an earlier release', earlierRelease, 'store_earlier_release');
