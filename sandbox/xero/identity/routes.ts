// The identity side (reference/xero-api.md §4): /identity/connect/authorize (consent page, or
// `auto_consent=<tenantIds|all>` for tests), /connect/token, /connect/revocation,
// /.well-known/openid-configuration, GET /connections and DELETE /connections/{id}.
import type { HttpReply, HttpRequest } from '../http/messages';
import { formBody } from '../http/messages';
import type { Store } from '../store';
import { consentPage } from './consentPage';
import type { Grants } from './grants';
import { appScopes, scopesNotAllowed } from './scopes';
import { toUtcStamp } from '../domain/xeroDates';

export interface IdentityDeps {
  store: Store;
  grants: Grants;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  origin: () => string;
  appName: string;
  /** The app predates 2 March 2026 and may still ask for the broad scopes. */
  legacyScopes: boolean;
}

type Params = URLSearchParams;

const tokenError = (error: string, description: string, status = 400): HttpReply => ({
  status,
  body: { error, error_description: description },
});

function organisations(deps: IdentityDeps) {
  return deps.store
    .tenantIds()
    .map((tenantId) => ({ tenantId, name: deps.store.organisations.get(tenantId, tenantId)!.Name }));
}

function redirect(location: string): HttpReply {
  return { status: 302, headers: { location } };
}

function withQuery(uri: string, values: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(values)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export function authorize(deps: IdentityDeps, req: HttpRequest): HttpReply {
  const params: Params = req.method === 'POST' ? formBody(req.rawBody) : req.query;
  const clientId = params.get('client_id') ?? '';
  const redirectUri = params.get('redirect_uri') ?? '';
  if (clientId !== deps.clientId || !deps.redirectUris.includes(redirectUri)) {
    return {
      status: 400,
      text: '<!doctype html><p>unauthorized_client: unknown client_id or redirect_uri</p>',
    };
  }
  const state = params.get('state') ?? undefined;
  if (params.get('response_type') !== 'code') {
    return redirect(withQuery(redirectUri, { error: 'unsupported_response_type', state }));
  }
  const challenge = params.get('code_challenge') ?? undefined;
  if (challenge && (params.get('code_challenge_method') ?? 'plain') !== 'S256') {
    return redirect(
      withQuery(redirectUri, {
        error: 'invalid_request',
        error_description: 'code_challenge_method must be S256',
        state,
      }),
    );
  }
  const scope = params.get('scope') ?? '';
  // A scope the app may not have ends the flow at once, before any consent (reference §4 Scopes).
  const refused = scopesNotAllowed(scope, deps.legacyScopes);
  if (refused.length > 0) {
    return redirect(
      withQuery(redirectUri, {
        error: 'unauthorized_client',
        error_description: `Invalid scope for client: ${refused.join(' ')}`,
        state,
      }),
    );
  }
  const known = organisations(deps);
  const auto = params.get('auto_consent');
  const chosen =
    req.method === 'POST'
      ? params.getAll('tenant')
      : auto === 'all'
        ? known.map((o) => o.tenantId)
        : auto
          ? auto.split(',')
          : undefined;
  if (req.method === 'POST' && params.get('decision') === 'deny') {
    return redirect(withQuery(redirectUri, { error: 'access_denied', state }));
  }
  if (!chosen || chosen.length === 0 || chosen.some((t) => !known.some((o) => o.tenantId === t))) {
    const hidden: Record<string, string> = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope,
    };
    if (state) hidden.state = state;
    const nonce = params.get('nonce');
    if (nonce) hidden.nonce = nonce;
    const user = params.get('user');
    if (user) hidden.user = user;
    if (challenge) Object.assign(hidden, { code_challenge: challenge, code_challenge_method: 'S256' });
    const error = chosen ? 'Choose at least one organisation you know.' : undefined;
    return {
      status: chosen ? 400 : 200,
      text: consentPage({ appName: deps.appName, scope, hidden, organisations: known, error }),
    };
  }
  const code = deps.grants.consent({
    clientId,
    redirectUri,
    scope,
    codeChallenge: challenge,
    nonce: params.get('nonce') ?? undefined,
    tenantIds: chosen,
    // Emulator only: which Xero user signs in, so tests can consent as a second user.
    userId: params.get('user') ?? undefined,
  });
  return redirect(withQuery(redirectUri, { code, scope, state }));
}

