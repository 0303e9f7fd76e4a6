import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { errors } from './errors';

/**
 * An Entra-style token endpoint for client credentials (reference/dataverse-webapi.md §2), and
 * the check that every data call carries a live token. Tokens are HMAC-signed JWT-shaped strings,
 * so they survive a restart of an emulator with a data folder.
 */
export interface AuthConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
}

export interface TokenClaims {
  oid: string;
  tid: string;
  appid?: string;
  exp: number;
  iat: number;
  aud: string;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class TokenService {
  constructor(
    private readonly config: AuthConfig,
    private readonly key: Buffer,
    private readonly audience: () => string,
  ) {}

  get tenantId(): string {
    return this.config.tenantId;
  }

  static newKey(): Buffer {
    return randomBytes(32);
  }

  issue(
    userId: string,
    options: { appId?: string; ttlSeconds?: number } = {},
  ): { access_token: string; expires_in: number } {
    const ttl = options.ttlSeconds ?? this.config.tokenTtlSeconds;
    const iat = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = {
      oid: userId,
      tid: this.config.tenantId,
      appid: options.appId,
      iat,
      exp: iat + ttl,
      aud: this.audience(),
    };
    const head = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))}.${b64url(JSON.stringify(claims))}`;
    const sig = createHmac('sha256', this.key).update(head).digest('base64url');
    return { access_token: `${head}.${sig}`, expires_in: ttl };
  }

  /** The caller's claims, or a 401 DataverseError. */
  verify(authorization: string | undefined): TokenClaims {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) throw errors.unauthorized('The request has no bearer token (Authorization: Bearer <token>).');
    const [head, body, sig] = m[1].split('.');
    const expected = createHmac('sha256', this.key).update(`${head}.${body}`).digest();
    const given = Buffer.from(sig ?? '', 'base64url');
    if (!body || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw errors.unauthorized('The bearer token is not valid for this organization.');
    }
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as TokenClaims;
    if (claims.exp * 1000 <= Date.now())
      throw errors.unauthorized('ExpiredAuthTicket: the bearer token has expired.');
    return claims;
  }

  /** POST /{tenant}/oauth2/v2.0/token with a form body: Entra's answers and error shapes. */
  tokenRequest(
    tenant: string,
    form: URLSearchParams,
    applicationUserId: string,
  ): { status: number; body: unknown } {
    const fail = (status: number, error: string, code: number, description: string) => ({
      status,
      body: { error, error_description: `AADSTS${code}: ${description}`, error_codes: [code] },
    });
    if (tenant !== this.config.tenantId && tenant !== 'organizations') {
      return fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return fail(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`,
      );
    }
    if (form.get('client_id') !== this.config.clientId) {
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`,
      );
    }
    if (form.get('client_secret') !== this.config.clientSecret) {
      return fail(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').some((s) => s.endsWith('/.default'))) {
      return fail(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope '${scope}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`,
      );
    }
    const token = this.issue(applicationUserId, { appId: this.config.clientId });
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: token.expires_in,
        ext_expires_in: token.expires_in,
        access_token: token.access_token,
      },
    };
  }
}

/** The JSON msal-node takes as `authorityMetadata` to use the emulator's token endpoint. */
export function authorityMetadata(baseUrl: string, tenantId: string): string {
  const local = `${baseUrl}/${tenantId}`;
  return JSON.stringify({
    token_endpoint: `${local}/oauth2/v2.0/token`,
    authorization_endpoint: `${local}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${local}/oauth2/v2.0/logout`,
    jwks_uri: `${local}/discovery/v2.0/keys`,
    issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
  });
}
