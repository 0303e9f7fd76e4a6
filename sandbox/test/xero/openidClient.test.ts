// openid-client 5 (the OAuth library inside xero-node) against the emulator's identity side
// (reference/xero-api.md §4): discovery, PKCE code flow with nonce, id_token validation, refresh.
import { Issuer, generators } from 'openid-client';
import type { XeroEmulator } from '../../xero';
import { startEmulator } from './helpers';

let emulator: XeroEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(() => emulator.stop());

async function connect() {
  const issuer = await Issuer.discover(emulator.identityUrl);
  const client = new issuer.Client({
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    redirect_uris: emulator.redirectUris,
    response_types: ['code'],
  });
  const codeVerifier = generators.codeVerifier();
  const [state, nonce] = [generators.state(), generators.nonce()];
  const authorizationUrl = client.authorizationUrl({
    scope: 'openid profile email offline_access accounting.invoices',
    code_challenge: generators.codeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    auto_consent: 'all',
  });
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const params = client.callbackParams(consent.headers.get('location')!);
  const tokenSet = await client.callback(emulator.redirectUris[0], params, {
    code_verifier: codeVerifier,
    state,
    nonce,
  });
  return { client, tokenSet };
}

describe('openid-client against the emulator', () => {
  it('completes the PKCE code flow and validates the RS256 id_token against the JWKS (§4)', async () => {
    const { tokenSet } = await connect();
    expect(tokenSet.claims()).toMatchObject({
      iss: emulator.identityUrl,
      aud: emulator.clientId,
      xero_userid: expect.any(String),
    });
    // openid-client counts expires_in down from expires_at, so a slow second can take one off.
    expect(tokenSet.expires_in).toBeGreaterThanOrEqual(1795);
    expect(tokenSet.expires_in).toBeLessThanOrEqual(1800);
  });

  it('refreshes with rotation through client.refresh (§4)', async () => {
    const { client, tokenSet } = await connect();
    const refreshed = await client.refresh(tokenSet.refresh_token!);
    expect(refreshed.access_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(tokenSet.refresh_token);
  });
});
