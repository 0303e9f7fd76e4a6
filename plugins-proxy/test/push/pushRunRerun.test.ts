import { CHOICES, COLUMNS } from '../../../solution/names';
import type { DataverseClient } from '../../src/adapters/dataverse/client';
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { FakeXeroGateway } from '../../src/adapters/xero/fakeXeroGateway';
import { createLogger } from '../../src/logger';
import { JobOutcomes } from '../../src/jobs/outcomes';
import { JobQueue } from '../../src/jobs/jobQueue';
import { PushRun } from '../../src/push/pushRun';

const ROW_ID = '6f1c2d3e-0000-4000-8000-000000000001';
let store: Store;

beforeEach(() => {
  store = openMemoryStore();
});
afterEach(() => store.close());

/** A Dataverse that records every write and answers reads of the sync row as already Succeeded. */
function dataverseWithFinishedRow() {
  const writes: string[] = [];
  const client = {
    async get() {
      return { [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.succeeded };
    },
    async update(path: string) {
      writes.push(path);
    },
    async query() {
      throw new Error('the snapshot should not be read for a finished row');
    },
    async batch() {
      throw new Error('nothing should be written back for a finished row');
    },
  };
  return { client: client as unknown as DataverseClient, writes };
}

describe('PushRun re-running a job whose row the previous owner already finished', () => {
  it('ends Succeeded without calling Xero or writing to Dynamics', async () => {
    const queue = new JobQueue(store);
    await queue.enqueue({ id: ROW_ID, kind: 'push', connectionId: 'conn-1' });
    const [job] = await queue.claim('worker-1', 1);
    await store.recordIdempotency(
      {
        syncRowId: ROW_ID,
        tenantId: job.tenantId,
        idempotencyKey: 'document-key',
        xeroDocumentId: 'invoice-in-xero',
        xeroNumber: 'INV-0001',
        phase: 'confirmed',
      },
      Date.now(),
    );
    const gateway = new FakeXeroGateway();
    const dataverse = dataverseWithFinishedRow();
    const run = new PushRun(
      { dataverse: dataverse.client, gateway, store },
      createLogger({ level: 'silent' }),
    );
    const outcomes = await run.run([job]);
    expect({ outcome: outcomes.get(ROW_ID), xeroCalls: gateway.calls, writes: dataverse.writes }).toEqual({
      outcome: JobOutcomes.succeeded(),
      xeroCalls: [],
      writes: [],
    });
  });
});
