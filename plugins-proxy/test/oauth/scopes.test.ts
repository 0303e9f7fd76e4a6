/**
 * Which scopes the relay needs (reference §4 Scopes; docs/xero-behaviour.md#scopes): met by the
 * granular ones of 2026 or, for an app created before 2 March 2026, the broad ones they replaced.
 */
import { DEFAULT_XERO_SCOPES } from '../../src/config';
import { missingScopes, scopeNeededBy } from '../../src/oauth/scopes';
import { BROAD_SCOPES } from '../../src/oauth/xeroIdentity';

it.each([
  ['the default granular scopes', DEFAULT_XERO_SCOPES, []],
  ['the broad scopes of an older app', BROAD_SCOPES, []],
  [
    'the default without contacts',
    DEFAULT_XERO_SCOPES.replace(' accounting.contacts', ''),
    ['accounting.contacts'],
  ],
  ['no refresh token', DEFAULT_XERO_SCOPES.replace('offline_access ', ''), ['offline_access']],
  [
    'read-only invoices',
    'offline_access accounting.invoices.read accounting.payments.read accounting.contacts accounting.settings.read',
    ['accounting.invoices'],
  ],
  ['nothing said by Xero', '', []],
])('finds what is missing from %s', (_, granted, missing) => {
  expect(missingScopes(granted)).toEqual(missing);
});

it('names the scope a call needs and what for', () => {
  expect(scopeNeededBy('getPayments')).toEqual({
    scope: 'accounting.payments.read',
    what: 'reading payments',
  });
  expect(scopeNeededBy('createItems')?.scope).toBe('accounting.invoices');
});
