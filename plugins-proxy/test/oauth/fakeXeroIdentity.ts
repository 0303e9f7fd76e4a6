/**
 * A small in-process stand-in for Xero's identity side, for the OAuth tests: the token endpoint
 * (authorization code with PKCE, refresh with rotation and the 30-minute grace for the previous
 * refresh token), revocation and /connections. Faults can be injected: a refresh whose response
 * is lost after Xero processed it, and a grant revoked at Xero.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRANULAR_SCOPES } from '../../src/oauth/xeroIdentity';

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret';
const GRACE_MS = 30 * 60 * 1000;

export interface FakeTenant {
  readonly tenantId: string;
  readonly tenantName: string;
}

interface Grant {
  readonly authEventId: string;
  readonly tenants: { id: string; tenant: FakeTenant }[];
  currentRefreshToken: string;
  previousRefreshToken: string | null;
  rotatedAt: number;
  revoked: boolean;
}

export interface FakeXeroIdentity {
  readonly baseUrl: string;
  readonly connectionsUrl: string;
  /** What the consent page would do: returns the code Xero would redirect back with. */
  authorize(codeChallenge: string, tenants: readonly FakeTenant[]): string;
  refreshCalls: number;
  /** Refreshes still rotate at "Xero", but their responses never reach the caller. */
  loseRefreshResponses: number;
  revokedTokens: string[];
  deletedConnections: string[];
  revokeAllGrants(): void;
  close(): Promise<void>;
}

function base64url(bytes: Buffer | string): string {
  return Buffer.from(bytes).toString('base64url');
}

function accessTokenFor(authEventId: string): string {
  const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({ authentication_event_id: authEventId, jti: randomBytes(8).toString('hex') }),
  );
  return `${header}.${claims}.x`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFakeXeroIdentity(now: () => number = Date.now): Promise<FakeXeroIdentity> {
  const codes = new Map<string, { challenge: string; grant: Grant }>();
  const grants: Grant[] = [];
  const accessTokens = new Map<string, Grant>();

  function issue(grant: Grant): Record<string, unknown> {
    const accessToken = accessTokenFor(grant.authEventId);
    accessTokens.set(accessToken, grant);
    return {
      access_token: accessToken,
      refresh_token: grant.currentRefreshToken,
      expires_in: 1800,
      token_type: 'Bearer',
      // What the relay asks for by default: a consent grants the scopes requested.
      scope: GRANULAR_SCOPES,
    };
  }

  function handleToken(form: URLSearchParams, response: ServerResponse): void {
    if (form.get('grant_type') === 'authorization_code') {
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!pending || base64url(createHash('sha256').update(verifier).digest()) !== pending.challenge) {
        return json(response, 400, { error: 'invalid_grant' });
      }
      return json(response, 200, issue(pending.grant));
    }
    if (form.get('grant_type') === 'refresh_token') {
      fake.refreshCalls += 1;
      const token = form.get('refresh_token');
      const grant = grants.find(
        (candidate) =>
          candidate.currentRefreshToken === token ||
          (candidate.previousRefreshToken === token && now() - candidate.rotatedAt <= GRACE_MS),
      );
      if (!grant || grant.revoked) return json(response, 400, { error: 'invalid_grant' });
      if (grant.currentRefreshToken === token) {
        grant.previousRefreshToken = token;
        grant.currentRefreshToken = randomBytes(16).toString('hex');
        grant.rotatedAt = now();
      }
      const body = issue(grant);
      if (fake.loseRefreshResponses > 0) {
        fake.loseRefreshResponses -= 1;
        response.socket?.destroy();
        return;
      }
      return json(response, 200, body);
    }
    json(response, 400, { error: 'unsupported_grant_type' });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readBody(request);
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    if (url.pathname.startsWith('/connect/') && request.headers.authorization !== basic) {
      return json(response, 401, { error: 'invalid_client' });
    }
    if (request.method === 'POST' && url.pathname === '/connect/token')
      return handleToken(new URLSearchParams(body), response);
    if (request.method === 'POST' && url.pathname === '/connect/revocation') {
      const token = new URLSearchParams(body).get('token') ?? '';
      fake.revokedTokens.push(token);
      for (const grant of grants) if (grant.currentRefreshToken === token) grant.revoked = true;
      return void response.writeHead(200).end();
    }
    const grant = accessTokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (url.pathname.startsWith('/connections') && (!grant || grant.revoked))
      return json(response, 401, { Title: 'Unauthorized' });
    if (request.method === 'GET' && url.pathname === '/connections' && grant) {
      const wanted = url.searchParams.get('authEventId');
      const visible = wanted && wanted !== grant.authEventId ? [] : grant.tenants;
      return json(
        response,
        200,
        visible.map(({ id, tenant }) => ({
          id,
          authEventId: grant.authEventId,
          tenantType: 'ORGANISATION',
          ...tenant,
        })),
      );
    }
    if (request.method === 'DELETE' && url.pathname.startsWith('/connections/')) {
      fake.deletedConnections.push(decodeURIComponent(url.pathname.slice('/connections/'.length)));
      return void response.writeHead(204).end();
    }
    json(response, 404, { error: 'not_found' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeXeroIdentity = {
    baseUrl,
    connectionsUrl: `${baseUrl}/connections`,
    refreshCalls: 0,
    loseRefreshResponses: 0,
    revokedTokens: [],
    deletedConnections: [],
    authorize(codeChallenge, tenants) {
      const grant: Grant = {
        authEventId: randomBytes(8).toString('hex'),
        tenants: tenants.map((tenant) => ({ id: randomBytes(8).toString('hex'), tenant })),
        currentRefreshToken: randomBytes(16).toString('hex'),
        previousRefreshToken: null,
        rotatedAt: now(),
        revoked: false,
      };
      grants.push(grant);
      const code = randomBytes(12).toString('hex');
      codes.set(code, { challenge: codeChallenge, grant });
      return code;
    },
    revokeAllGrants() {
      for (const grant of grants) grant.revoked = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}
