/**
 * What Xero's refusals of a token mean (docs/xero-behaviour.md#401-and-403): a 401 is an expired or
 * revoked token (one refresh, one retry; 401 AuthorizationUnsuccessful is a missing scope, Xero-
 * NetStandard#178); a 403 AuthenticationUnsuccessful is a tenant the token no longer reaches
 * (laravel-xero#40), read again from /connections: gone means a person must reconnect.
 */
import type { AccessRecovery } from '../adapters/xero/xeroCallRunner';
import { XeroError } from '../adapters/xero/errors';
import { ConnectionNeedsAttention, needsAttentionMessage } from './errors';
import { missingScopes, scopeNeededBy } from './scopes';
import type { TokenManager } from './tokenManager';
import type { XeroIdentity } from './xeroIdentity';

/** A 403 while the tenant is still connected: Xero's side, tried again later. */
const FORBIDDEN_RETRY_MS = 5 * 60_000;

export function createAccessRecovery(deps: {
  tokenManager: Pick<TokenManager, 'getAccessToken' | 'grantedScope'>;
  identity: Pick<XeroIdentity, 'listConnections'>;
}): AccessRecovery {
  const attention = (
    connectionId: string,
    reason: 'consent_revoked' | 'missing_scope' | 'tenant_disconnected',
    detail = '',
  ) =>
    new ConnectionNeedsAttention(connectionId, reason, needsAttentionMessage(connectionId, reason, detail));

  async function unauthorized(connectionId: string, refusal: XeroError, operation: string): Promise<Error> {
    if (!refusal.messages.some((m) => /AuthorizationUnsuccessful/i.test(m)))
      return attention(connectionId, 'consent_revoked');
    const needed = scopeNeededBy(operation);
    const missing = missingScopes(await deps.tokenManager.grantedScope(connectionId).catch(() => ''));
    const scope = needed?.scope ?? missing[0];
    return attention(connectionId, 'missing_scope', scope ? `${scope} (${needed?.what ?? 'its work'})` : '');
  }

  return {
    refreshed: (connectionId, rejected) => deps.tokenManager.getAccessToken(connectionId, { rejected }),

    async explain(connectionId, refusal, access, operation) {
      if (refusal.status === 401) return unauthorized(connectionId, refusal, operation);
      let connected: boolean;
      try {
        const tenants = await deps.identity.listConnections(access.accessToken);
        connected = tenants.some((t) => t.tenantId.toLowerCase() === access.tenantId.toLowerCase());
      } catch {
        connected = true;
      }
      if (!connected) return attention(connectionId, 'tenant_disconnected', access.tenantId);
      return new XeroError({
        kind: 'auth',
        status: 403,
        messages: [
          `Xero refused access to the organisation (HTTP 403 ${refusal.messages[0] ?? ''}) although it is still connected; trying again later.`,
        ],
        retryable: true,
        retryAfterMs: FORBIDDEN_RETRY_MS,
        headers: refusal.headers,
      });
    },
  };
}
