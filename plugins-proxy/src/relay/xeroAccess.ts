/**
 * The relay's way into Xero: identity client, token cipher, TokenManager (single-flight refresh over
 * store locks) and the gateway with its rate limiter (shared through the store on PostgreSQL).
 */
import type { Logger } from 'pino';
import type { Store } from '../adapters/store/store';
import type { AccessTokenProvider, XeroCallEvent } from '../adapters/xero/gateway';
import type { XeroLimits, XeroRateLimiter } from '../adapters/xero/limiter';
import { createXeroRateLimiter } from '../adapters/xero/sharedLimiter';
import { XeroNodeGateway } from '../adapters/xero/xeroNodeGateway';
import type { Config } from '../config';
import { createAccessRecovery } from '../oauth/accessRecovery';
import { TokenCipher } from '../oauth/crypto';
import { storeLockPort, storeTokenStore } from '../oauth/storePorts';
import { TokenManager } from '../oauth/tokenManager';
import { createXeroIdentity, type XeroIdentity } from '../oauth/xeroIdentity';

export interface XeroAccessDeps {
  readonly config: Pick<Config, 'xero' | 'encryption'>;
  readonly store: Store;
  readonly logger: Logger;
  readonly limits?: Partial<XeroLimits>;
  readonly getAccessToken?: AccessTokenProvider;
  readonly onCall: (event: XeroCallEvent) => void;
}

export interface XeroAccess {
  readonly identity: XeroIdentity;
  readonly cipher: TokenCipher;
  readonly tokenManager: TokenManager;
  readonly limiter: XeroRateLimiter;
  readonly xero: XeroNodeGateway;
}

export function createXeroAccess(deps: XeroAccessDeps): XeroAccess {
  const { config, store } = deps;
  const identity = createXeroIdentity({
    clientId: config.xero.clientId,
    clientSecret: config.xero.clientSecret,
    redirectUri: config.xero.redirectUri,
    loginBaseUrl: config.xero.loginBaseUrl,
    identityBaseUrl: config.xero.identityBaseUrl,
    connectionsUrl: config.xero.connectionsUrl,
    scopes: config.xero.scopes,
  });
  const cipher = new TokenCipher(config.encryption.current, config.encryption.previous);
  const tokenManager = new TokenManager({
    identity,
    tokens: storeTokenStore(store),
    locks: storeLockPort(store),
    cipher,
    logger: deps.logger,
  });
  const limiter = createXeroRateLimiter(store, { perDay: config.xero.dailyLimit, ...deps.limits });
  for (const [tenantId, perDay] of Object.entries(config.xero.dailyLimits))
    limiter.setDayLimit(tenantId, perDay);
  const xero = new XeroNodeGateway({
    getAccessToken: deps.getAccessToken ?? ((id) => tokenManager.getAccessToken(id)),
    limiter,
    basePath: config.xero.apiBaseUrl,
    onCall: deps.onCall,
    // Tests that hand out their own tokens have no token manager behind them to refresh.
    recovery: deps.getAccessToken ? undefined : createAccessRecovery({ tokenManager, identity }),
  });
  return { identity, cipher, tokenManager, limiter, xero };
}
