/**
 * Xero's identity side over plain `fetch`: the authorize URL, the token endpoint (code exchange
 * with PKCE, refresh), revocation and the tenant connections. xero-node is not used here because
 * its consent URL carries no PKCE parameters and its endpoints are hard-coded (reference §4); the
 * base URLs are configurable so the sandbox emulator can stand in for Xero.
 */
import type { FetchLike } from './ports';

export const GRANULAR_SCOPES =
  'offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings';
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

/**
 * `invalid_grant`: the refresh token or code is dead; only a new consent helps.
 * `unauthorized`: the access token was refused (consent revoked in Xero).
 * `network`: no response arrived (timeout, reset): the request may have succeeded at Xero.
 */
export type XeroIdentityErrorKind =
  'invalid_grant' | 'oauth_error' | 'unauthorized' | 'http' | 'network' | 'invalid_response';

export class XeroIdentityError extends Error {
  constructor(
    readonly kind: XeroIdentityErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'XeroIdentityError';
  }
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
      throw new XeroIdentityError('network', `No response from ${new URL(url).pathname}: ${describe(error)}`);
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

/** Xero puts the consent's id in the access token (a JWT) as `authentication_event_id`. */
export function authEventIdFromAccessToken(accessToken: string): string | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const id = (claims as Record<string, unknown> | null)?.authentication_event_id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

function parseTokenResponse(body: unknown): XeroTokenResponse {
  const fields = (body ?? {}) as Record<string, unknown>;
  const { access_token, refresh_token, expires_in, scope } = fields;
  if (
    typeof access_token !== 'string' ||
    typeof refresh_token !== 'string' ||
    typeof expires_in !== 'number'
  ) {
    throw new XeroIdentityError(
      'invalid_response',
      'The Xero token response lacks access_token, refresh_token or expires_in (is offline_access in the scopes?)',
    );
  }
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    expiresInSeconds: expires_in,
    scope: typeof scope === 'string' ? scope : '',
  };
}

function parseTenantConnection(value: unknown): XeroTenantConnection {
  const fields = (value ?? {}) as Record<string, unknown>;
  const text = (key: string): string | null =>
    typeof fields[key] === 'string' ? (fields[key] as string) : null;
  const id = text('id');
  const tenantId = text('tenantId');
  if (!id || !tenantId)
    throw new XeroIdentityError('invalid_response', 'A Xero connection lacks id or tenantId');
  return {
    id,
    tenantId,
    authEventId: text('authEventId'),
    tenantType: text('tenantType') ?? 'ORGANISATION',
    tenantName: text('tenantName') ?? tenantId,
  };
}

function oauthFailure(status: number, body: unknown): XeroIdentityError {
  const code =
    typeof (body as Record<string, unknown> | null)?.error === 'string'
      ? String((body as Record<string, unknown>).error)
      : '';
  if (code === 'invalid_grant') {
    return new XeroIdentityError(
      'invalid_grant',
      'Xero refused the grant (invalid_grant): a new consent is needed',
      status,
    );
  }
  if (code) return new XeroIdentityError('oauth_error', `Xero identity answered ${status} ${code}`, status);
  return new XeroIdentityError('http', `Xero identity answered ${status}`, status);
}

function apiFailure(status: number, doing: string): XeroIdentityError {
  if (status === 401 || status === 403) {
    return new XeroIdentityError(
      'unauthorized',
      `Xero refused the access token while ${doing} (${status})`,
      status,
    );
  }
  return new XeroIdentityError('http', `Xero answered ${status} while ${doing}`, status);
}

async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The status arrived but the body did not: as good as a lost response.
    throw new XeroIdentityError(
      'network',
      `The Xero response body was lost: ${describe(error)}`,
      response.status,
    );
  }
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timed out' : error.message;
  return String(error);
}
