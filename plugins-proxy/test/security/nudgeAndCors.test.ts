/**
 * The browser-facing nudge: it carries no authority, so unknown, foreign-kind and non-Queued rows
 * queue nothing, and CORS is granted to the Dataverse origin only (preflight included). The
 * webhook is pointed at a wrong secret here so the only way a row could be queued is the nudge.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES, navigationProperty } from '../../../solution/names';
import { WEBHOOK_SECRET } from '../integration/integrationHarness';
import { secretsInLogs } from './logScan';
import { newGuid, startSecurityHarness, type SecurityHarness } from './securityHarness';

const HC = COLUMNS.syncHistory;
const FOREIGN_ORIGIN = 'https://evil.example.com';
let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurityHarness();
  const silenced = 'wrong-secret-so-only-nudges-queue-0000';
  h.sentSecrets.push(silenced);
  await h.setWebhookSecret(silenced);
}, 90_000);
afterAll(async () => {
  await h?.setWebhookSecret(WEBHOOK_SECRET);
  await h?.stop();
});

function nudge(rowId: string, origin: string | null = h.config.dataverseOrigin) {
  return fetch(`${h.relayUrl}/api/sync-requests/${encodeURIComponent(rowId)}/nudge`, {
    method: 'POST',
    headers: origin ? { origin } : {},
  });
}

function preflight(origin: string | null) {
  return fetch(`${h.relayUrl}/api/sync-requests/${newGuid()}/nudge`, {
    method: 'OPTIONS',
    headers: {
      ...(origin ? { origin } : {}),
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

async function syncRow(status: number): Promise<string> {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const rowId = await h.userApi.create(TABLES.syncHistory.entitySet, {
    [HC.name]: 'Nudge target',
    [HC.status]: status,
    [`${navigationProperty(TABLES.syncHistory.logicalName, HC.invoiceId)}@odata.bind`]: `/${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})`,
  });
  await h.dataverse.admin.webhooksSettled();
  return rowId;
}

async function expectNudgeIgnored(rowId: string, status = 202) {
  const before = await h.footprint();
  const reply = await nudge(rowId);
  expect(reply.status).toBe(status);
  expect(await h.footprint()).toEqual(before);
}

describe('a nudge', () => {
  it('queues nothing for a row that does not exist', async () => {
    await expectNudgeIgnored(newGuid());
  });

  it('queues nothing for the id of a record that is not a sync row (an invoice)', async () => {
    await expectNudgeIgnored(await h.createInvoice({ lines: [{ product: 'WIDGET' }] }));
  });

  it('queues nothing for a sync row that is not Queued', async () => {
    await expectNudgeIgnored(await syncRow(CHOICES.syncHistoryStatus.values.succeeded));
  });

  it('answers 400 to an id that is not a GUID and queues nothing', async () => {
    await expectNudgeIgnored("x' or name ne 'y", 400);
  });

  it('from a foreign origin gets 403 without CORS headers and queues nothing, even for a Queued row', async () => {
    const rowId = await syncRow(CHOICES.syncHistoryStatus.values.queued);
    const before = await h.footprint();
    const reply = await nudge(rowId, FOREIGN_ORIGIN);
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    expect(await h.footprint()).toEqual(before);
    expect(await h.store.getJob(rowId)).toBeNull();
  });

  it('from the Dataverse origin queues that same kind of Queued row (the control case)', async () => {
    const rowId = await syncRow(CHOICES.syncHistoryStatus.values.queued);
    const reply = await nudge(rowId);
    expect(reply.status).toBe(202);
    expect(reply.headers.get('access-control-allow-origin')).toBe(h.config.dataverseOrigin);
    expect(await h.store.getJob(rowId)).not.toBeNull();
  });
});

describe('a CORS preflight', () => {
  it('is refused with 403 and no CORS headers for a foreign origin', async () => {
    const reply = await preflight(FOREIGN_ORIGIN);
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    expect(reply.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('is refused with 403 when it has no Origin', async () => {
    expect((await preflight(null)).status).toBe(403);
  });

  it('is granted for the Dataverse origin only, naming it exactly', async () => {
    const reply = await preflight(h.config.dataverseOrigin);
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(h.config.dataverseOrigin);
  });

  it('is refused for an origin that only starts like the Dataverse one', async () => {
    const reply = await preflight(`${h.config.dataverseOrigin}.evil.example.com`);
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});

it('gives no other route a CORS header for a foreign origin', async () => {
  for (const path of ['/health', '/ready', '/metrics', '/dataverse/webhook', '/xero/webhook', '/nope']) {
    const reply = await fetch(`${h.relayUrl}${path}`, { headers: { origin: FOREIGN_ORIGIN } });
    expect({ path, allowOrigin: reply.headers.get('access-control-allow-origin') }).toEqual({
      path,
      allowOrigin: null,
    });
  }
});

it('wrote no secret, token or signature in any log line during these attacks', async () => {
  expect(h.logLines.some((line) => line.includes('nudge refused: origin not allowed'))).toBe(true);
  expect(secretsInLogs(h.logLines, await h.secretValues())).toEqual([]);
});
