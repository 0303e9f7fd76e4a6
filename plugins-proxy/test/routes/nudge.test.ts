import { CHOICES } from '../../../solution/names';
import { DATAVERSE_ORIGIN, startHarness, type Harness } from './routesHarness';

const ROW = '6e6e6e6e-0000-4000-8000-000000000006';
const url = (id: string) => `/api/sync-requests/${id}/nudge`;

describe('POST /api/sync-requests/:id/nudge', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('queues a Queued row that the relay reads itself', async () => {
    h.rows.add(ROW);
    const reply = await h.inject({
      method: 'POST',
      url: url(ROW),
      headers: { origin: DATAVERSE_ORIGIN },
    });
    expect(reply.statusCode).toBe(202);
    expect(await h.store.getJob(ROW)).toMatchObject({ kind: 'push', state: 'queued' });
  });

  it('answers 202 for an unknown row and queues nothing', async () => {
    const reply = await h.inject({ method: 'POST', url: url(ROW) });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({ status: 'accepted' });
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('gives the same answer for an unknown row as for a known one', async () => {
    const unknown = await h.inject({ method: 'POST', url: url(ROW) });
    h.rows.add(ROW);
    const known = await h.inject({ method: 'POST', url: url(ROW) });
    expect([unknown.statusCode, unknown.body]).toEqual([known.statusCode, known.body]);
  });

  it('queues nothing for a row that is not Queued', async () => {
    h.rows.add(ROW, CHOICES.syncHistoryStatus.values.inProgress);
    const reply = await h.inject({ method: 'POST', url: url(ROW) });
    expect(reply.statusCode).toBe(202);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('answers 202 and queues nothing when Dataverse cannot be read', async () => {
    h.rows.add(ROW);
    h.rows.failWith = new Error('Dataverse 503');
    const reply = await h.inject({ method: 'POST', url: url(ROW) });
    expect(reply.statusCode).toBe(202);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('refuses an id that is not a GUID', async () => {
    const reply = await h.inject({ method: 'POST', url: url("x' or 1 eq 1") });
    expect(reply.statusCode).toBe(400);
    expect(h.rows.reads).toBe(0);
  });

  it('allows the Dataverse origin with CORS headers', async () => {
    const reply = await h.inject({
      method: 'POST',
      url: url(ROW),
      headers: { origin: DATAVERSE_ORIGIN },
    });
    expect(reply.headers['access-control-allow-origin']).toBe(DATAVERSE_ORIGIN);
    expect(reply.headers.vary).toMatch(/Origin/);
  });

  it('refuses another origin without CORS headers and queues nothing', async () => {
    h.rows.add(ROW);
    const reply = await h.inject({
      method: 'POST',
      url: url(ROW),
      headers: { origin: 'https://evil.example' },
    });
    expect(reply.statusCode).toBe(403);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('answers the preflight of the Dataverse origin', async () => {
    const reply = await h.inject({
      method: 'OPTIONS',
      url: url(ROW),
      headers: { origin: DATAVERSE_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(reply.statusCode).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe(DATAVERSE_ORIGIN);
    expect(reply.headers['access-control-allow-methods']).toBe('POST');
  });

  it('refuses the preflight of another origin', async () => {
    const reply = await h.inject({
      method: 'OPTIONS',
      url: url(ROW),
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(reply.statusCode).toBe(403);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });
});
