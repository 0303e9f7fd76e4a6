import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XeroClient } from 'xero-node';
import { xeroNodeSerializer } from '../../src/adapters/xero/wire';
import { mapInvoice } from '../../src/domain';
import { corpus } from './corpus';

const cases = corpus();

describe('wire form', () => {
  it.each(cases)('gives the same JSON through the plain serializer and xero-node for %s', (_, snapshot) => {
    const plain = mapInvoice(snapshot);
    const sdk = mapInvoice(snapshot, xeroNodeSerializer);
    expect(JSON.stringify(plain.document)).toBe(JSON.stringify(sdk.document));
    expect(JSON.stringify(plain.items)).toBe(JSON.stringify(sdk.items));
    expect(JSON.stringify(plain.contact)).toBe(JSON.stringify(sdk.contact));
  });
});

describe('what xero-node puts on the wire', () => {
  let server: http.Server;
  let baseUrl: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"Invoices":[],"CreditNotes":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function client(): XeroClient {
    const xero = new XeroClient({
      clientId: 'x',
      clientSecret: 'y',
      redirectUris: ['http://localhost/cb'],
      scopes: ['accounting.transactions'],
    });
    xero.setTokenSet({
      access_token: 'fake',
      refresh_token: 'r',
      expires_at: Math.floor(Date.now() / 1000) + 1800,
      token_type: 'Bearer',
    });
    xero.accountingApi.basePath = baseUrl;
    return xero;
  }

  it.each(cases)('equals the preview body for %s', async (_, snapshot) => {
    const result = mapInvoice(snapshot, xeroNodeSerializer);
    const api = client().accountingApi;
    bodies.length = 0;
    const models = result.models.document as never;
    if (result.documentKind === 'invoice') await api.createInvoices('tenant', models, false, 4);
    else await api.createCreditNotes('tenant', models, false, 4);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toBe(JSON.stringify(result.document));
  });
});
