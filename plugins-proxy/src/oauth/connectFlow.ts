/**
 * Connect, callback and choose-organisation as framework-free functions over ports; a connect attempt's
 * secrets never leave the relay (docs/architecture.md#oauth-state-and-nonces).
 */
import { CHOICES } from '../../../solution/names';
import { disconnectConnection } from './disconnect';
import type {
  ConnectFlowDeps,
  ConnectOutcome,
  DisconnectOutcome,
  OrganisationChoice,
  StartConnectResult,
} from './flowTypes';
import { refused } from './flowTypes';
import { claimConnectNonce } from './nonceGate';
import { systemClock } from './ports';
import { createPkcePair, randomToken, signState, STATE_TTL_MS, verifyState } from './state';
import type { StoredTokenSet } from './tokenSet';
import { readTokenSet, refreshDeadlineOf, replaceTokenSet } from './tokenSet';
import { tidyAfterConnect } from './connectionCleanup';
import { needsAttentionMessage } from './errors';
import { missingScopes } from './scopes';
import type { XeroTenantConnection, XeroTokenResponse } from './xeroIdentity';
import { authEventIdFromAccessToken, XeroIdentityError } from './xeroIdentity';

const TICKET_TTL_MS = 10 * 60 * 1000;
const START_AGAIN = 'Start again with Connect to Xero on the connection form.';

interface PendingAttempt {
  readonly connectionId: string;
  readonly nonce: string;
  readonly verifier: string;
}

interface PendingChoice {
  readonly connectionId: string;
  readonly tokens: XeroTokenResponse;
  readonly issuedAt: number;
  readonly tenants: readonly XeroTenantConnection[];
  readonly expiresAt: number;
}

export interface ConnectFlow {
  startConnect(input: { connectionId: string; nonce: string }): Promise<StartConnectResult>;
  handleCallback(input: { code?: string; state?: string; error?: string }): Promise<ConnectOutcome>;
  chooseOrganisation(ticket: string, tenantId: string): Promise<ConnectOutcome>;
  disconnect(input: { connectionId: string; nonce: string }): Promise<DisconnectOutcome>;
}

