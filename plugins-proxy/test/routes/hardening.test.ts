import { COMPONENTS } from '../../../solution/names';
import { syncHistoryCreated } from './executionContexts';
import { startHarness, WEBHOOK_SECRET, type Harness } from './routesHarness';

const ROW = '8e8e8e8e-0000-4000-8000-000000000008';
const authorised = { [COMPONENTS.webhookAuthHeader]: WEBHOOK_SECRET };

describe('HTTP hardening', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('refuses a body over 1 MB with 413 and queues nothing', async () => {
    const body = { ...syncHistoryCreated(ROW), Padding: 'x'.repeat(1024 * 1024) };
    const reply = await h.inject({
      method: 'POST',
      url: '/dataverse/webhook',
      headers: authorised,
      payload: body,
    });
    expect(reply.statusCode).toBe(413);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const reply = await h.inject({
      method: 'POST',
      url: '/dataverse/webhook',
      headers: { ...authorised, 'content-type': 'text/plain' },
      payload: JSON.stringify(syncHistoryCreated(ROW)),
    });
    expect(reply.statusCode).toBe(415);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it.each([
    ['GET', '/health'],
    ['GET', '/metrics'],
    ['GET', '/no-such-route'],
    ['POST', '/dataverse/webhook'],
    ['POST', `/api/sync-requests/${ROW}/nudge`],
  ])('sets the security headers on %s %s', async (method, url) => {
    const reply = await h.inject({ method, url });
    expect(reply.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-security-policy': expect.stringContaining("default-src 'none'"),
    });
  });

  it('answers a 5xx with a generic body and logs the details', async () => {
    jest.spyOn(h.store, 'enqueueJob').mockRejectedValueOnce(new Error('disk I/O error at /var/secret/path'));
    const reply = await h.inject({
      method: 'POST',
      url: '/dataverse/webhook',
      headers: authorised,
      payload: syncHistoryCreated(ROW),
    });
    expect(reply.statusCode).toBe(500);
    expect(reply.body).not.toContain('disk I/O');
    expect(reply.json().error).toBe('The relay could not handle this request.');
    expect(h.logLines.join('\n')).toContain('disk I/O error');
  });
});

describe('security headers on page routes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness((app) =>
      app.get('/page', async (_request, reply) =>
        reply.header('content-security-policy', "default-src 'self'").type('text/html').send('<p>hi</p>'),
      ),
    );
  });
  afterEach(() => h.close());

  it('keeps the policy a page route set and still adds the other headers', async () => {
    const reply = await h.inject({ method: 'GET', url: '/page' });
    expect(reply.headers['content-security-policy']).toBe("default-src 'self'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });
});
