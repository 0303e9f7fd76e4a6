/**
 * After Xero holds the document: the optional email, the online-invoice URL and the success changeset.
 * An email or URL that fails does not undo the sync (docs/architecture.md#finishing-a-push-and-emailing).
 */
import type { BatchChangeset } from '../adapters/dataverse/batch';
import { successChangeset, xeroDeepLink, type NewXeroLink } from '../adapters/dataverse/writeBack';
import type { Store } from '../adapters/store/store';
import type { XeroGateway } from '../adapters/xero/gateway';
import { emailNote, emailOnce } from './emailOnce';
import type { PreparedPush } from './preparePush';
import type { SentDocument } from './sentDocument';

export interface FinishInput {
  push: PreparedPush;
  document: SentDocument;
  links: readonly NewXeroLink[];
  shortCode?: string;
  completedOn: () => Date;
  /** Whether the document was created, updated, or found after an earlier attempt. */
  how: 'created' | 'updated';
  /**
   * Xero has no batch endpoint for online-invoice URLs (one call per invoice), so bulk runs skip
   * them rather than spend the tenant's minute budget; the next single sync fills it in.
   */
  fetchOnlineUrl: boolean;
}

const EMAILABLE = new Set(['SUBMITTED', 'AUTHORISED', 'PAID']);
const ONLINE = new Set(['AUTHORISED', 'PAID']);

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function finishPush(
  deps: { gateway: XeroGateway; store: Store; now: () => number },
  input: FinishInput,
): Promise<BatchChangeset> {
  const { gateway } = deps;
  const { push, document } = input;
  const notes: string[] = [];
  const sales = document.kind === 'invoice' && document.type === 'ACCREC';
  if (push.mapping.emailAfterSync && sales && EMAILABLE.has(String(document.status))) {
    try {
      const attempt = await emailOnce(deps, {
        syncRowId: push.job.id,
        tenantId: push.job.tenantId,
        connectionId: push.connectionId,
        xeroId: document.xeroId,
      });
      notes.push(emailNote(attempt));
    } catch (error) {
      notes.push(`Xero did not email it: ${reason(error)} Email it from Xero or sync again.`);
    }
  }
  let onlineUrl: string | undefined;
  if (input.fetchOnlineUrl && sales && ONLINE.has(String(document.status))) {
    try {
      const online = await gateway.getOnlineInvoice(push.connectionId, document.xeroId);
      onlineUrl = online.body.onlineInvoices?.[0]?.onlineInvoiceUrl ?? undefined;
    } catch (error) {
      notes.push(`The online invoice link is not available yet: ${reason(error)}`);
    }
  }
  const verb = input.how === 'updated' ? 'Updated in Xero' : 'Sent to Xero';
  const number = document.number ? ` as ${document.number}` : '';
  const status = document.status ? ` (${document.status})` : '';
  return successChangeset({
    invoiceId: push.invoiceId,
    syncHistoryId: push.job.id,
    connectionId: push.connectionId,
    document: {
      xeroId: document.xeroId,
      xeroNumber: document.number,
      xeroStatus: document.status,
      xeroUrl: xeroDeepLink(push.documentType, document.xeroId, input.shortCode),
      onlineUrl,
      amountDue: document.amountDue,
      amountPaid: document.amountPaid,
    },
    links: input.links,
    timings: { startedOn: push.startedOn, completedOn: input.completedOn() },
    attempts: push.job.attempts,
    message: [`${verb}${number}${status}.`, ...notes].join(' '),
  });
}
