import type { FetchLike } from '../../src/oauth/ports';
import {
  authEventIdFromAccessToken,
  BROAD_SCOPES,
  createXeroIdentity,
  XeroIdentityError,
} from '../../src/oauth/xeroIdentity';

interface Captured {
  url: string;
  init: RequestInit;
}

function scripted(reply: () => Response | Promise<Response>): { fetch: FetchLike; calls: Captured[] } {
  const calls: Captured[] = [];
  return {
    calls,
    fetch: async (url, init = {}) => {
      calls.push({ url, init });
      return reply();
    },
  };
}

const TOKEN_BODY = { access_token: 'a.b.c', refresh_token: 'r1', expires_in: 1800, scope: 'offline_access' };

function identityWith(fetch: FetchLike, scopes?: string) {
  return createXeroIdentity({
    clientId: 'client',
    clientSecret: 'secret',
    redirectUri: 'https://relay.example/oauth/callback',
    loginBaseUrl: 'https://login.example/',
    identityBaseUrl: 'https://identity.example',
    connectionsUrl: 'https://api.example/connections',
    scopes,
    fetch,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<XeroIdentityError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof XeroIdentityError))
    throw new Error(`expected a XeroIdentityError, got ${String(error)}`);
  return error;
}

describe('Xero identity client', () => {
  it('builds the authorize URL with the broad scopes when configured for an old app', () => {
    const url = new URL(
      identityWith(scripted(() => new Response()).fetch, BROAD_SCOPES).buildAuthorizeUrl({
        state: 's',
        codeChallenge: 'c',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://login.example/identity/connect/authorize');
    expect(url.searchParams.get('scope')).toBe(
      'offline_access accounting.transactions accounting.contacts accounting.settings',
    );
    expect(url.searchParams.get('state')).toBe('s');
    expect(url.searchParams.get('code_challenge')).toBe('c');
  });

  it('exchanges a code with Basic auth, a form body and the PKCE verifier', async () => {
    const script = scripted(() => Response.json(TOKEN_BODY));
    const tokens = await identityWith(script.fetch).exchangeCode('the-code', 'v'.repeat(43));
    expect(tokens).toEqual({
      accessToken: 'a.b.c',
      refreshToken: 'r1',
      expiresInSeconds: 1800,
      scope: 'offline_access',
    });
    const [{ url, init }] = script.calls;
    expect(url).toBe('https://identity.example/connect/token');
    expect(new Headers(init.headers).get('authorization')).toBe(
      `Basic ${Buffer.from('client:secret').toString('base64')}`,
    );
    expect(new Headers(init.headers).get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://relay.example/oauth/callback',
      code_verifier: 'v'.repeat(43),
    });
  });

  it('reports invalid_grant as its own kind', async () => {
    const script = scripted(() => Response.json({ error: 'invalid_grant' }, { status: 400 }));
    expect((await failureOf(identityWith(script.fetch).refresh('dead'))).kind).toBe('invalid_grant');
  });

  it('reports a refresh that got no answer as a network failure', async () => {
    const script = scripted(() => Promise.reject(new TypeError('fetch failed')));
    expect((await failureOf(identityWith(script.fetch).refresh('r1'))).kind).toBe('network');
  });

  it('reports a token response without a refresh token as invalid, naming offline_access', async () => {
    const script = scripted(() => Response.json({ access_token: 'a', expires_in: 1800 }));
    const failure = await failureOf(identityWith(script.fetch).refresh('r1'));
    expect(failure.kind).toBe('invalid_response');
    expect(failure.message).toContain('offline_access');
  });

  it('lists the connections of one consent with authEventId', async () => {
    const script = scripted(() =>
      Response.json([
        { id: 'c1', authEventId: 'e1', tenantId: 't1', tenantType: 'ORGANISATION', tenantName: 'Org' },
      ]),
    );
    const list = await identityWith(script.fetch).listConnections('token', 'e1');
    expect(script.calls[0].url).toBe('https://api.example/connections?authEventId=e1');
    expect(list).toEqual([
      { id: 'c1', authEventId: 'e1', tenantId: 't1', tenantType: 'ORGANISATION', tenantName: 'Org' },
    ]);
  });

  it('reports a refused access token on /connections as unauthorized', async () => {
    const script = scripted(() => Response.json({ Title: 'Unauthorized' }, { status: 401 }));
    expect((await failureOf(identityWith(script.fetch).listConnections('token'))).kind).toBe('unauthorized');
  });

  it('treats deleting a connection that is already gone as done', async () => {
    const script = scripted(() => new Response(null, { status: 404 }));
    await expect(identityWith(script.fetch).deleteConnection('token', 'c1')).resolves.toBeUndefined();
    expect(script.calls[0]).toMatchObject({
      url: 'https://api.example/connections/c1',
      init: { method: 'DELETE' },
    });
  });

  it('revokes a refresh token at the revocation endpoint', async () => {
    const script = scripted(() => new Response(null, { status: 200 }));
    await identityWith(script.fetch).revoke('r1');
    expect(script.calls[0].url).toBe('https://identity.example/connect/revocation');
    expect(new URLSearchParams(String(script.calls[0].init.body)).get('token')).toBe('r1');
  });

  it('reads the consent id from the access token claims', () => {
    const claims = Buffer.from(JSON.stringify({ authentication_event_id: 'evt-1' })).toString('base64url');
    expect(authEventIdFromAccessToken(`h.${claims}.s`)).toBe('evt-1');
    expect(authEventIdFromAccessToken('opaque')).toBeNull();
  });
});
