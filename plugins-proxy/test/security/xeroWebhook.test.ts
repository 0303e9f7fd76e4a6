/**
 * Forged, truncated and replayed Xero webhook deliveries. Xero signs only the body
 * (base64 HMAC-SHA256, no timestamp or nonce: reference §3.11), so a replay of an identical
 * delivery cannot be told from Xero's own retry; the relay has no replay guard and needs none,
 * because a delivery only asks "re-read these resources", and that pull is idempotent. The replay
 * test pins exactly that: the second delivery reads Xero again and changes nothing.
 */
import { COLUMNS } from '../../../solution/names';
import { computeXeroSignature } from '../../src/xeroWebhooks/signature';
import { secretsInLogs } from './logScan';
import { newGuid, startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurityHarness();
}, 90_000);
afterAll(() => h?.stop());

function invoiceEvent(resourceId: string): string {
  return JSON.stringify({
    events: [
      {
        resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${resourceId}`,
        resourceId,
        eventDateUtc: '2026-12-01T01:15:39.902',
        eventType: 'UPDATE',
        eventCategory: 'INVOICE',
        tenantId: h.tenantId,
        tenantType: 'ORGANISATION',
      },
    ],
    lastEventSequence: 1,
    firstEventSequence: 1,
    entropy: newGuid(),
  });
}

const sign = (body: string, key = h.config.xero.webhookKey) => {
  const signature = computeXeroSignature(key, Buffer.from(body, 'utf8'));
  h.sentSecrets.push(signature);
  return signature;
};

async function deliver(body: string, signature: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-xero-signature'] = signature;
  const reply = await fetch(`${h.relayUrl}/xero/webhook`, { method: 'POST', headers, body });
  const text = await reply.text();
  await h.settlePulls();
  return { status: reply.status, text };
}

async function expectRefusedWithoutPull(body: string, signature: string | null) {
  const before = await h.footprint();
  const pulls = h.pulls.length;
  const reply = await deliver(body, signature);
  expect(reply).toEqual({ status: 401, text: '' });
  expect(h.pulls.length).toBe(pulls);
  expect(await h.footprint()).toEqual(before);
}

it('accepts a correctly signed delivery and pulls the invoice it names (the control case)', async () => {
  const before = h.xero.admin.requestLog().total;
  const body = invoiceEvent(newGuid());
  expect(await deliver(body, sign(body))).toEqual({ status: 200, text: '' });
  expect(h.pulls.at(-1)).toMatchObject({ tenantId: h.tenantId, category: 'INVOICE' });
  expect(h.xero.admin.requestLog().total).toBeGreaterThan(before);
});

it('refuses a delivery signed with another key with 401 and pulls nothing', async () => {
  const body = invoiceEvent(newGuid());
  await expectRefusedWithoutPull(body, sign(body, 'not-the-xero-webhook-key'));
});

it('refuses a truncated signature with 401 and pulls nothing', async () => {
  const body = invoiceEvent(newGuid());
  await expectRefusedWithoutPull(body, sign(body).slice(0, 20));
});

it('refuses a signature with its padding dropped with 401 and pulls nothing', async () => {
  const body = invoiceEvent(newGuid());
  await expectRefusedWithoutPull(body, sign(body).replace(/=+$/, ''));
});

it('refuses a delivery without a signature with 401 and pulls nothing', async () => {
  await expectRefusedWithoutPull(invoiceEvent(newGuid()), null);
});

it('refuses a body changed after signing with 401 and pulls nothing', async () => {
  const body = invoiceEvent(newGuid());
  const signature = sign(body);
  await expectRefusedWithoutPull(body.replace(h.tenantId, newGuid()), signature);
});

it('treats a replayed signed delivery as a repeat read: Xero is only read and Dataverse stays as it was', async () => {
  // A synced invoice paid in Xero: the first delivery brings the payment back into Dynamics.
  const rowId = await h.queueSync(await h.createInvoice({ lines: [{ product: 'WIDGET' }] }));
  const synced = await h.waitForFinal(rowId);
  const xeroInvoiceId = String(synced[COLUMNS.syncHistory.xeroId]);
  const paid = h.xero.admin.recordPayment({ tenantId: h.tenantId, invoiceId: xeroInvoiceId, amount: 10 });
  expect(paid.ok).toBe(true);
  const body = invoiceEvent(xeroInvoiceId);
  const signature = sign(body);
  const beforeFirst = await h.footprint();
  expect((await deliver(body, signature)).status).toBe(200);
  const afterFirst = await h.footprint();
  expect(afterFirst.dataverseRows).not.toEqual(beforeFirst.dataverseRows);
  h.xero.admin.clearRequestLog();
  expect((await deliver(body, signature)).status).toBe(200);
  const replayCalls = h.xero.admin.requestLog().requests;
  expect(replayCalls.length).toBeGreaterThan(0);
  expect(replayCalls.filter((call) => call.method !== 'GET')).toEqual([]);
  const afterReplay = await h.footprint();
  expect(afterReplay.dataverseRows).toEqual(afterFirst.dataverseRows);
  expect(afterReplay.jobs).toEqual(afterFirst.jobs);
});

it('wrote no secret, token or signature in any log line during these attacks', async () => {
  expect(h.logLines.some((line) => line.includes('xero webhook signature mismatch'))).toBe(true);
  expect(secretsInLogs(h.logLines, await h.secretValues())).toEqual([]);
});
