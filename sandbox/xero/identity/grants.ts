// OAuth 2.0 state (reference/xero-api.md §4): single-use short-lived auth codes with PKCE (S256),
// 30-minute access tokens, rotating refresh tokens that expire after 60 days unused and whose
// predecessor still works once within a 30-minute grace (returning the same new pair), connections
// per (app, user, tenant) grouped by authEventId, and client-credentials tokens for a custom connection.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../store';
import { Connections, type Connection } from './connections';
import type { IdTokenSigner } from './idToken';
import { ACCESS_TOKEN_TTL_MS, REFRESH_GRACE_MS, REFRESH_TOKEN_IDLE_MS } from '../options';

export const DEMO_USER_ID = '5f1b7c5e-7a2d-4e0b-9c61-2f3a8d0e4b11';

export interface AuthCode {
  kind: 'code';
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge?: string;
  nonce?: string;
  userId: string;
  authEventId: string;
  expiresMs: number;
  used: boolean;
}

export interface AccessToken {
  kind: 'access';
  clientId: string;
  userId: string;
  scope: string;
  expiresMs: number;
  /** The consent the token descends from (its `authentication_event_id` claim). */
  authEventId?: string;
  /** Set for client-credentials tokens: the custom connection's organisation. */
  customTenantId?: string;
}

export interface TokenPair {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
}

interface RefreshToken {
  kind: 'refresh';
  clientId: string;
  userId: string;
  scope: string;
  authEventId?: string;
  publicClient: boolean;
  lastUsedMs: number;
  rotatedAtMs?: number;
  replacement?: { pair: TokenPair; accessExpiresMs: number };
  graceUsed?: boolean;
  revoked?: boolean;
}

interface GrantOwner {
  clientId: string;
  userId: string;
  authEventId?: string;
}

