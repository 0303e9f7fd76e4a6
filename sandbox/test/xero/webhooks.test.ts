// Webhooks out (reference/xero-api.md §3.11): signature test vector, intent to receive, signed
// INVOICE events when a payment is recorded "in Xero", and retries.
import { signWebhookBody, type XeroEmulator } from '../../xero';
import { startCaptureServer, type CaptureServer } from './captureServer';
import { contactId, rawApi, salesInvoice, startEmulator } from './helpers';

const KEY = 'test-webhook-key';
let emulator: XeroEmulator;
let receiver: CaptureServer;

beforeAll(async () => {
  emulator = await startEmulator({ webhookRetryBaseMs: 20 });
  receiver = await startCaptureServer(KEY);
});

afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});

async function adminPut(path: string, body: unknown) {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

describe('webhook signatures and delivery', () => {
  it('signs with base64 HMAC-SHA256 of the raw body, matching the test vector (§3.11)', () => {
    const body = '{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}';
    expect(signWebhookBody(KEY, body)).toBe('qAYGQdoiCV3g0uAzbvP5M/6dDgNoDUK8EQfOLs1aIws=');
  });

  it('passes the intent-to-receive handshake against a receiver that checks signatures (§3.11)', async () => {
    const { intent } = await adminPut('/_admin/webhook', { url: receiver.url, key: KEY });
    expect(intent.ok).toBe(true);
    expect(intent.checks.map((c: { signature: string; status: number }) => [c.signature, c.status])).toEqual([
      ['valid', 200],
      ['invalid', 401],
      ['valid', 200],
      ['invalid', 401],
    ]);
  });

  it('delivers a signed INVOICE UPDATE event when a payment is recorded through the admin API (§3.11)', async () => {
    await adminPut('/_admin/webhook', { url: receiver.url, key: KEY });
    const api = rawApi(emulator);
    const created = await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(await contactId(api))] });
    const invoiceId = created.body.Invoices[0].InvoiceID;
    const paid = await fetch(`${emulator.url}/_admin/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: api.tenantId, invoiceId }),
    });
    expect(paid.status).toBe(200);
    const event = await receiver.waitForEvent((e) => e.resourceId === invoiceId && e.eventType === 'UPDATE');
    expect(event).toMatchObject({
      eventCategory: 'INVOICE',
      tenantId: api.tenantId,
      tenantType: 'ORGANISATION',
      resourceUrl: `${emulator.apiBasePath}/Invoices/${invoiceId}`,
    });
    expect(event.eventDateUtc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
  });

  it('sends CREDITNOTE events with the credit note Type and Status in data (§3.11)', async () => {
    await emulator.admin.configureWebhook({ url: receiver.url, key: KEY });
    const api = rawApi(emulator);
    const created = await api.call('PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: await contactId(api) },
          Status: 'AUTHORISED',
          LineItems: [
            { Description: 'Refund', Quantity: 1, UnitAmount: 5, AccountCode: '200', TaxType: 'OUTPUT' },
          ],
        },
      ],
    });
    const noteId = created.body.CreditNotes[0].CreditNoteID;
    const event = await receiver.waitForEvent((e) => e.resourceId === noteId);
    expect(event).toMatchObject({
      eventCategory: 'CREDITNOTE',
      eventType: 'CREATE',
      data: { Type: 'ACCRECCREDIT', Status: 'AUTHORISED' },
    });
  });

  it('records a failed handshake and delivers nothing to a receiver that accepts bad signatures (§3.11)', async () => {
    const careless = await startCaptureServer(KEY, { acceptEverything: true });
    try {
      const intent = await emulator.admin.configureWebhook({ url: careless.url, key: KEY });
      expect(intent?.ok).toBe(false);
      expect(emulator.admin.webhookStatus().state).toBe('intent-failed');
    } finally {
      await careless.close();
    }
  });

  it('retries a delivery that failed until the receiver accepts it (§3.11 retries)', async () => {
    const flaky = await startCaptureServer(KEY, { failFirst: 2 });
    try {
      await emulator.admin.configureWebhook({ url: flaky.url, key: KEY });
      const api = rawApi(emulator);
      const created = await api.call('PUT', '/Contacts', { Contacts: [{ Name: 'Webhook Retry Pty Ltd' }] });
      const event = await flaky.waitForEvent((e) => e.resourceId === created.body.Contacts[0].ContactID);
      expect(event).toMatchObject({ eventCategory: 'CONTACT', eventType: 'CREATE' });
      await emulator.admin.webhooksIdle();
      expect(
        emulator.admin
          .webhookStatus()
          .deliveries.slice(-3)
          .map((d) => d.status),
      ).toEqual([503, 503, 200]);
    } finally {
      await flaky.close();
    }
  });
});
