/**
 * The relay inside the sandbox: createRelay (the production composition root, which wires the
 * connection services and the Xero webhook route itself) on the sandbox's config, with the Xero
 * emulator's webhook subscription pointed at it, so a payment recorded in Xero arrives at once.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import type { Store } from '../../plugins-proxy/src/adapters/store/store';
import type { XeroGateway } from '../../plugins-proxy/src/adapters/xero/gateway';
import type { Config } from '../../plugins-proxy/src/config';
import { createLogger } from '../../plugins-proxy/src/logger';
import { createRelay } from '../../plugins-proxy/src/relay/createRelay';
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
  const relay = await createRelay(config, { logger: createLogger({ level: config.logLevel }) });
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
      await relay.stop();
    },
  };
}
