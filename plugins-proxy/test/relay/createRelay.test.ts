import { COMPONENTS } from '../../../solution/names';
import { loadConfig } from '../../src/config';
import { JobOutcomes } from '../../src/jobs/outcomes';
import { createLogger } from '../../src/logger';
import { createRelay, type Relay } from '../../src/relay/createRelay';
import { syncHistoryCreated } from '../routes/executionContexts';
import { request, WEBHOOK_SECRET } from '../routes/routesHarness';

const ROW = 'abababab-0000-4000-8000-0000000000ab';

describe('createRelay', () => {
  let relay: Relay;
  let url: string;
  const pushed: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: 'http://127.0.0.1:1',
      DATAVERSE_URL: 'http://127.0.0.1:9/no-dataverse',
      ENTRA_TENANT_ID: 'tenant',
      ENTRA_CLIENT_ID: 'client',
      ENTRA_CLIENT_SECRET: 'secret',
      XERO_CLIENT_ID: 'xero-client',
      XERO_CLIENT_SECRET: 'xero-secret',
      XERO_WEBHOOK_KEY: 'xero-webhook-key',
      DATAVERSE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      ENCRYPTION_KEY_ID: 'k1',
      DATABASE_URL: 'sqlite::memory:',
      RECONCILER_INTERVAL_MS: String(60 * 60_000),
    });
    relay = await createRelay(config, {
      logger: createLogger({ level: 'silent' }),
      dataverseTokenProvider: { getToken: async () => 'token' },
      handlers: {
        push: async (job) => {
          pushed.push(job.id);
          return JobOutcomes.succeeded();
        },
      },
    });
    url = await relay.start();
  });
  afterAll(() => relay.stop());

  it('runs a job announced by the webhook right after the reply', async () => {
    const done = new Promise<void>((resolve) => relay.worker.onSettled(() => resolve()));
    const reply = await request(url, {
      method: 'POST',
      url: '/dataverse/webhook',
      headers: { [COMPONENTS.webhookAuthHeader]: WEBHOOK_SECRET },
      payload: syncHistoryCreated(ROW),
    });
    expect(reply.statusCode).toBe(200);
    await done;
    expect(pushed).toEqual([ROW]);
    expect((await relay.store.getJob(ROW))?.state).toBe('succeeded');
  });

  it('holds a job of a kind this build has no handler for', async () => {
    const done = new Promise<void>((resolve) => relay.worker.onSettled(() => resolve()));
    await relay.queue.enqueue({ id: 'void-1', kind: 'void' });
    await done;
    expect(await relay.store.getJob('void-1')).toMatchObject({
      state: 'held',
      lastError: expect.stringMatching(/no handler for void/),
    });
  });
});
