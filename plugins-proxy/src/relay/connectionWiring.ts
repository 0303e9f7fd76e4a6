/**
 * The relay's Xero-connection side: the connection services (health, reference data, payments,
 * keep-alive), the OAuth connect flow on the connection rows, and their routes.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DataverseClient } from '../adapters/dataverse/client';
import type { Store } from '../adapters/store/store';
import type { XeroGateway } from '../adapters/xero/gateway';
import type { XeroRateLimiter } from '../adapters/xero/limiter';
import type { Config } from '../config';
import { createConnectFlow, type ConnectFlow } from '../oauth/connectFlow';
import { deriveStateKey, type TokenCipher } from '../oauth/crypto';
import type { ConnectionNeedsAttention } from '../oauth/errors';
import { registerOAuthRoutes } from '../routes/oauth';
import { storeLockPort, storeOAuthStateStore, storeTokenStore } from '../oauth/storePorts';
import type { TokenManager } from '../oauth/tokenManager';
import type { XeroIdentity } from '../oauth/xeroIdentity';
import { registerConnectionServices, type ConnectionServices } from '../connections/connectionServices';
import type { Scheduler } from '../jobs/scheduler';
import { registerXeroWebhookRoute } from '../routes/xeroWebhook';

export interface ConnectionWiringDeps {
  readonly config: Pick<
    Config,
    'paymentsIntervalMs' | 'referenceIntervalMs' | 'dataverseOrigin' | 'encryption' | 'xero'
  >;
  readonly logger: Logger;
  readonly store: Store;
  readonly dataverse: DataverseClient;
  readonly xero: XeroGateway;
  readonly identity: XeroIdentity;
  readonly cipher: TokenCipher;
  readonly tokenManager: TokenManager;
  readonly scheduler: Scheduler;
  readonly limiter: Pick<XeroRateLimiter, 'budget'>;
}

export interface ConnectionWiring {
  readonly services: ConnectionServices;
  readonly flow: ConnectFlow;
  /** The OAuth and Xero webhook routes, for buildApp. */
  readonly routes: ReadonlyArray<(app: FastifyInstance) => void>;
  /** Row Needs attention with the reconnect message, the connection's jobs held (best effort). */
  onNeedsAttention(error: ConnectionNeedsAttention): Promise<void>;
}

export function wireConnections(deps: ConnectionWiringDeps): ConnectionWiring {
  const { config, logger, store } = deps;
  const services = registerConnectionServices({
    scheduler: deps.scheduler,
    store,
    dataverse: deps.dataverse,
    xero: deps.xero,
    tokenManager: deps.tokenManager,
    logger,
    config,
    limiter: deps.limiter,
  });
  const flow = createConnectFlow({
    rows: services.connectionRows,
    identity: deps.identity,
    stateStore: storeOAuthStateStore(store),
    locks: storeLockPort(store),
    tokens: storeTokenStore(store),
    cipher: deps.cipher,
    stateKey: deriveStateKey(config.encryption.current),
    accessTokenFor: (id) => deps.tokenManager.getAccessToken(id),
    onConnected: (id) => services.onConnected(id),
  });
  const routes = [
    (app: FastifyInstance) => registerOAuthRoutes(app, { flow, allowedOrigin: config.dataverseOrigin }),
    (app: FastifyInstance) =>
      registerXeroWebhookRoute(app, {
        webhookKey: config.xero.webhookKey,
        onEvents: (pulls) => services.onXeroEvents(pulls),
      }),
  ];
  return {
    services,
    flow,
    routes,
    async onNeedsAttention(error) {
      try {
        await services.health.markNeedsAttention(error);
      } catch (failure) {
        logger.warn(
          { err: failure, connectionId: error.connectionId },
          'could not mark the connection Needs attention',
        );
      }
    },
  };
}
