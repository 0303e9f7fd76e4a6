/**
 * Xero webhook events → immediate pulls: each Connected connection's INVOICE and CREDITNOTE events become
 * one targeted pull; CONTACT events are only logged (docs/architecture.md#the-payments-pull).
 */
import type { Logger } from 'pino';
import type { TargetedPull } from '../xeroWebhooks/events';
import type { PaymentPuller, PullReport } from './payments';

export interface TargetedPullDeps {
  readonly puller: Pick<PaymentPuller, 'targeted'>;
  /** The Connected rows and their tenants. */
  readonly listConnections: () => Promise<ReadonlyArray<{ id: string; tenantId: string | null }>>;
  readonly logger: Logger;
}

export type TargetedPullRunner = (pulls: readonly TargetedPull[]) => Promise<Map<string, PullReport>>;

export function createTargetedPull(deps: TargetedPullDeps): TargetedPullRunner {
  return async (pulls) => {
    const reports = new Map<string, PullReport>();
    const documents = pulls.filter((p) => p.category === 'INVOICE' || p.category === 'CREDITNOTE');
    if (documents.length < pulls.length)
      deps.logger.debug(
        { contacts: pulls.length - documents.length },
        'xero contact events need no payment pull',
      );
    if (documents.length === 0) return reports;
    const connections = await deps.listConnections();
    const byTenant = new Map(
      connections.filter((c) => c.tenantId).map((c) => [c.tenantId!.toLowerCase(), c.id]),
    );
    const perConnection = new Map<string, { category: 'INVOICE' | 'CREDITNOTE'; resourceId: string }[]>();
    for (const pull of documents) {
      const connectionId = byTenant.get(pull.tenantId.toLowerCase());
      if (!connectionId) {
        deps.logger.warn(
          { tenantId: pull.tenantId },
          'xero webhook event for an organisation no connection uses',
        );
        continue;
      }
      const list = perConnection.get(connectionId) ?? [];
      list.push({ category: pull.category as 'INVOICE' | 'CREDITNOTE', resourceId: pull.resourceId });
      perConnection.set(connectionId, list);
    }
    for (const [connectionId, requests] of perConnection)
      reports.set(connectionId, await deps.puller.targeted(connectionId, requests));
    return reports;
  };
}
