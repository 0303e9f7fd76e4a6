/**
 * Asking Xero to email an invoice at most once per sync row (docs/xero-behaviour.md#emailing): the
 * request is recorded before Xero is asked, and an earlier request whose answer was lost is never
 * repeated, since Xero's Idempotency-Key protects a retry for 6 minutes only.
 */
import type { Store } from '../adapters/store/store';
import { XeroError } from '../adapters/xero/errors';
import type { XeroGateway } from '../adapters/xero/gateway';
import { isConnectionNeedsAttention } from '../oauth/errors';
import { idempotencyKey } from './keys';

export type EmailAttempt =
  | { kind: 'sent' }
  /** An earlier attempt of this row got Xero's answer that it was sent. */
  | { kind: 'sentEarlier' }
  /** Xero was asked and its answer never came (or was a server error): not asked again. */
  | { kind: 'unknown' }
  /** Xero answered and sent nothing: its reasons. */
  | { kind: 'refused'; messages: string[] };

export interface EmailRequest {
  syncRowId: string;
  tenantId: string;
  connectionId: string;
  xeroId: string;
}

/** Answers that say Xero did not act (validation, auth, rate limit): nothing was sent. */
function notProcessed(error: unknown): boolean {
  if (isConnectionNeedsAttention(error)) return true;
  return error instanceof XeroError && error.status >= 400 && error.status < 500;
}

/**
 * Emails the invoice unless this row already asked. A refusal Xero may lift by itself (a 429, a
 * connection that needs a person) is rethrown, after the claim is released, for the caller to retry.
 */
export async function emailOnce(
  deps: { store: Store; gateway: XeroGateway; now: () => number },
  request: EmailRequest,
): Promise<EmailAttempt> {
  const { store } = deps;
  if (!(await store.claimEmail(request.syncRowId, request.tenantId, deps.now()))) {
    const outcome = await store.getEmailOutcome(request.syncRowId);
    return outcome === 'sent' ? { kind: 'sentEarlier' } : { kind: 'unknown' };
  }
  try {
    await deps.gateway.emailInvoice(request.connectionId, request.xeroId, {
      idempotencyKey: idempotencyKey('email', request.syncRowId),
    });
  } catch (error) {
    if (!notProcessed(error)) return { kind: 'unknown' };
    await store.recordEmailOutcome(request.syncRowId, 'refused', deps.now());
    const retryable = isConnectionNeedsAttention(error) || (error instanceof XeroError && error.retryable);
    if (retryable) throw error;
    const messages = error instanceof XeroError && error.messages.length ? error.messages : [String(error)];
    return { kind: 'refused', messages };
  }
  await store.recordEmailOutcome(request.syncRowId, 'sent', deps.now());
  return { kind: 'sent' };
}

/** The sentence a history row gets for an email attempt. */
export function emailNote(attempt: EmailAttempt): string {
  switch (attempt.kind) {
    case 'sent':
      return 'Xero emailed it to the contact.';
    case 'sentEarlier':
      return 'Xero emailed it to the contact on an earlier attempt.';
    case 'unknown':
      return (
        'Xero may have emailed it already: an earlier request went unanswered, so it was not sent again. ' +
        "Check the invoice's history in Xero before emailing it again."
      );
    case 'refused':
      return `Xero did not email it: ${attempt.messages.join(' ')} Email it from Xero or sync again.`;
  }
}
