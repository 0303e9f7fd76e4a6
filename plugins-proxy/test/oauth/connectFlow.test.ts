import { CHOICES } from '../../../solution/names';
import { openTokenSet } from '../../src/oauth/tokenSet';
import type { FakeXeroIdentity } from './fakeXeroIdentity';
import { startFakeXeroIdentity } from './fakeXeroIdentity';
import type { Harness } from './oauthHarness';
import { createHarness, ORG_A, ORG_B, TestClock } from './oauthHarness';

const CONNECTION = 'c0ffee00-0000-4000-8000-000000000001';
const OTHER = 'c0ffee00-0000-4000-8000-000000000002';
const STATUS = CHOICES.connectionStatus.values;

let fake: FakeXeroIdentity;
let clock: TestClock;
let harness: Harness;

beforeAll(async () => {
  clock = new TestClock();
  fake = await startFakeXeroIdentity(clock.now);
});

afterAll(() => fake.close());

beforeEach(() => {
  harness = createHarness(fake, clock);
});

async function startedUrl(connectionId = CONNECTION): Promise<URL> {
  const started = await harness.flow.startConnect({
    connectionId,
    nonce: await harness.issueNonce(connectionId),
  });
  if (started.kind !== 'redirect') throw new Error(started.message);
  return new URL(started.url);
}

async function expectNothingStored(): Promise<void> {
  expect(await harness.tokens.get(CONNECTION)).toBeNull();
  expect(harness.rows.row(CONNECTION)?.status ?? STATUS.notConnected).toBe(STATUS.notConnected);
  expect(harness.rows.row(CONNECTION)?.tenantId ?? null).toBeNull();
}

