/**
 * What the relay makes of Xero refusing a token (docs/xero-behaviour.md#401-and-403): a 403 while the
 * organisation is still connected is retried later; one gone from /connections needs a person; a
 * 401 AuthorizationUnsuccessful names the scope the call needed.
 */
import { XeroError } from '../../src/adapters/xero/errors';
import { createAccessRecovery } from '../../src/oauth/accessRecovery';
import { ConnectionNeedsAttention } from '../../src/oauth/errors';
import type { XeroTenantConnection } from '../../src/oauth/xeroIdentity';

const access = { accessToken: 'token', tenantId: 'tenant-1' };
const refusal = (status: number, detail: string) =>
  new XeroError({ kind: 'auth', status, messages: [detail], retryable: false });

function recovery(
  list: () => Promise<XeroTenantConnection[]>,
  granted = 'offline_access accounting.invoices',
) {
  return createAccessRecovery({
    tokenManager: {
      getAccessToken: async () => access,
      grantedScope: async () => granted,
    },
    identity: { listConnections: list },
  });
}

const tenant = (tenantId: string): XeroTenantConnection => ({
  id: `c-${tenantId}`,
  authEventId: null,
  tenantId,
  tenantType: 'ORGANISATION',
  tenantName: tenantId,
});

it('retries later after a 403 while the organisation is still connected', async () => {
  const error = await recovery(async () => [tenant('tenant-1')]).explain(
    'conn',
    refusal(403, 'AuthenticationUnsuccessful'),
    access,
    'getInvoices',
  );
  expect(error).toMatchObject({ kind: 'auth', retryable: true });
  expect((error as XeroError).retryAfterMs).toBeGreaterThan(0);
});

it('needs a person after a 403 for an organisation /connections no longer lists', async () => {
  const error = await recovery(async () => [tenant('tenant-2')]).explain(
    'conn',
    refusal(403, 'AuthenticationUnsuccessful'),
    access,
    'getInvoices',
  );
  expect(error).toBeInstanceOf(ConnectionNeedsAttention);
  expect(error).toMatchObject({ reason: 'tenant_disconnected' });
});

it('retries later when /connections cannot be read either', async () => {
  const error = await recovery(async () => Promise.reject(new Error('down'))).explain(
    'conn',
    refusal(403, 'AuthenticationUnsuccessful'),
    access,
    'getInvoices',
  );
  expect(error).toMatchObject({ retryable: true });
});

it('names the scope a call needed after 401 AuthorizationUnsuccessful', async () => {
  const error = await recovery(async () => []).explain(
    'conn',
    refusal(401, 'AuthorizationUnsuccessful'),
    access,
    'createContacts',
  );
  expect(error).toMatchObject({ reason: 'missing_scope' });
  expect(error.message).toContain('accounting.contacts');
});

it('takes a second 401 for anything else as consent revoked in Xero', async () => {
  const error = await recovery(async () => []).explain(
    'conn',
    refusal(401, 'TokenExpired: token expired'),
    access,
    'getInvoices',
  );
  expect(error).toMatchObject({ reason: 'consent_revoked' });
});
