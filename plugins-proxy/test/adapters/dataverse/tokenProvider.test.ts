import {
  DataverseAuthError,
  MsalTokenProvider,
  StaticTokenProvider,
} from '../../../src/adapters/dataverse/tokenProvider';
import { CaptureServer, startCaptureServer } from '../helpers/captureServer';

const TENANT = '00000000-0000-0000-0000-0000000000aa';
let server: CaptureServer;

function provider(secret = 's3cret') {
  const local = `${server.url}/${TENANT}`;
  return new MsalTokenProvider({
    tenantId: TENANT,
    clientId: '11111111-1111-1111-1111-111111111111',
    clientSecret: secret,
    resourceUrl: 'https://org.crm.dynamics.com/',
    authorityMetadata: JSON.stringify({
      token_endpoint: `${local}/oauth2/v2.0/token`,
      authorization_endpoint: `${local}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${local}/oauth2/v2.0/logout`,
      jwks_uri: `${local}/discovery/v2.0/keys`,
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    }),
  });
}

beforeAll(async () => {
  server = await startCaptureServer((request) => {
    if (request.method === 'POST' && request.path.endsWith('/oauth2/v2.0/token')) {
      const form = new URLSearchParams(request.body);
      if (form.get('client_secret') !== 's3cret') {
        return {
          status: 401,
          body: {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          },
        };
      }
      return {
        status: 200,
        body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'local-token' },
      };
    }
    return { status: 404, body: {} };
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('MsalTokenProvider', () => {
  it('gets a client-credentials token for the environment scope from the local endpoint', async () => {
    await expect(provider().getToken()).resolves.toBe('local-token');
    const form = new URLSearchParams(server.requests[0].body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toContain('https://org.crm.dynamics.com/.default');
    expect(server.requests).toHaveLength(1);
  });

  it('serves the second token from its cache', async () => {
    const tokens = provider();
    await tokens.getToken();
    await tokens.getToken();
    expect(server.requests).toHaveLength(1);
  });

  it('turns a rejected secret into a DataverseAuthError', async () => {
    const error = await provider('wrong')
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseAuthError);
    expect((error as DataverseAuthError).errorCode).toBe('invalid_client');
  });

  it('treats an empty token from the endpoint as an error', async () => {
    server.queue.push({ status: 404, body: {} });
    await expect(provider().getToken()).rejects.toThrow(/empty token/);
  });
});

describe('StaticTokenProvider', () => {
  it('returns its token and refuses an empty one', async () => {
    await expect(new StaticTokenProvider('t').getToken()).resolves.toBe('t');
    await expect(new StaticTokenProvider('').getToken()).rejects.toBeInstanceOf(DataverseAuthError);
  });
});
