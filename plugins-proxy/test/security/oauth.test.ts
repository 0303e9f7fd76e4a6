/**
 * Attacks on the connect flow over real HTTP, with the state, the nonce claim and the tokens in the
 * relay's real store and the nonce on the Dataverse connection row: a connect link without, with
 * a stale, a wrong or a used nonce, and a callback with a forged, foreign-signed or replayed state.
 * Each is refused and leaves the tokens, the rows and Xero's token endpoint untouched.
 */
import { randomBytes } from 'node:crypto';
import { COLUMNS, TABLES } from '../../../solution/names';
import { signState } from '../../src/oauth/state';
import { secretsInLogs } from './logScan';
import { newGuid, startSecurityHarness, type NamedSecret, type SecurityHarness } from './securityHarness';

const CC = COLUMNS.connection;
let h: SecurityHarness;
let connectionId: string;
let tenantId: string;
/** Single-use values the flow hands out: they travel in URLs, so the request log must not keep them. */
const oneTimeValues: NamedSecret[] = [];

beforeAll(async () => {
  h = await startSecurityHarness();
  // A second organisation and a fresh connection row for it, so a real connect can succeed once.
  tenantId = h.xero.admin.createOrganisation({ name: 'Security Second Ltd' }).tenantId;
  connectionId = await h.api.create(TABLES.connection.entitySet, { [CC.name]: 'Security second' });
}, 90_000);
afterAll(() => h?.stop());

async function issueNonce(issuedOn = new Date()): Promise<string> {
  const nonce = randomBytes(16).toString('base64url');
  oneTimeValues.push({ what: 'connect nonce', value: nonce });
  await h.api.update(`${TABLES.connection.entitySet}(${connectionId})`, {
    [CC.connectNonce]: nonce,
    [CC.connectNonceIssuedOn]: issuedOn.toISOString(),
  });
  return nonce;
}

async function get(path: string) {
  const reply = await fetch(`${h.relayUrl}${path}`, { redirect: 'manual' });
  return { status: reply.status, location: reply.headers.get('location'), body: await reply.text() };
}

const connect = (nonce?: string) =>
  get(`/oauth/connect?connection=${connectionId}${nonce === undefined ? '' : `&nonce=${nonce}`}`);

async function expectRefusedWithoutEffect<R extends { status: number }>(
  attack: () => Promise<R>,
  status: number,
): Promise<R> {
  const before = await h.footprint();
  const reply = await attack();
  expect(reply.status).toBe(status);
  expect(await h.footprint()).toEqual(before);
  return reply;
}

/** The callback URL Xero's consent redirects to, for a connect started with a fresh nonce. */
async function consentedCallback(tenantIds: string[] = [tenantId]): Promise<string> {
  const started = await connect(await issueNonce());
  expect(started.status).toBe(302);
  const authorize = new URL(started.location!);
  authorize.searchParams.set('auto_consent', tenantIds.join(','));
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = new URL(consent.headers.get('location')!);
  oneTimeValues.push(
    { what: 'authorisation code', value: callback.searchParams.get('code')! },
    { what: 'OAuth state', value: callback.searchParams.get('state')! },
  );
  return `/oauth/callback${callback.search}`;
}

describe('a connect link', () => {
  it('is refused with 400 when it has no nonce', async () => {
    await issueNonce();
    await expectRefusedWithoutEffect(() => connect(), 400);
  });

  it('is refused with 403 when its nonce is not the one on the row', async () => {
    await issueNonce();
    await expectRefusedWithoutEffect(() => connect(randomBytes(16).toString('base64url')), 403);
  });

  it('is refused with 403 when its nonce is more than 10 minutes old', async () => {
    const nonce = await issueNonce(new Date(Date.now() - 11 * 60_000));
    const reply = await expectRefusedWithoutEffect(() => connect(nonce), 403);
    expect(reply.body).toContain('more than 10 minutes old');
  });

  it('is refused with 403 the second time its nonce is used', async () => {
    const nonce = await issueNonce();
    expect((await connect(nonce)).status).toBe(302);
    await expectRefusedWithoutEffect(() => connect(nonce), 403);
  });
});

describe('an OAuth callback', () => {
  it('is refused with 400 for a state that is not the relay’s, without calling Xero', async () => {
    await expectRefusedWithoutEffect(() => get(`/oauth/callback?code=stolen&state=${newGuid()}`), 400);
  });

  it('is refused with 400 for a well-formed state signed with another key, without calling Xero', async () => {
    const forged = signState(
      { connectionId, nonce: 'n', exp: Date.now() + 60_000, verifierRef: 'r' },
      randomBytes(32),
    );
    await expectRefusedWithoutEffect(
      () => get(`/oauth/callback?code=stolen&state=${encodeURIComponent(forged)}`),
      400,
    );
  });

  it('is refused with 400 when replayed after a successful connect, and stores nothing more', async () => {
    // Consent to both organisations, so the relay asks which one (the chooser ticket is one more
    // single-use value).
    const callback = await consentedCallback([h.xero.tenants[0].tenantId, tenantId]);
    const first = await get(callback);
    expect(first.status).toBe(200);
    const ticket = /name="ticket" value="([^"]+)"/.exec(first.body)?.[1];
    expect(ticket).toBeDefined();
    oneTimeValues.push({ what: 'chooser ticket', value: ticket! });
    const chosen = await fetch(`${h.relayUrl}/oauth/choose`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ticket: ticket!, tenantId }).toString(),
    });
    expect(await chosen.text()).toContain('Connected to Security Second Ltd');
    const stored = await h.store.getToken(connectionId);
    expect(stored?.tenantId).toBe(tenantId);
    const reply = await expectRefusedWithoutEffect(() => get(callback), 400);
    expect(reply.body).toContain('already used');
  });
});

it('wrote no configured secret and no Xero or Dataverse token in any log line during these attacks', async () => {
  expect(h.logLines.length).toBeGreaterThan(0);
  expect(secretsInLogs(h.logLines, await h.secretValues())).toEqual([]);
});

// Fastify's "incoming request" line logs req.url; the logger's `req` serializer redacts the values
// of nonce, code and state, so /oauth/connect and /oauth/callback never put them in the log.
it('wrote no connect nonce, authorisation code or OAuth state in any log line', () => {
  expect(oneTimeValues.length).toBeGreaterThan(0);
  expect(secretsInLogs(h.logLines, oneTimeValues)).toEqual([]);
});
