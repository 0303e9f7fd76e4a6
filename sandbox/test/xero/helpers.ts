// Shared set-up for the Xero emulator conformance suite: an emulator on 127.0.0.1:0 checked against
// the official spec, a real xero-node client pointed at it, and a small raw HTTP client.
import path from 'node:path';
import { XeroClient } from 'xero-node';
import { startXeroEmulator, type XeroEmulator, type XeroEmulatorOptions } from '../../xero';

export const SPEC_PATH = path.join(__dirname, '../../../../shared/xero-openapi/xero_accounting.yaml');

export function startEmulator(options: XeroEmulatorOptions = {}): Promise<XeroEmulator> {
  return startXeroEmulator({ port: 0, dataDir: null, specPath: SPEC_PATH, ...options });
}

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  expires_at: number;
}

/** Consents (without the browser page) and exchanges the code at the emulator's token endpoint. */
export async function tokenFromEndpoint(emulator: XeroEmulator): Promise<TokenSet> {
  const { code } = emulator.admin.consent({});
  const response = await fetch(`${emulator.url}/connect/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: emulator.redirectUris[0],
    }),
  });
  const body = await response.json();
  return { ...body, expires_at: Math.floor(Date.now() / 1000) + body.expires_in };
}

export function xeroClientFor(emulator: XeroEmulator, tokenSet: TokenSet | string): XeroClient {
  const client = new XeroClient({
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    redirectUris: emulator.redirectUris,
    scopes: ['offline_access', 'accounting.invoices', 'accounting.contacts', 'accounting.settings'],
  });
  const set =
    typeof tokenSet === 'string'
      ? { access_token: tokenSet, token_type: 'Bearer', expires_at: Math.floor(Date.now() / 1000) + 1800 }
      : tokenSet;
  client.setTokenSet({ ...set });
  client.accountingApi.basePath = emulator.apiBasePath;
  return client;
}

export interface RawReply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RawApi {
  tenantId: string;
  token: string;
  call(method: string, apiPath: string, body?: unknown, headers?: Record<string, string>): Promise<RawReply>;
}

/** A plain fetch client for the Accounting API, for the shapes xero-node hides. */
export function rawApi(emulator: XeroEmulator, tenantId = emulator.tenants[0].tenantId): RawApi {
  const token = emulator.admin.issueTokenSet().access_token;
  return {
    tenantId,
    token,
    async call(method, apiPath, body, headers = {}) {
      const response = await fetch(emulator.apiBasePath + apiPath, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'xero-tenant-id': tenantId,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? JSON.parse(text) : undefined,
      };
    },
  };
}

export async function contactId(api: RawApi, name = 'Bayside Club'): Promise<string> {
  const reply = await api.call('GET', `/Contacts?where=${encodeURIComponent(`Name=="${name}"`)}`);
  return reply.body.Contacts[0].ContactID;
}

export function salesInvoice(
  contact: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Type: 'ACCREC',
    Contact: { ContactID: contact },
    Date: '2026-11-01',
    DueDate: '2026-11-30',
    LineAmountTypes: 'Exclusive',
    Status: 'AUTHORISED',
    LineItems: [
      { Description: 'Widget', Quantity: 2, UnitAmount: 10.5, AccountCode: '200', TaxType: 'OUTPUT' },
    ],
    ...overrides,
  };
}

/** xero-node rejects with a JSON string `{response:{statusCode,…},body}` (reference §4); this reads the status. */
export async function rejectionStatus(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    const parsed = typeof error === 'string' ? JSON.parse(error) : error;
    return parsed.response.statusCode ?? parsed.response.status;
  }
  throw new Error('The call succeeded; a rejection was expected');
}
