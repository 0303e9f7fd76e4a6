// Who may call the Accounting API: a Bearer access token issued by this emulator, not expired, with
// the scope for the endpoint, and a `xero-tenant-id` that the token's connections authorised
// (or '' for a client-credentials custom connection, reference §4). Errors in Xero's problem shape.
import { randomUUID } from 'node:crypto';
import type { HttpReply, HttpRequest } from '../http/messages';
import type { Grants } from '../identity/grants';
import { scopeAllows } from '../identity/scopes';

export type Authorisation =
  { ok: true; tenantId: string; clientId: string } | { ok: false; reply: HttpReply };

function problem(status: 401 | 403, detail: string): HttpReply {
  return {
    status,
    headers: status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {},
    body: {
      Type: null,
      Title: status === 401 ? 'Unauthorized' : 'Forbidden',
      Status: status,
      Detail: detail,
      Instance: randomUUID(),
      Extensions: {},
    },
  };
}

export function authorise(grants: Grants, req: HttpRequest, apiPath: string, now: number): Authorisation {
  const match = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  if (!match) return { ok: false, reply: problem(401, 'AuthenticationUnsuccessful') };
  const token = grants.accessToken(match[1]);
  if (!token) return { ok: false, reply: problem(401, 'AuthenticationUnsuccessful') };
  if (token.expiresMs <= now) {
    return {
      ok: false,
      reply: problem(401, `TokenExpired: token expired at ${new Date(token.expiresMs).toISOString()}`),
    };
  }
  if (!scopeAllows(token.scope.split(/\s+/), apiPath, req.method))
    return { ok: false, reply: problem(401, 'AuthorizationUnsuccessful') };
  const header = req.headers['xero-tenant-id'];
  const tenantId = (Array.isArray(header) ? header[0] : header)?.trim();
  if (token.customTenantId) {
    return !tenantId || tenantId === token.customTenantId
      ? { ok: true, tenantId: token.customTenantId, clientId: token.clientId }
      : { ok: false, reply: problem(403, 'AuthenticationUnsuccessful') };
  }
  if (!tenantId) return { ok: false, reply: problem(403, 'AuthenticationUnsuccessful') };
  const connection = grants
    .connections(token.clientId, token.userId)
    .find((c) => c.tenantId.toLowerCase() === tenantId.toLowerCase());
  return connection
    ? { ok: true, tenantId: connection.tenantId, clientId: token.clientId }
    : { ok: false, reply: problem(403, 'AuthenticationUnsuccessful') };
}
