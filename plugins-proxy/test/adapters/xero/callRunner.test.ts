/**
 * How one call gets its permit and token (docs/xero-behaviour.md#rate-limits, #401-and-403): the
 * token is taken after the permit, so no call goes out with one that expired while it waited; a 401
 * gets one refresh and one retry; a second 401 or a 403 is explained by the OAuth side.
 */
import type { AccountingApi } from 'xero-node';
import { XeroError } from '../../../src/adapters/xero/errors';
import { XeroRateLimiter } from '../../../src/adapters/xero/limiter';
import { XeroCallRunner, type AccessRecovery, type Invoke } from '../../../src/adapters/xero/xeroCallRunner';
import { flushPromises, ManualClock } from '../helpers/manualClock';

const tokenOf = (api: AccountingApi) =>
  (api as unknown as { authentications: { OAuth2: { accessToken: string } } }).authentications.OAuth2
    .accessToken;

function runner(token: () => string, recovery?: AccessRecovery) {
  const clock = new ManualClock();
  const limiter = new XeroRateLimiter({ clock });
  const calls = new XeroCallRunner({
    getAccessToken: async () => ({ accessToken: token(), tenantId: 't1' }),
    limiter,
    basePath: 'http://127.0.0.1:1',
    timeoutMs: 1000,
    maxRateLimitWaitMs: 60_000,
    clock,
    recovery,
  });
  return { clock, limiter, calls };
}

const ok: Invoke<string> = async (api) => ({ response: { status: 200, headers: {} }, body: tokenOf(api) });
const refusal = (status: number, detail: string) =>
  JSON.stringify({
    response: { statusCode: status, body: { Title: 'x', Status: status, Detail: detail }, headers: {} },
  });

it('takes the access token after the permit, so a long wait never sends an expired one', async () => {
  let current = 'token-before-the-wait';
  const { clock, limiter, calls } = runner(() => current);
  limiter.pause('t1', 30_000);
  const sent = calls.call('conn', 'getInvoices', ok);
  await flushPromises();
  current = 'token-after-the-wait';
  await clock.advance(30_000);
  expect((await sent).body).toBe('token-after-the-wait');
});

it('refreshes once after a 401 and retries with the new token', async () => {
  let current = 'expired';
  const recovery: AccessRecovery = {
    refreshed: async () => {
      current = 'fresh';
      return { accessToken: current, tenantId: 't1' };
    },
    explain: async () => new Error('not expected'),
  };
  const { calls } = runner(() => current, recovery);
  const invoke: Invoke<string> = async (api) => {
    if (tokenOf(api) === 'expired') throw refusal(401, 'TokenExpired: token expired');
    return ok(api, 't1', { headers: {} });
  };
  expect((await calls.call('conn', 'getInvoices', invoke)).body).toBe('fresh');
});

it('hands a second 401, and any 403, to the OAuth side to explain', async () => {
  const seen: number[] = [];
  const recovery: AccessRecovery = {
    refreshed: async () => ({ accessToken: 'again', tenantId: 't1' }),
    explain: async (_c, error) => {
      seen.push(error.status);
      return new XeroError({ kind: 'auth', status: error.status, messages: ['explained'], retryable: false });
    },
  };
  const { calls } = runner(() => 'token', recovery);
  await expect(
    calls.call('conn', 'x', async () => Promise.reject(refusal(401, 'AuthorizationUnsuccessful'))),
  ).rejects.toThrow('explained');
  await expect(
    calls.call('conn', 'x', async () => Promise.reject(refusal(403, 'AuthenticationUnsuccessful'))),
  ).rejects.toThrow('explained');
  expect(seen).toEqual([401, 403]);
});