describe('startConnect', () => {
  it('redirects to the Xero authorize URL with state, PKCE S256 and the granular scopes', async () => {
    const url = await startedUrl();
    expect(url.origin + url.pathname).toBe(`${fake.baseUrl}/identity/connect/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'test-client',
      redirect_uri: 'http://127.0.0.1/oauth/callback',
      scope:
        'offline_access accounting.invoices accounting.payments.read accounting.contacts accounting.settings.read',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toContain('.');
  });

  it('consumes the nonce on the row', async () => {
    await startedUrl();
    expect(harness.rows.row(CONNECTION)).toMatchObject({ nonce: null, nonceIssuedOn: null });
  });

  it('refuses a missing nonce and stores nothing', async () => {
    harness.rows.add({ id: CONNECTION });
    await expect(
      harness.flow.startConnect({ connectionId: CONNECTION, nonce: 'anything' }),
    ).resolves.toMatchObject({
      kind: 'refused',
      status: 403,
      message: expect.stringMatching(/already used or never issued/),
    });
    await expectNothingStored();
  });

  it('refuses a mismatched nonce and leaves the real one in place', async () => {
    const nonce = await harness.issueNonce(CONNECTION);
    const result = await harness.flow.startConnect({ connectionId: CONNECTION, nonce: `${nonce}x` });
    expect(result).toMatchObject({ kind: 'refused', status: 403 });
    expect(harness.rows.row(CONNECTION)!.nonce).toBe(nonce);
    await expectNothingStored();
  });

  it('refuses a nonce older than 10 minutes', async () => {
    const nonce = await harness.issueNonce(CONNECTION);
    clock.advance(10 * 60_000 + 1);
    const result = await harness.flow.startConnect({ connectionId: CONNECTION, nonce });
    expect(result).toMatchObject({
      kind: 'refused',
      status: 403,
      message: expect.stringMatching(/more than 10 minutes/),
    });
    await expectNothingStored();
  });

  it('refuses a reused nonce', async () => {
    const nonce = await harness.issueNonce(CONNECTION);
    await harness.flow.startConnect({ connectionId: CONNECTION, nonce });
    expect(await harness.flow.startConnect({ connectionId: CONNECTION, nonce })).toMatchObject({
      kind: 'refused',
      status: 403,
    });
  });

  it('honours a nonce once when two requests race with it', async () => {
    const nonce = await harness.issueNonce(CONNECTION);
    const results = await Promise.all([
      harness.flow.startConnect({ connectionId: CONNECTION, nonce }),
      harness.flow.startConnect({ connectionId: CONNECTION, nonce }),
    ]);
    expect(results.map((result) => result.kind).sort()).toEqual(['redirect', 'refused']);
  });

  it('refuses an unknown connection with a 400 naming it', async () => {
    await expect(harness.flow.startConnect({ connectionId: 'nope', nonce: 'n' })).resolves.toMatchObject({
      status: 400,
      message: expect.stringContaining('Connection nope does not exist'),
    });
  });
});

describe('handleCallback', () => {
  it('connects a single authorised organisation and writes the row', async () => {
    const outcome = await harness.connect(CONNECTION, [ORG_A]);
    expect(outcome).toEqual({ kind: 'connected', connectionId: CONNECTION, ...ORG_A });
    expect(harness.rows.row(CONNECTION)).toMatchObject({
      tenantId: ORG_A.tenantId,
      tenantName: ORG_A.tenantName,
      status: STATUS.connected,
      lastRefreshOn: new Date(clock.now()),
      refreshDeadline: new Date(clock.now() + 60 * 24 * 60 * 60_000),
      lastError: null,
    });
  });

  it('stores the tokens only encrypted', async () => {
    await harness.connect(CONNECTION, [ORG_A]);
    const blob = (await harness.tokens.get(CONNECTION))!.blob;
    const set = openTokenSet(harness.cipher, CONNECTION, blob);
    expect(blob).toMatch(/^v1\.k1\./);
    expect(blob).not.toContain(set.refreshToken);
    expect(blob).not.toContain(set.accessToken.split('.')[1]);
  });

  it('offers a choice when several organisations were authorised, then connects the chosen one', async () => {
    const outcome = await harness.connect(CONNECTION, [ORG_A, ORG_B]);
    if (outcome.kind !== 'chooseOrganisation') throw new Error(`expected a choice, got ${outcome.kind}`);
    expect(outcome.choices).toEqual([ORG_A, ORG_B]);
    expect(await harness.tokens.get(CONNECTION)).toBeNull();
    const chosen = await harness.flow.chooseOrganisation(outcome.ticket, ORG_B.tenantId);
    expect(chosen).toEqual({ kind: 'connected', connectionId: CONNECTION, ...ORG_B });
    expect(harness.rows.row(CONNECTION)!.tenantId).toBe(ORG_B.tenantId);
    expect(
      openTokenSet(harness.cipher, CONNECTION, (await harness.tokens.get(CONNECTION))!.blob).tenantId,
    ).toBe(ORG_B.tenantId);
  });

  it('accepts an organisation choice only once', async () => {
    const outcome = await harness.connect(CONNECTION, [ORG_A, ORG_B]);
    if (outcome.kind !== 'chooseOrganisation') throw new Error('expected a choice');
    await harness.flow.chooseOrganisation(outcome.ticket, ORG_A.tenantId);
    expect(await harness.flow.chooseOrganisation(outcome.ticket, ORG_A.tenantId)).toMatchObject({
      kind: 'refused',
      status: 400,
    });
  });

  it('refuses an organisation another connection row already uses, naming both, and stores nothing', async () => {
    harness.rows.add({
      id: OTHER,
      name: 'Main NZ books',
      tenantId: ORG_A.tenantId,
      status: STATUS.connected,
    });
    const outcome = await harness.connect(CONNECTION, [ORG_A]);
    expect(outcome).toMatchObject({
      kind: 'refused',
      status: 409,
      message: expect.stringContaining(
        'Xero organisation Alpha Ltd is already connected to Stellarise connection Main NZ books',
      ),
    });
    await expectNothingStored();
  });

  it('lets the admin choose another organisation after picking one that is taken', async () => {
    harness.rows.add({ id: OTHER, tenantId: ORG_A.tenantId, status: STATUS.connected });
    const outcome = await harness.connect(CONNECTION, [ORG_A, ORG_B]);
    if (outcome.kind !== 'chooseOrganisation') throw new Error('expected a choice');
    expect(await harness.flow.chooseOrganisation(outcome.ticket, ORG_A.tenantId)).toMatchObject({
      status: 409,
    });
    expect(await harness.flow.chooseOrganisation(outcome.ticket, ORG_B.tenantId)).toMatchObject({
      kind: 'connected',
    });
  });

  it('refuses a forged state and stores nothing', async () => {
    const url = await startedUrl();
    const code = fake.authorize(url.searchParams.get('code_challenge')!, [ORG_A]);
    const [payload] = url.searchParams.get('state')!.split('.');
    const outcome = await harness.flow.handleCallback({ code, state: `${payload}.forgedsignature` });
    expect(outcome).toMatchObject({
      kind: 'refused',
      status: 400,
      message: expect.stringContaining('badSignature'),
    });
    await expectNothingStored();
  });

  it('refuses a reused state', async () => {
    const url = await startedUrl();
    const state = url.searchParams.get('state')!;
    const challenge = url.searchParams.get('code_challenge')!;
    await harness.flow.handleCallback({ code: fake.authorize(challenge, [ORG_A]), state });
    const again = await harness.flow.handleCallback({ code: fake.authorize(challenge, [ORG_A]), state });
    expect(again).toMatchObject({
      kind: 'refused',
      status: 400,
      message: expect.stringContaining('already used'),
    });
  });

  it('refuses an expired state and stores nothing', async () => {
    const url = await startedUrl();
    const code = fake.authorize(url.searchParams.get('code_challenge')!, [ORG_A]);
    clock.advance(10 * 60_000);
    const outcome = await harness.flow.handleCallback({ code, state: url.searchParams.get('state')! });
    expect(outcome).toMatchObject({
      kind: 'refused',
      status: 400,
      message: expect.stringContaining('expired'),
    });
    await expectNothingStored();
  });

  it('reports a declined consent without storing anything', async () => {
    const url = await startedUrl();
    const outcome = await harness.flow.handleCallback({
      error: 'access_denied',
      state: url.searchParams.get('state')!,
    });
    expect(outcome).toMatchObject({ kind: 'refused', message: expect.stringContaining('access_denied') });
    await expectNothingStored();
  });
});

describe('disconnect', () => {
  it('deletes the Xero connection, revokes the refresh token, clears the tokens and marks the row', async () => {
    await harness.connect(CONNECTION, [ORG_A]);
    const set = openTokenSet(harness.cipher, CONNECTION, (await harness.tokens.get(CONNECTION))!.blob);
    const outcome = await harness.flow.disconnect({
      connectionId: CONNECTION,
      nonce: await harness.issueNonce(CONNECTION),
    });
    expect(outcome).toEqual({ kind: 'disconnected', connectionId: CONNECTION, warning: null });
    expect(fake.deletedConnections).toContain(set.xeroConnectionId);
    expect(fake.revokedTokens).toContain(set.refreshToken);
    expect(await harness.tokens.get(CONNECTION)).toBeNull();
    expect(harness.rows.row(CONNECTION)!.status).toBe(STATUS.disconnected);
  });

  it('refuses without a valid nonce and keeps the tokens', async () => {
    await harness.connect(CONNECTION, [ORG_A]);
    expect(await harness.flow.disconnect({ connectionId: CONNECTION, nonce: 'guess' })).toMatchObject({
      kind: 'refused',
      status: 403,
    });
    expect(await harness.tokens.get(CONNECTION)).not.toBeNull();
  });

  it('frees the organisation for another connection row', async () => {
    await harness.connect(OTHER, [ORG_A]);
    await harness.flow.disconnect({ connectionId: OTHER, nonce: await harness.issueNonce(OTHER) });
    expect(await harness.connect(CONNECTION, [ORG_A])).toMatchObject({ kind: 'connected' });
  });
});
