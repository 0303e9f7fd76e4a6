import { ConfidentialClientApplication } from '@azure/msal-node';
import { SYSTEM_TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { client, startEmulator } from './helpers';

// Client credentials, tokens, WhoAmI: reference/dataverse-webapi.md §2, §1.10
const { account } = SYSTEM_TABLES;
let emulator: DataverseEmulator;

beforeAll(async () => {
  ({ emulator } = await startEmulator({
    clientId: 'aaaa1111-0000-4000-8000-000000000001',
    clientSecret: 's3cret',
  }));
});
afterAll(() => emulator.stop());

function msal(secret: string) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: emulator.clientId,
      clientSecret: secret,
      authority: `https://login.microsoftonline.com/${emulator.tenantId}`,
      knownAuthorities: ['login.microsoftonline.com'],
      authorityMetadata: emulator.authorityMetadata,
    },
  });
}

it('lets msal-node acquire a token from the emulator and call WhoAmI as the application user', async () => {
  const result = await msal('s3cret').acquireTokenByClientCredential({
    scopes: [`${emulator.url}/.default`],
  });
  expect(result?.accessToken).toBeTruthy();
  const whoAmI = await client(emulator, result!.accessToken)('GET', 'WhoAmI');
  expect(whoAmI.status).toBe(200);
  expect(whoAmI.json()).toMatchObject({
    UserId: emulator.seeds.applicationUserId,
    BusinessUnitId: emulator.seeds.businessUnitId,
    OrganizationId: emulator.seeds.organizationId,
  });
});

it('makes msal-node fail with invalid_client for a wrong secret', async () => {
  await expect(
    msal('wrong').acquireTokenByClientCredential({ scopes: [`${emulator.url}/.default`] }),
  ).rejects.toMatchObject({
    errorCode: 'invalid_client',
  });
});

it('answers 401 to a data call without a token', async () => {
  const reply = await client(emulator, null)('GET', account.entitySet);
  expect(reply.status).toBe(401);
  expect(reply.headers.get('www-authenticate')).toContain('Bearer authorization_uri=');
});

it('answers 401 to an expired token', async () => {
  const reply = await client(emulator, emulator.admin.appToken(0))('GET', account.entitySet);
  expect(reply.status).toBe(401);
});

it('answers 401 to a token signed by someone else', async () => {
  const [head, body] = emulator.admin.appToken().split('.');
  const reply = await client(emulator, `${head}.${body}.forged`)('GET', account.entitySet);
  expect(reply.status).toBe(401);
});

it('gives the browser demo a user token through POST /_admin/user-token, and WhoAmI names that user', async () => {
  const res = await fetch(`${emulator.url}/_admin/user-token`, { method: 'POST' });
  const { access_token: token } = (await res.json()) as { access_token: string };
  expect((await client(emulator, token)('GET', 'WhoAmI')).json().UserId).toBe(emulator.seeds.demoUserId);
});

it('rejects a token request for another tenant with AADSTS90002', async () => {
  const res = await fetch(`${emulator.url}/not-my-tenant/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: 's3cret',
      scope: 'x/.default',
    }),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
});

it('answers a browser preflight with CORS headers so the demo shell can call the Web API', async () => {
  const res = await fetch(`${emulator.url}/api/data/v9.2/${account.entitySet}`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://127.0.0.1:3000',
      'Access-Control-Request-Method': 'PATCH',
      'Access-Control-Request-Headers': 'authorization,prefer,if-match',
    },
  });
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
  expect(res.headers.get('access-control-allow-headers')).toBe('authorization,prefer,if-match');
  expect(res.headers.get('access-control-expose-headers')).toContain('OData-EntityId');
});
