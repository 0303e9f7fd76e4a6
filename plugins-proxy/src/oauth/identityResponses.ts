/**
 * Reading Xero identity responses: token and connection shapes, and every failure normalised to
 * one typed error (the one place that knows Xero's error bodies).
 */
import type { XeroTenantConnection, XeroTokenResponse } from './xeroIdentity';

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

export function parseTokenResponse(body: unknown): XeroTokenResponse {
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

export function parseTenantConnection(value: unknown): XeroTenantConnection {
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

export function oauthFailure(status: number, body: unknown): XeroIdentityError {
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

export function apiFailure(status: number, doing: string): XeroIdentityError {
  if (status === 401 || status === 403) {
    return new XeroIdentityError(
      'unauthorized',
      `Xero refused the access token while ${doing} (${status})`,
      status,
    );
  }
  return new XeroIdentityError('http', `Xero answered ${status} while ${doing}`, status);
}

export async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The status arrived but the body did not: as good as a lost response.
    throw new XeroIdentityError(
      'network',
      `The Xero response body was lost: ${describeFailure(error)}`,
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

export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timed out' : error.message;
  return String(error);
}