export function createConnectFlow(deps: ConnectFlowDeps): ConnectFlow {
  const clock = deps.clock ?? systemClock;

  async function startConnect({ connectionId, nonce }: { connectionId: string; nonce: string }) {
    const claim = await claimConnectNonce(deps, connectionId, nonce);
    if (!claim.ok) return claim.failure;
    const pkce = createPkcePair();
    const verifierRef = randomToken();
    const attempt: PendingAttempt = { connectionId, nonce: randomToken(16), verifier: pkce.verifier };
    await deps.stateStore.put(`pkce:${verifierRef}`, JSON.stringify(attempt), STATE_TTL_MS);
    const state = signState(
      { connectionId, nonce: attempt.nonce, exp: clock.now() + STATE_TTL_MS, verifierRef },
      deps.stateKey,
    );
    return {
      kind: 'redirect' as const,
      url: deps.identity.buildAuthorizeUrl({ state, codeChallenge: pkce.challenge }),
    };
  }

  async function handleCallback(input: {
    code?: string;
    state?: string;
    error?: string;
  }): Promise<ConnectOutcome> {
    const checked = verifyState(input.state ?? '', deps.stateKey, clock.now());
    if (!checked.ok) {
      return refused(
        400,
        'Sign-in not accepted',
        `This sign-in response is not valid (${checked.failure} state). ${START_AGAIN}`,
      );
    }
    const payload = checked.value;
    const stored = await deps.stateStore.take(`pkce:${payload.verifierRef}`);
    const attempt = stored ? (JSON.parse(stored) as PendingAttempt) : null;
    if (!attempt || attempt.connectionId !== payload.connectionId || attempt.nonce !== payload.nonce) {
      return refused(
        400,
        'Sign-in not accepted',
        `This sign-in response was already used or has expired. ${START_AGAIN}`,
      );
    }
    if (input.error || !input.code) {
      const why = input.error ? `Xero returned "${input.error}"` : 'Xero returned no authorisation code';
      return refused(
        400,
        'Xero did not connect',
        `${why} for connection ${payload.connectionId}. ${START_AGAIN}`,
      );
    }
    try {
      const tokens = await deps.identity.exchangeCode(input.code, attempt.verifier);
      const issuedAt = clock.now();
      const tenants = await authorisedOrganisations(tokens.accessToken);
      if (tenants.length === 0) {
        return refused(
          400,
          'No organisation authorised',
          `No Xero organisation was authorised for connection ${payload.connectionId}. ${START_AGAIN}`,
        );
      }
      if (tenants.length === 1)
        return await finish(payload.connectionId, tokens, issuedAt, tenants[0], tenants);
      return await offerChoice({
        connectionId: payload.connectionId,
        tokens,
        issuedAt,
        tenants,
        expiresAt: issuedAt + TICKET_TTL_MS,
      });
    } catch (error) {
      if (!(error instanceof XeroIdentityError)) throw error;
      return refused(
        502,
        'Xero did not connect',
        `Xero did not complete the sign-in for connection ${payload.connectionId}: ${error.message}. ${START_AGAIN}`,
      );
    }
  }

  async function authorisedOrganisations(accessToken: string): Promise<XeroTenantConnection[]> {
    const authEventId = authEventIdFromAccessToken(accessToken);
    let tenants = await deps.identity.listConnections(accessToken, authEventId);
    // Without the consent's id (or when the filter finds nothing), fall back to every tenant the token reaches.
    if (tenants.length === 0 && authEventId) tenants = await deps.identity.listConnections(accessToken, null);
    return tenants.filter((tenant) => tenant.tenantType.toUpperCase() === 'ORGANISATION');
  }

  async function offerChoice(pending: PendingChoice): Promise<ConnectOutcome> {
    const ticket = randomToken();
    await savePending(ticket, pending);
    const choices: OrganisationChoice[] = pending.tenants.map(({ tenantId, tenantName }) => ({
      tenantId,
      tenantName,
    }));
    return { kind: 'chooseOrganisation', connectionId: pending.connectionId, choices, ticket };
  }

  async function savePending(ticket: string, pending: PendingChoice): Promise<void> {
    const ttl = pending.expiresAt - clock.now();
    if (ttl <= 0) return;
    await deps.stateStore.put(
      `ticket:${ticket}`,
      deps.cipher.encrypt(JSON.stringify(pending), `ticket:${ticket}`),
      ttl,
    );
  }

  async function chooseOrganisation(ticket: string, tenantId: string): Promise<ConnectOutcome> {
    const sealed = ticket ? await deps.stateStore.take(`ticket:${ticket}`) : null;
    if (!sealed) {
      return refused(
        400,
        'Choice expired',
        `This organisation choice has expired or was already made. ${START_AGAIN}`,
      );
    }
    const pending = JSON.parse(deps.cipher.decrypt(sealed, `ticket:${ticket}`)) as PendingChoice;
    const tenant = pending.tenants.find((candidate) => candidate.tenantId === tenantId);
    if (!tenant) {
      await savePending(ticket, pending);
      return refused(400, 'Choose an organisation', 'Choose one of the listed Xero organisations.');
    }
    const outcome = await finish(
      pending.connectionId,
      pending.tokens,
      pending.issuedAt,
      tenant,
      pending.tenants,
    );
    // Refused because another row uses it: let the admin pick a different organisation.
    if (outcome.kind === 'refused') await savePending(ticket, pending);
    return outcome;
  }

  async function finish(
    connectionId: string,
    tokens: XeroTokenResponse,
    issuedAt: number,
    tenant: XeroTenantConnection,
    consented: readonly XeroTenantConnection[],
  ): Promise<ConnectOutcome> {
    const other = await deps.rows.findConnectionByTenant(tenant.tenantId, connectionId);
    if (other) {
      return refused(
        409,
        'Organisation already connected',
        `Xero organisation ${tenant.tenantName} is already connected to Stellarise connection ${other.name || other.id}. ` +
          'Disconnect it there first, or choose another organisation.',
      );
    }
    const set: StoredTokenSet = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessTokenExpiresAt: issuedAt + tokens.expiresInSeconds * 1000,
      refreshTokenIssuedAt: issuedAt,
      tenantId: tenant.tenantId,
      tenantName: tenant.tenantName,
      xeroConnectionId: tenant.id,
      scope: tokens.scope,
    };
    const previous = await readTokenSet(deps.tokens, deps.cipher, connectionId);
    await replaceTokenSet(deps.tokens, deps.cipher, connectionId, set);
    // Best effort: Xero's connection caps count every connection, used or not.
    await tidyAfterConnect(deps, {
      connectionId,
      accessToken: tokens.accessToken,
      consented,
      tenant,
      previous,
    });
    const missing = missingScopes(tokens.scope);
    await deps.rows.updateConnection(connectionId, {
      tenantId: tenant.tenantId,
      tenantName: tenant.tenantName,
      status: missing.length
        ? CHOICES.connectionStatus.values.needsAttention
        : CHOICES.connectionStatus.values.connected,
      refreshDeadline: refreshDeadlineOf(set),
      lastRefreshOn: new Date(issuedAt),
      lastError: missing.length
        ? needsAttentionMessage(connectionId, 'missing_scope', missing.join(' '))
        : null,
    });
    if (missing.length) {
      // Its syncs stay held: every one would be refused for the missing permission.
      return refused(
        403,
        'Permission missing',
        `Xero connected ${tenant.tenantName} without the permission ${missing.join(' ')} that the connector needs. ` +
          'Connect to Xero again and allow every permission it asks for.',
      );
    }
    await deps.onConnected?.(connectionId, tenant.tenantId);
    return { kind: 'connected', connectionId, tenantId: tenant.tenantId, tenantName: tenant.tenantName };
  }

  return {
    startConnect,
    handleCallback,
    chooseOrganisation,
    disconnect: (input) => disconnectConnection(deps, input),
  };
}
