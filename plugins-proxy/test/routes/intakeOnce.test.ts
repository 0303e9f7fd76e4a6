import { COMPONENTS } from '../../../solution/names';
import { createLogger } from '../../src/logger';
import { createReconciler } from '../../src/jobs/reconciler';
import { syncHistoryCreated } from './executionContexts';
import { startHarness, WEBHOOK_SECRET, type Harness } from './routesHarness';

const ROW = '9e9e9e9e-0000-4000-8000-000000000009';

describe('one job per sync row', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('creates exactly one job when the webhook, a nudge and the reconciler all announce the row', async () => {
    h.rows.add(ROW);
    const reconciler = createReconciler({
      queue: h.queue,
      listQueuedSyncRows: () => h.rows.listQueued(),
      logger: createLogger({ level: 'silent' }),
    });
    const [webhook, nudge, reconciled] = await Promise.all([
      h.inject({
        method: 'POST',
        url: '/dataverse/webhook',
        headers: { [COMPONENTS.webhookAuthHeader]: WEBHOOK_SECRET },
        payload: syncHistoryCreated(ROW),
      }),
      h.inject({ method: 'POST', url: `/api/sync-requests/${ROW}/nudge` }),
      reconciler.runOnce(),
    ]);
    expect([webhook.statusCode, nudge.statusCode, reconciled.seen]).toEqual([200, 202, 1]);
    expect((await h.store.listJobs()).map((j) => j.id)).toEqual([ROW]);
  });
});
