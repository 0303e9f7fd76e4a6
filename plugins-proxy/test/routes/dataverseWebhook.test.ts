import { CHOICES, COMPONENTS } from '../../../solution/names';
import { syncHistoryCreated } from './executionContexts';
import { ORG_ID, startHarness, WEBHOOK_SECRET, type Harness } from './routesHarness';

const ROW = '5e5e5e5e-0000-4000-8000-000000000005';

describe('POST /dataverse/webhook', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  function post(
    body: unknown,
    headers: Record<string, string> = { [COMPONENTS.webhookAuthHeader]: WEBHOOK_SECRET },
  ) {
    return h.inject({ method: 'POST', url: '/dataverse/webhook', headers, payload: body as object });
  }

  it('refuses a delivery without the secret header and queues nothing', async () => {
    const reply = await post(syncHistoryCreated(ROW), {});
    expect(reply.statusCode).toBe(401);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('refuses a delivery with a wrong secret and queues nothing', async () => {
    const reply = await post(syncHistoryCreated(ROW), {
      [COMPONENTS.webhookAuthHeader]: `${WEBHOOK_SECRET}x`,
    });
    expect(reply.statusCode).toBe(401);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('queues one push job for a valid RemoteExecutionContext', async () => {
    const reply = await post(syncHistoryCreated(ROW));
    expect(reply.statusCode).toBe(200);
    const jobs = await h.store.listJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: ROW,
      kind: 'push',
      state: 'queued',
      orgId: ORG_ID,
      invoiceId: 'b1b1b1b1-0000-4000-8000-000000000001',
      connectionId: 'c2c2c2c2-0000-4000-8000-000000000002',
    });
  });

  it('acts on the payload without reading the row from Dataverse', async () => {
    await post(syncHistoryCreated(ROW));
    expect(h.rows.reads).toBe(0);
  });

  it('refuses a malformed context with the reason and queues nothing', async () => {
    const reply = await post({ ...syncHistoryCreated(ROW), PrimaryEntityName: 'contact' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error).toMatch(/PrimaryEntityName must be stl_synchistory/);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('refuses malformed JSON with 400', async () => {
    const reply = await h.inject({
      method: 'POST',
      url: '/dataverse/webhook',
      headers: { [COMPONENTS.webhookAuthHeader]: WEBHOOK_SECRET, 'content-type': 'application/json' },
      payload: '{"MessageName": "Create",',
    });
    expect(reply.statusCode).toBe(400);
  });

  it('refuses a context from another organisation', async () => {
    const reply = await post(
      syncHistoryCreated(ROW, { organizationId: 'ffffffff-0000-4000-8000-00000000000f' }),
    );
    expect(reply.statusCode).toBe(403);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('queues nothing for a row announced as not Queued', async () => {
    const reply = await post(syncHistoryCreated(ROW, { status: CHOICES.syncHistoryStatus.values.succeeded }));
    expect(reply.statusCode).toBe(200);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('reads the row when Dataverse dropped the Target, and queues it when it is Queued', async () => {
    h.rows.add(ROW);
    const reply = await post(syncHistoryCreated(ROW, { withTarget: false }));
    expect(reply.statusCode).toBe(200);
    expect(h.rows.reads).toBe(1);
    expect(await h.store.getJob(ROW)).not.toBeNull();
  });

  it('queues nothing when the Target was dropped and the row does not exist', async () => {
    const reply = await post(syncHistoryCreated(ROW, { withTarget: false }));
    expect(reply.statusCode).toBe(200);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('queues one job when Dataverse delivers the same context twice', async () => {
    await post(syncHistoryCreated(ROW));
    await post(syncHistoryCreated(ROW));
    expect(await h.store.listJobs()).toHaveLength(1);
  });

  it('never writes the webhook secret to the log', async () => {
    await post(syncHistoryCreated(ROW));
    await post(syncHistoryCreated(ROW), { [COMPONENTS.webhookAuthHeader]: 'wrong-secret-value' });
    expect(h.logLines.length).toBeGreaterThan(0);
    expect(h.logLines.join('\n')).not.toContain(WEBHOOK_SECRET);
  });
});