function clientOf(
  deps: IdentityDeps,
  req: HttpRequest,
  form: Params,
): { clientId: string; secretOk: boolean } | undefined {
  const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  let clientId = form.get('client_id') ?? '';
  let secret = form.get('client_secret') ?? undefined;
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const split = decoded.indexOf(':');
    clientId = decodeURIComponent(decoded.slice(0, split));
    secret = decodeURIComponent(decoded.slice(split + 1));
  }
  if (clientId !== deps.clientId) return undefined;
  if (secret !== undefined && secret !== deps.clientSecret) return undefined;
  return { clientId, secretOk: secret !== undefined };
}

export function token(deps: IdentityDeps, req: HttpRequest): HttpReply {
  const form = formBody(req.rawBody);
  const client = clientOf(deps, req, form);
  if (!client) return tokenError('invalid_client', 'The client id or secret is not valid.');
  const grant = form.get('grant_type');
  let result;
  if (grant === 'authorization_code') {
    result = deps.grants.exchangeCode({
      code: form.get('code') ?? '',
      clientId: client.clientId,
      redirectUri: form.get('redirect_uri') ?? undefined,
      verifier: form.get('code_verifier') ?? undefined,
      secretOk: client.secretOk,
    });
  } else if (grant === 'refresh_token') {
    result = deps.grants.refresh(form.get('refresh_token') ?? '', client.clientId);
  } else if (grant === 'client_credentials') {
    if (!client.secretOk) return tokenError('invalid_client', 'client_credentials needs the client secret.');
    const tenantId = deps.store.tenantIds()[0];
    const scope = form.get('scope') ?? form.get('scopes') ?? '';
    const refused = scopesNotAllowed(scope, deps.legacyScopes);
    if (refused.length > 0)
      return tokenError('unauthorized_client', `Invalid scope for client: ${refused.join(' ')}`);
    return { status: 200, body: deps.grants.clientCredentials(client.clientId, scope, tenantId) };
  } else {
    return tokenError('unsupported_grant_type', `grant_type '${grant ?? ''}' is not supported.`);
  }
  return result.ok
    ? { status: 200, body: result.pair, headers: { 'cache-control': 'no-store' } }
    : tokenError(result.error, result.description);
}

export function revocation(deps: IdentityDeps, req: HttpRequest): HttpReply {
  const form = formBody(req.rawBody);
  const client = clientOf(deps, req, form);
  if (!client) return tokenError('invalid_client', 'The client id or secret is not valid.');
  deps.grants.revoke(form.get('token') ?? '', client.clientId);
  return { status: 200 };
}

export function openIdConfiguration(deps: IdentityDeps): HttpReply {
  const origin = deps.origin();
  return {
    status: 200,
    body: {
      issuer: origin,
      authorization_endpoint: `${origin}/identity/connect/authorize`,
      token_endpoint: `${origin}/connect/token`,
      revocation_endpoint: `${origin}/connect/revocation`,
      jwks_uri: `${origin}/.well-known/openid-configuration/jwks`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: appScopes(deps.legacyScopes),
    },
  };
}

function bearer(deps: IdentityDeps, req: HttpRequest) {
  const match = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  return match ? deps.grants.accessToken(match[1]) : undefined;
}

export function connections(deps: IdentityDeps, req: HttpRequest, now: number, id?: string): HttpReply {
  const access = bearer(deps, req);
  if (!access || access.expiresMs <= now)
    return {
      status: 401,
      body: { Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' },
    };
  if (req.method === 'DELETE' && id) {
    return deps.grants.deleteConnection(access.clientId, access.userId, id)
      ? { status: 204 }
      : { status: 404 };
  }
  const authEventId = req.query.get('authEventId');
  const list = deps.grants
    .connections(access.clientId, access.userId)
    .filter((c) => !authEventId || c.authEventId === authEventId)
    .map((c) => ({
      id: c.id,
      authEventId: c.authEventId,
      tenantId: c.tenantId,
      tenantType: 'ORGANISATION',
      tenantName: deps.store.organisations.get(c.tenantId, c.tenantId)?.Name ?? '',
      createdDateUtc: toUtcStamp(c.createdMs),
      updatedDateUtc: toUtcStamp(c.updatedMs),
    }));
  return { status: 200, body: list };
}