export type GrantResult = { ok: true; pair: TokenPair } | { ok: false; error: string; description: string };

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class Grants {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly issuer: () => string,
    private readonly signingKey: string,
    readonly idTokens: IdTokenSigner,
    public authCodeTtlMs: number,
  ) {
    this.links = new Connections(store);
  }

  private readonly links: Connections;

  private get<T>(key: string): T | undefined {
    return this.store.identity.get(key) as T | undefined;
  }

  private put(key: string, value: object): void {
    this.store.identity.put(key, value as Record<string, unknown>);
  }

  /** The user consented: connect the chosen tenants (one authEventId) and mint a code. */
  consent(input: {
    clientId: string;
    redirectUri: string;
    scope: string;
    codeChallenge?: string;
    nonce?: string;
    tenantIds: string[];
    /** The Xero user who signs in (default the demo user). */
    userId?: string;
  }): string {
    const now = this.now();
    const userId = input.userId ?? DEMO_USER_ID;
    const authEventId = this.links.connect(input.clientId, userId, input.tenantIds, now);
    const code = b64url(randomBytes(32));
    const record: AuthCode = {
      kind: 'code',
      clientId: input.clientId,
      redirectUri: input.redirectUri,
      scope: input.scope,
      codeChallenge: input.codeChallenge,
      nonce: input.nonce,
      userId,
      authEventId,
      expiresMs: now + this.authCodeTtlMs,
      used: false,
    };
    this.put(`code:${code}`, record);
    return code;
  }

  exchangeCode(input: {
    code: string;
    clientId: string;
    redirectUri?: string;
    verifier?: string;
    secretOk: boolean;
  }): GrantResult {
    const record = this.get<AuthCode>(`code:${input.code}`);
    const invalid = (description: string): GrantResult => ({
      ok: false,
      error: 'invalid_grant',
      description,
    });
    if (!record || record.clientId !== input.clientId) return invalid('The authorization code is not valid.');
    if (record.used) return invalid('The authorization code has already been used.');
    if (this.now() > record.expiresMs) return invalid('The authorization code has expired.');
    if (input.redirectUri !== undefined && input.redirectUri !== record.redirectUri) {
      return invalid('The redirect_uri does not match the one used to authorise.');
    }
    if (record.codeChallenge) {
      if (!input.verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(input.verifier))
        return invalid('A valid code_verifier is required.');
      const expected = b64url(createHash('sha256').update(input.verifier).digest());
      if (expected !== record.codeChallenge)
        return invalid('The code_verifier does not match the code_challenge.');
    } else if (!input.secretOk) {
      return { ok: false, error: 'invalid_client', description: 'The client secret is required.' };
    }
    this.put(`code:${input.code}`, { ...record, used: true });
    const pair = this.issue(
      { clientId: record.clientId, userId: record.userId, authEventId: record.authEventId },
      record.scope,
      !input.secretOk,
    );
    if (record.scope.split(/\s+/).includes('openid')) {
      pair.id_token = this.idTokens.sign({
        issuer: this.issuer(),
        clientId: record.clientId,
        userId: record.userId,
        nowMs: this.now(),
        accessToken: pair.access_token,
        nonce: record.nonce,
      });
    }
    return { ok: true, pair };
  }

  refresh(token: string, clientId: string): GrantResult {
    const record = this.get<RefreshToken>(`rt:${token}`);
    const invalid: GrantResult = {
      ok: false,
      error: 'invalid_grant',
      description: 'The refresh token is not valid.',
    };
    const now = this.now();
    if (!record || record.revoked || record.clientId !== clientId) return invalid;
    if (now - record.lastUsedMs > REFRESH_TOKEN_IDLE_MS) return invalid;
    if (record.rotatedAtMs !== undefined) {
      // Grace (§4): a client that lost the refresh response may retry once with the old token.
      if (record.graceUsed || !record.replacement || now - record.rotatedAtMs > REFRESH_GRACE_MS)
        return invalid;
      this.put(`rt:${token}`, { ...record, graceUsed: true });
      const { pair, accessExpiresMs } = record.replacement;
      return {
        ok: true,
        pair: { ...pair, expires_in: Math.max(0, Math.round((accessExpiresMs - now) / 1000)) },
      };
    }
    const pair = this.issue(
      { clientId: record.clientId, userId: record.userId, authEventId: record.authEventId },
      record.scope,
      record.publicClient,
    );
    this.put(`rt:${token}`, {
      ...record,
      rotatedAtMs: now,
      replacement: { pair, accessExpiresMs: now + ACCESS_TOKEN_TTL_MS },
    });
    return { ok: true, pair };
  }

  clientCredentials(clientId: string, scope: string, tenantId: string): TokenPair {
    const access = this.mintAccess({ clientId, userId: `app:${clientId}` }, scope, tenantId);
    return { access_token: access, expires_in: ACCESS_TOKEN_TTL_MS / 1000, token_type: 'Bearer', scope };
  }

  /** Revoking a refresh token removes the grant's connections, as Xero does. */
  revoke(token: string, clientId: string): void {
    const record = this.get<RefreshToken>(`rt:${token}`);
    if (!record || record.clientId !== clientId) return;
    this.put(`rt:${token}`, { ...record, revoked: true });
    this.links.removeAll(clientId, record.userId);
  }

  accessToken(token: string): AccessToken | undefined {
    return this.get<AccessToken>(`at:${token}`);
  }

  connections(clientId: string, userId: string): Connection[] {
    return this.links.list(clientId, userId);
  }

  allConnections(clientId: string, userId?: string): Connection[] {
    return this.links.forApp(clientId).filter((c) => !userId || c.userId === userId);
  }

  deleteConnection(clientId: string, userId: string, id: string): boolean {
    return this.links.remove(clientId, userId, id);
  }

  /** What a user's "Disconnect" of one organisation in Xero does: every connection to it goes. */
  dropTenant(clientId: string, tenantId: string): number {
    return this.links.removeTenant(clientId, tenantId);
  }

  /** Every access token of the app (or of one user) expires now, as if 30 minutes had passed. */
  expireAccessTokens(clientId: string, userId?: string): number {
    let expired = 0;
    for (const [key, value] of this.store.identity.entries()) {
      const token = value as unknown as AccessToken;
      if (token.kind !== 'access' || token.clientId !== clientId) continue;
      if (userId && token.userId !== userId) continue;
      this.put(key, { ...token, expiresMs: Math.min(token.expiresMs, this.now()) });
      expired += 1;
    }
    return expired;
  }

  private issue(grant: GrantOwner, scope: string, publicClient: boolean): TokenPair {
    const { clientId, userId } = grant;
    const access = this.mintAccess(grant, scope);
    const pair: TokenPair = {
      access_token: access,
      expires_in: ACCESS_TOKEN_TTL_MS / 1000,
      token_type: 'Bearer',
      scope,
    };
    if (scope.split(/\s+/).includes('offline_access')) {
      const refresh = b64url(randomBytes(32));
      const record: RefreshToken = {
        kind: 'refresh',
        clientId,
        userId,
        authEventId: grant.authEventId,
        scope,
        publicClient,
        lastUsedMs: this.now(),
      };
      this.put(`rt:${refresh}`, record);
      pair.refresh_token = refresh;
    }
    return pair;
  }

  /**
   * Xero's access tokens are JWTs carrying the consent's `authentication_event_id` (reference §4);
   * this one is HS256-signed and also recorded for look-up.
   */
  private mintAccess(grant: GrantOwner, scope: string, customTenantId?: string): string {
    const { clientId, userId, authEventId } = grant;
    const now = this.now();
    const payload = {
      iss: this.issuer(),
      nbf: Math.floor(now / 1000),
      exp: Math.floor((now + ACCESS_TOKEN_TTL_MS) / 1000),
      aud: `${this.issuer()}/resources`,
      client_id: clientId,
      sub: userId,
      xero_userid: userId,
      jti: randomUUID(),
      ...(authEventId ? { authentication_event_id: authEventId } : {}),
      scope: scope.split(/\s+/).filter(Boolean),
    };
    const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    const token = `${unsigned}.${b64url(createHmac('sha256', this.signingKey).update(unsigned).digest())}`;
    const record: AccessToken = {
      kind: 'access',
      clientId,
      userId,
      scope,
      expiresMs: now + ACCESS_TOKEN_TTL_MS,
      authEventId,
      customTenantId,
    };
    this.put(`at:${token}`, record);
    return token;
  }
}
