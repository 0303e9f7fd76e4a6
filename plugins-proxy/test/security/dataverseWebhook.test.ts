/**
 * Forged and malformed Dataverse webhook deliveries against the running relay: each gets its
 * status and leaves the jobs, the tokens, Xero and Dataverse exactly as they were.
 */
import { COMPONENTS } from '../../../solution/names';
import { createRelay, type Relay } from '../../src/relay/createRelay';
import { syncHistoryCreated } from '../routes/executionContexts';
import { secretsInLogs } from './logScan';
import { newGuid, startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurityHarness();
}, 90_000);
afterAll(() => h?.stop());

interface Delivery {
  body?: string;
  secret?: string | null;
  contentType?: string;
}

async function deliver({ body, secret = h.config.dataverseWebhookSecret, contentType }: Delivery) {
  const headers: Record<string, string> = { 'content-type': contentType ?? 'application/json' };
  if (secret !== null) headers[COMPONENTS.webhookAuthHeader] = secret;
  const reply = await fetch(`${h.relayUrl}/dataverse/webhook`, { method: 'POST', headers, body });
  return { status: reply.status, body: await reply.text() };
}

const validBody = (rowId = newGuid()) => JSON.stringify(syncHistoryCreated(rowId));

/** Runs the attack and expects its status and no change anywhere. */
async function expectRefusedWithoutEffect(delivery: Delivery, status: number) {
  const before = await h.footprint();
  const reply = await deliver(delivery);
  expect(reply.status).toBe(status);
  expect(await h.footprint()).toEqual(before);
  return reply;
}

describe('a delivery without the right secret', () => {
  it('is refused with 401 when the secret header is missing', async () => {
    await expectRefusedWithoutEffect({ body: validBody(), secret: null }, 401);
  });

  it('is refused with 401 when the secret is wrong', async () => {
    const forged = 'integration-webhook-secret-0123456780';
    h.sentSecrets.push(forged);
    await expectRefusedWithoutEffect({ body: validBody(), secret: forged }, 401);
  });

  it('is refused with 401 when the secret is a prefix of the right one (another length)', async () => {
    await expectRefusedWithoutEffect(
      { body: validBody(), secret: h.config.dataverseWebhookSecret.slice(0, -1) },
      401,
    );
  });

  it('is refused with 401 before its body is read, even when the body is over 1 MB', async () => {
    await expectRefusedWithoutEffect({ body: 'x'.repeat(1024 * 1024 + 10), secret: null }, 401);
  });
});

describe('a delivery with the right secret but a body the relay must not act on', () => {
  it('answers 413 to a body over 1 MB', async () => {
    const padded = { ...syncHistoryCreated(newGuid()), Padding: 'x'.repeat(1024 * 1024) };
    await expectRefusedWithoutEffect({ body: JSON.stringify(padded) }, 413);
  });

  it('answers 400 to malformed JSON', async () => {
    await expectRefusedWithoutEffect({ body: validBody().slice(0, -5) }, 400);
  });

  it('answers 415 to a text/plain body', async () => {
    await expectRefusedWithoutEffect({ body: validBody(), contentType: 'text/plain' }, 415);
  });

  it('answers 415 to a form-encoded body', async () => {
    await expectRefusedWithoutEffect(
      { body: 'PrimaryEntityId=1', contentType: 'application/x-www-form-urlencoded' },
      415,
    );
  });

  it('answers 400 to a PrimaryEntityId that is not a GUID', async () => {
    const body = { ...syncHistoryCreated(newGuid()), PrimaryEntityId: "1' or 1 eq 1" };
    const reply = await expectRefusedWithoutEffect({ body: JSON.stringify(body) }, 400);
    expect(reply.body).toContain('GUID');
  });

  it('queues nothing for a row that does not exist when the payload carries no Target', async () => {
    const reply = await expectRefusedWithoutEffect(
      { body: JSON.stringify(syncHistoryCreated(newGuid(), { withTarget: false })) },
      200,
    );
    expect(JSON.parse(reply.body)).toEqual({ queued: false });
  });
});

describe('a delivery whose Target claims a Queued row that does not exist', () => {
  it('ends its job Failed, naming the row, without calling Xero or changing Dataverse', async () => {
    const rowId = newGuid();
    const before = await h.footprint();
    expect((await deliver({ body: validBody(rowId) })).status).toBe(200);
    const job = await h.waitFor('the job to end', async () => {
      const current = await h.store.getJob(rowId);
      return current && current.state !== 'queued' && current.state !== 'running' ? current : undefined;
    });
    expect(job.state).toBe('failed');
    expect(job.lastError).toContain(rowId);
    const after = await h.footprint();
    expect(after.xeroRequests).toBe(before.xeroRequests);
    expect(after.dataverseRows).toEqual(before.dataverseRows);
    expect(after.jobs.failed).toBe(before.jobs.failed + 1);
  });
});

describe('a relay that serves one Dynamics organisation', () => {
  const servedOrg = newGuid();
  let relay: Relay;
  let url: string;

  beforeAll(async () => {
    relay = await createRelay(
      { ...h.config, dynamicsOrgId: servedOrg },
      { store: h.store, keepStoreOpen: true, logger: h.logger },
    );
    url = await relay.start();
  });
  afterAll(() => relay?.stop());

  it('refuses with 403 a correctly authenticated delivery from another organisation', async () => {
    const before = await h.footprint();
    const body = JSON.stringify(syncHistoryCreated(newGuid(), { organizationId: newGuid() }));
    const reply = await fetch(`${url}/dataverse/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [COMPONENTS.webhookAuthHeader]: h.config.dataverseWebhookSecret,
      },
      body,
    });
    expect(reply.status).toBe(403);
    expect(await h.footprint()).toEqual(before);
  });
});

it('wrote no secret, token or signature in any log line during these attacks', async () => {
  expect(h.logLines.length).toBeGreaterThan(0);
  expect(secretsInLogs(h.logLines, await h.secretValues())).toEqual([]);
});
