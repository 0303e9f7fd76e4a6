/**
 * Seeds the sandbox once: the demo connection (Connected, tokens in the relay's store), its codes
 * pulled from Xero, defaults, customers, products and the demo invoices. Every step finds before
 * it creates, so a second start adds nothing and says so.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import type { Store } from '../../plugins-proxy/src/adapters/store/store';
import type { XeroGateway } from '../../plugins-proxy/src/adapters/xero/gateway';
import type { Config } from '../../plugins-proxy/src/config';
import type { XeroEmulator } from '../xero';
import { ensureCatalogue, ensureDefaults } from './catalogue';
import { ensureRetiredGlCode, pullDemoCodes } from './codes';
import {
  DEMO_CONNECTIONS,
  ensureConnection,
  ensureTokens,
  markConnected,
  ensureXeroOrganisation,
  type DemoConnectionKey,
} from './connection';
import { ensureDemoInvoices, type DemoConnection } from './invoices';
import { newCounter } from './rows';

export interface SeedDeps {
  /** The relay's Dataverse client (its application user), as an admin would seed. */
  readonly dataverse: DataverseClient;
  /** The relay's Xero gateway, for the reference-data pull. */
  readonly xeroGateway: XeroGateway;
  readonly store: Store;
  readonly config: Config;
  readonly xero: XeroEmulator;
}

export interface SeedResult {
  /** The main demo connection (the default one). */
  readonly connectionId: string;
  /** Invoice ids by demo invoice name. */
  readonly invoices: Record<string, string>;
  readonly created: number;
  readonly existing: number;
  readonly tokens: 'stored' | 'kept';
  readonly pullSummary: string;
}

export async function seedDemoData(deps: SeedDeps): Promise<SeedResult> {
  const counter = newCounter();
  const connections = {} as Record<DemoConnectionKey, DemoConnection>;
  let tokens: SeedResult['tokens'] = 'kept';
  for (const key of Object.keys(DEMO_CONNECTIONS) as DemoConnectionKey[]) {
    const tenant = ensureXeroOrganisation(deps.xero, key);
    const connectionId = await ensureConnection(deps.dataverse, tenant, key, counter);
    if ((await ensureTokens(deps.store, deps.config, deps.xero, connectionId, tenant)) === 'stored') {
      tokens = 'stored';
      await markConnected(deps.dataverse, connectionId);
    }
    connections[key] = {
      connectionId,
      codes: await pullDemoCodes(deps.dataverse, deps.xeroGateway, connectionId),
    };
  }
  const main = connections.main;
  const retiredGlCodeId = await ensureRetiredGlCode(deps.dataverse, main.connectionId, main.codes, counter);
  await ensureDefaults(deps.dataverse, main.connectionId, main.codes, counter);
  const catalogue = await ensureCatalogue(deps.dataverse, main.codes, counter);
  const invoices = await ensureDemoInvoices(
    deps.dataverse,
    { connections, retiredGlCodeId, catalogue },
    counter,
  );
  return {
    connectionId: main.connectionId,
    invoices,
    ...counter,
    tokens,
    pullSummary: main.codes.pullSummary,
  };
}

export { DEMO_INVOICES } from './invoiceSpecs';
