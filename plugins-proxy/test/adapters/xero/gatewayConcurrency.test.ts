import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XeroRateLimiter } from '../../../src/adapters/xero/limiter';
import { XeroNodeGateway } from '../../../src/adapters/xero/xeroNodeGateway';

/** Holds every request until no new one has arrived for a short while, then answers them all. */
let server: http.Server;
let url = '';
let inFlight = 0;
let maxInFlight = 0;
let held: http.ServerResponse[] = [];
let releaseTimer: NodeJS.Timeout | undefined;

function release() {
  const answering = held;
  held = [];
  for (const res of answering) {
    inFlight--;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"TaxRates":[]}');
  }
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      held.push(res);
      if (releaseTimer) clearTimeout(releaseTimer);
      releaseTimer = setTimeout(release, 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('never has more than 5 calls for one tenant in flight at Xero', async () => {
  const xero = new XeroNodeGateway({
    getAccessToken: async () => ({ accessToken: 'a', tenantId: 't1' }),
    limiter: new XeroRateLimiter(),
    basePath: `${url}/api.xro/2.0`,
  });
  const results = await Promise.all(Array.from({ length: 15 }, () => xero.getTaxRates('conn')));
  expect(results).toHaveLength(15);
  expect(maxInFlight).toBe(5);
});
