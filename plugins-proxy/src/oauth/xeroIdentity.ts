/**
 * Xero's identity side over plain `fetch`: authorize URL, token endpoint (code with PKCE, refresh),
 * revocation and tenant connections. Not xero-node: its consent URL has no PKCE (oauth/README.md).
 */
import {
  apiFailure,
  describeFailure,
  oauthFailure,
  parseTenantConnection,
  parseTokenResponse,
  readJson,
  XeroIdentityError,
} from './identityResponses';
import type { FetchLike } from './ports';

export { authEventIdFromAccessToken, XeroIdentityError } from './identityResponses';

/** The relay's default (config DEFAULT_XERO_SCOPES): writes documents, items and contacts; reads the rest. */
export const GRANULAR_SCOPES =
  'offline_access accounting.invoices accounting.payments.read accounting.contacts accounting.settings.read';
/** For Xero apps created before 2 March 2026 that have not moved to the granular scopes. */
export const BROAD_SCOPES = 'offline_access accounting.transactions accounting.contacts accounting.settings';

export interface XeroIdentityOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** A space-separated string or a list; defaults to the granular set. */
  readonly scopes?: string | readonly string[];
  readonly loginBaseUrl?: string;
  readonly identityBaseUrl?: string;
  /** The full tenant-connections URL (it is not under the accounting API's base path). */
  readonly connectionsUrl?: string;
  readonly fetch?: FetchLike;
  /** Generous on purpose: a short timeout loses rotated refresh tokens (xero-node #614). */
  readonly timeoutMs?: number;
}

export interface XeroTokenResponse {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
  readonly scope: string;
}

export interface XeroTenantConnection {
  /** The connection id, used to disconnect this tenant. */
  readonly id: string;
  readonly authEventId: string | null;
  readonly tenantId: string;
  readonly tenantType: string;
  readonly tenantName: string;
}

export interface XeroIdentity {
  buildAuthorizeUrl(input: { state: string; codeChallenge: string }): string;
  exchangeCode(code: string, codeVerifier: string): Promise<XeroTokenResponse>;
  refresh(refreshToken: string): Promise<XeroTokenResponse>;
  revoke(refreshToken: string): Promise<void>;
  listConnections(accessToken: string, authEventId?: string | null): Promise<XeroTenantConnection[]>;
  deleteConnection(accessToken: string, xeroConnectionId: string): Promise<void>;
}

export function createXeroIdentity(options: XeroIdentityOptions): XeroIdentity {
  const loginBase = trimSlash(options.loginBaseUrl ?? 'https://login.xero.com');
  const identityBase = trimSlash(options.identityBaseUrl ?? 'https://identity.xero.com');
  const connectionsUrl = trimSlash(options.connectionsUrl ?? 'https://api.xero.com/connections');
  const scope =
    typeof options.scopes === 'string' ? options.scopes : (options.scopes ?? [GRANULAR_SCOPES]).join(' ');
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new XeroIdentityError(
        'network',
        `No response from ${new URL(url).pathname}: ${describeFailure(error)}`,
      );
    }
  }

  async function postForm(path: string, form: Record<string, string>): Promise<Response> {
    return send(`${identityBase}${path}`, {
      method: 'POST',
      headers: {
        authorization: basic,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
    });
  }

  async function tokenRequest(form: Record<string, string>): Promise<XeroTokenResponse> {
    const response = await postForm('/connect/token', form);
    const body = await readJson(response);
    if (!response.ok) throw oauthFailure(response.status, body);
    return parseTokenResponse(body);
  }

  return {
    buildAuthorizeUrl({ state, codeChallenge }) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        scope,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
      return `${loginBase}/identity/connect/authorize?${query.toString()}`;
    },

    exchangeCode(code, codeVerifier) {
      return tokenRequest({
        grant_type: 'authorization_code',
        code,
        redirect_uri: options.redirectUri,
        code_verifier: codeVerifier,
      });
    },

    refresh(refreshToken) {
      return tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    },

    async revoke(refreshToken) {
      const response = await postForm('/connect/revocation', {
        token: refreshToken,
        token_type_hint: 'refresh_token',
      });
      if (!response.ok) throw oauthFailure(response.status, await readJson(response));
    },

    async listConnections(accessToken, authEventId) {
      const query = authEventId ? `?authEventId=${encodeURIComponent(authEventId)}` : '';
      const response = await send(`${connectionsUrl}${query}`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      });
      const body = await readJson(response);
      if (!response.ok) throw apiFailure(response.status, 'listing the Xero connections');
      if (!Array.isArray(body))
        throw new XeroIdentityError('invalid_response', 'GET /connections did not return a list');
      return body.map(parseTenantConnection);
    },

    async deleteConnection(accessToken, xeroConnectionId) {
      const response = await send(`${connectionsUrl}/${encodeURIComponent(xeroConnectionId)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      // 404: already gone, which is what we wanted.
      if (!response.ok && response.status !== 404) {
        throw apiFailure(response.status, `deleting Xero connection ${xeroConnectionId}`);
      }
    },
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
