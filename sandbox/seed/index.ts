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
import { pullDemoCodes } from './codes';
import { ensureConnection, ensureTokens, type DemoTenant } from './connection';
import { ensureDemoInvoices } from './invoices';
import { newCounter } from './rows';

export interface SeedDeps {
  /** The relay's Dataverse client (its application user), as an admin would seed. */
  readonly dataverse: DataverseClient;
  /** The relay's Xero gateway, for the reference-data pull. */
  readonly xeroGateway: XeroGateway;
  readonly store: Store;
  readonly config: Config;
  readonly xero: XeroEmulator;
  readonly tenant: DemoTenant;
}

export interface SeedResult {
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
  const connectionId = await ensureConnection(deps.dataverse, deps.tenant, counter);
  const tokens = await ensureTokens(deps.store, deps.config, deps.xero, connectionId, deps.tenant);
  const codes = await pullDemoCodes(deps.dataverse, deps.xeroGateway, connectionId, counter);
  await ensureDefaults(deps.dataverse, connectionId, codes, counter);
  const catalogue = await ensureCatalogue(deps.dataverse, codes, counter);
  const invoices = await ensureDemoInvoices(deps.dataverse, { connectionId, codes, catalogue }, counter);
  return { connectionId, invoices, ...counter, tokens, pullSummary: codes.pullSummary };
}

export { DEMO_INVOICES } from './invoiceSpecs';
