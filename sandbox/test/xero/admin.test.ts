// The admin API the tests and the demo use (sandbox/xero/README.md, "Admin API"): organisations from the
// factory, payments and voids "made in Xero", and the demo side-panel lists.
import type { XeroEmulator } from '../../xero';
import { contactId, rawApi, salesInvoice, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;
let contact: string;

beforeAll(async () => {
  emulator = await startEmulator();
  api = rawApi(emulator);
  contact = await contactId(api);
});

afterAll(() => emulator.stop());

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_admin${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
}

async function approved(reference: string) {
  return (await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contact, { Reference: reference })] }))
    .body.Invoices[0];
}

describe('admin API', () => {
  it('creates an organisation with the AU chart of accounts, GST rates, themes and tracking', async () => {
    const created = await admin('POST', '/organisations', { name: 'Factory Test Pty Ltd' });
    const orgApi = rawApi(emulator, created.body.tenantId);
    const [accounts, rates, themes, tracking, org] = await Promise.all(
      ['/Accounts', '/TaxRates', '/BrandingThemes', '/TrackingCategories', '/Organisation'].map((p) =>
        orgApi.call('GET', p),
      ),
    );
    expect(accounts.body.Accounts.find((a: { Code: string }) => a.Code === '090')).toMatchObject({
      Name: 'Business Bank Account',
      Type: 'BANK',
    });
    expect(rates.body.TaxRates.find((r: { TaxType: string }) => r.TaxType === 'INPUT')).toMatchObject({
      Name: 'GST on Expenses',
      EffectiveRate: 10,
      CanApplyToExpenses: true,
    });
    expect(themes.body.BrandingThemes.map((t: { Name: string }) => t.Name)).toEqual(['Standard', 'Special']);
    expect(tracking.body.TrackingCategories[0].Options.map((o: { Name: string }) => o.Name)).toEqual([
      'North',
      'South',
    ]);
    expect(org.body.Organisations[0]).toMatchObject({
      Name: 'Factory Test Pty Ltd',
      BaseCurrency: 'AUD',
      CountryCode: 'AU',
      Timezone: 'AUSEASTERNSTANDARDTIME',
    });
  });

  it('records a payment by invoice number for the full amount due into the bank account', async () => {
    const invoice = await approved('ADMIN-PAY');
    const paid = await admin('POST', '/payments', {
      tenantId: api.tenantId,
      invoiceNumber: invoice.InvoiceNumber,
    });
    const after = await api.call('GET', `/Invoices/${invoice.InvoiceID}`);
    expect(paid.body).toMatchObject({ Amount: 23.1, Account: { Code: '090' } });
    expect(after.body.Invoices[0].Status).toBe('PAID');
  });

  it('deletes a payment made in Xero and reopens the invoice', async () => {
    const invoice = await approved('ADMIN-DEL');
    const paid = await admin('POST', '/payments', {
      tenantId: api.tenantId,
      invoiceId: invoice.InvoiceID,
      amount: 3,
    });
    const deleted = await admin('DELETE', `/tenants/${api.tenantId}/payments/${paid.body.PaymentID}`);
    const after = await api.call('GET', `/Invoices/${invoice.InvoiceID}`);
    expect(deleted.body.Status).toBe('DELETED');
    expect(after.body.Invoices[0].AmountDue).toBe(23.1);
  });

  it('voids an approved invoice', async () => {
    const invoice = await approved('ADMIN-VOID');
    const voided = await admin('POST', '/invoices/void', {
      tenantId: api.tenantId,
      invoiceId: invoice.InvoiceID,
    });
    expect([voided.body.Status, voided.body.AmountDue]).toEqual(['VOIDED', 0]);
  });

  it('refuses to record a payment above the amount due, with the reason', async () => {
    const invoice = await approved('ADMIN-OVER');
    const refused = await admin('POST', '/payments', {
      tenantId: api.tenantId,
      invoiceId: invoice.InvoiceID,
      amount: 1000,
    });
    expect(refused).toEqual({
      status: 400,
      body: { error: 'Payment amount exceeds the amount outstanding on this document' },
    });
  });

  it("lists an organisation's invoices, contacts and payments for the demo side panel", async () => {
    const [invoices, contacts, payments] = await Promise.all(
      ['invoices', 'contacts', 'payments'].map((kind) => admin('GET', `/tenants/${api.tenantId}/${kind}`)),
    );
    expect(invoices.body.length).toBeGreaterThan(0);
    expect(contacts.body.map((c: { Name: string }) => c.Name)).toContain('Bayside Club');
    expect(Array.isArray(payments.body)).toBe(true);
  });

  it('accepts foreign-currency invoices in an organisation with that currency enabled', async () => {
    const multi = emulator.admin.createOrganisation({
      name: 'Multi Currency Ltd',
      currencies: ['USD'],
      demoData: true,
    });
    const multiApi = rawApi(emulator, multi.tenantId);
    const reply = await multiApi.call('PUT', '/Invoices', {
      Invoices: [salesInvoice(await contactId(multiApi), { CurrencyCode: 'USD', CurrencyRate: 0.65 })],
    });
    const org = await multiApi.call('GET', '/Organisation');
    expect(reply.body.Invoices[0]).toMatchObject({ CurrencyCode: 'USD', CurrencyRate: 0.65 });
    expect(org.body.Organisations[0].Class).toBe('PREMIUM');
  });

  it('skips the consent page with auto_consent for scripted logins', async () => {
    const url = new URL('/identity/connect/authorize', emulator.url);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: emulator.clientId,
      redirect_uri: emulator.redirectUris[0],
      scope: 'offline_access accounting.settings',
      state: 's',
      auto_consent: 'all',
    }).toString();
    const reply = await fetch(url, { redirect: 'manual' });
    const location = new URL(reply.headers.get('location')!);
    expect(reply.status).toBe(302);
    expect([location.searchParams.get('state'), location.searchParams.has('code')]).toEqual(['s', true]);
  });
});
