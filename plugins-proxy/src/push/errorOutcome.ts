/**
 * What a thrown error means for a job: transient → retry after Retry-After; needs a person → hold; a Xero
 * or Dataverse refusal → fail in its words; else rethrown, a bug (docs/architecture.md).
 */
import { DataverseError } from '../adapters/dataverse/errors';
import { XeroError } from '../adapters/xero/errors';
import { isConnectionNeedsAttention } from '../oauth/errors';

export type ErrorOutcome =
  | { type: 'retry'; afterMs: number; message: string }
  | { type: 'held'; message: string; connectionId?: string }
  | { type: 'failed'; messages: string[] };

export function errorOutcome(error: unknown): ErrorOutcome {
  if (isConnectionNeedsAttention(error))
    return { type: 'held', message: error.message, connectionId: error.connectionId };
  if (error instanceof XeroError) {
    if (error.retryable) {
      return {
        type: 'retry',
        afterMs: error.retryAfterMs ?? 0,
        message: `Xero did not accept the request just now (${describe(error.status)}): ${error.message}`,
      };
    }
    if (error.kind === 'auth') {
      return {
        type: 'held',
        message: `Xero refused the connection's access (HTTP ${error.status}); reconnect the Xero connection.`,
      };
    }
    return { type: 'failed', messages: error.messages.length ? error.messages : [error.message] };
  }
  if (error instanceof DataverseError) {
    if (error.retryable) {
      return {
        type: 'retry',
        afterMs: error.retryAfterMs ?? 0,
        message: `Dynamics 365 did not accept the request just now (${describe(error.status)}): ${error.message}`,
      };
    }
    return { type: 'failed', messages: [`Dynamics 365 refused an update: ${error.message}`] };
  }
  throw error;
}

function describe(status: number): string {
  if (status === 0) return 'no answer';
  if (status === 429) return 'rate limited';
  return `HTTP ${status}`;
}

/**
 * What the send ledger knows when a job gives up: nothing reached Xero, Xero holds the document
 * once, a send may have reached Xero unconfirmed, or the job sends no document at all.
 */
export type GaveUpLedger = 'nothingSent' | 'notInXero' | 'inXeroOnce' | 'maybeInXero' | 'noDocument';

const AFTER: Record<GaveUpLedger, string> = {
  nothingSent: 'Nothing was sent to Xero, so nothing was duplicated there.',
  notInXero: 'Xero turned down every attempt, so it holds no copy of this document.',
  inXeroOnce: 'Xero holds the document once; nothing was duplicated in Xero.',
  maybeInXero:
    'The last attempt may have reached Xero without an answer: check Xero for this document before syncing it again.',
  noDocument: '',
};

/** The message a row gets when the retries are spent; it claims no duplicate was made only when that is known. */
export function gaveUpMessage(
  attempts: number,
  message: string,
  ledger: GaveUpLedger = 'noDocument',
): string {
  return [
    `Gave up after ${attempts} attempts: ${message}`,
    AFTER[ledger],
    'Check the connection and Xero status, then click Sync to Xero again.',
  ]
    .filter(Boolean)
    .join(' ');
}
