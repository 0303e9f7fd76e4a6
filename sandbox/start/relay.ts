/**
 * The relay inside the sandbox: createRelay (the production composition root) on the sandbox's
 * config, plus what createRelay does not wire yet — the connection services (payments and
 * reference data back from Xero, connection health) and the Xero webhook route — and the Xero
 * emulator's webhook subscription pointed at it, so a payment recorded in Xero arrives at once.
 * This is the one place to switch over once createRelay wires those itself.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import type { Store } from '../../plugins-proxy/src/adapters/store/store';
import type { XeroGateway } from '../../plugins-proxy/src/adapters/xero/gateway';
import type { Config } from '../../plugins-proxy/src/config';
import { createLogger } from '../../plugins-proxy/src/logger';
import { registerConnectionServices, type ConnectionServices } from '../../plugins-proxy/src/pull';
import { createScheduler } from '../../plugins-proxy/src/sync/scheduler';
import { createRelay } from '../../plugins-proxy/src/worker/relay';
import { registerXeroWebhookRoute } from '../../plugins-proxy/src/xeroWebhooks/route';
import type { XeroEmulator } from '../xero';

export interface SandboxRelay {
  readonly url: string;
  readonly dataverse: DataverseClient;
  readonly xero: XeroGateway;
  readonly store: Store;
  /** Where the Xero emulator's webhooks go, or why they do not. */
  readonly xeroWebhook: string;
  stop(): Promise<void>;
}

export async function startSandboxRelay(config: Config, xeroEmulator: XeroEmulator): Promise<SandboxRelay> {
  const logger = createLogger({ level: config.logLevel });
  const scheduler = createScheduler({ logger });
  // The webhook route is registered before the services exist; it reaches them through here.
  const late: { services?: ConnectionServices } = {};
  const relay = await createRelay(config, {
    logger,
    extraRoutes: [
      (app) =>
        registerXeroWebhookRoute(app, {
          webhookKey: config.xero.webhookKey,
          onEvents: (pulls) => late.services?.onXeroEvents(pulls),
        }),
    ],
  });
  const services = registerConnectionServices({
    scheduler,
    store: relay.store,
    dataverse: relay.dataverse,
    xero: relay.xero,
    tokenManager: relay.tokenManager,
    logger,
    config,
  });
  late.services = services;
  const url = await relay.start();
  const intent = await xeroEmulator.admin
    .configureWebhook({ url: `${url}/xero/webhook`, key: config.xero.webhookKey })
    .catch((error: unknown) => error);
  const xeroWebhook = intent instanceof Error ? `not subscribed: ${intent.message}` : `${url}/xero/webhook`;
  return {
    url,
    dataverse: relay.dataverse,
    xero: relay.xero,
    store: relay.store,
    xeroWebhook,
    async stop() {
      await xeroEmulator.admin.configureWebhook(null).catch(() => undefined);
      await scheduler.stop();
      await services.stop();
      await relay.stop();
    },
  };
}
