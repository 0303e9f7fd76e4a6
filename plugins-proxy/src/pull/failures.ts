/**
 * What a failed pull means: the connection needs a person (Xero no longer accepts its sign-in),
 * a transient problem worth another go (429, 5xx, no answer), or a failure to report as it is.
 */
import { DataverseError } from '../adapters/dataverse/errors';
import { XeroError } from '../adapters/xero/errors';
import { ConnectionNeedsAttention, needsAttentionMessage } from '../oauth/errors';

export type PullFailure =
  | { readonly kind: 'needsAttention'; readonly error: ConnectionNeedsAttention }
  | { readonly kind: 'retry'; readonly afterMs: number; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export function classifyFailure(connectionId: string, error: unknown): PullFailure {
  if (error instanceof ConnectionNeedsAttention) return { kind: 'needsAttention', error };
  if (error instanceof XeroError) {
    // A 401 with a token the relay just handed out: the organisation revoked the app's access.
    if (error.status === 401) {
      const message = needsAttentionMessage(connectionId, 'consent_revoked');
      return {
        kind: 'needsAttention',
        error: new ConnectionNeedsAttention(connectionId, 'consent_revoked', message),
      };
    }
    const message = `Xero: ${error.messages.join(' ') || error.message}`;
    if (error.retryable) return { kind: 'retry', afterMs: error.retryAfterMs ?? 0, message };
    return { kind: 'failed', message };
  }
  if (error instanceof DataverseError) {
    const message = `Dynamics: ${error.message}`;
    if (error.retryable) return { kind: 'retry', afterMs: error.retryAfterMs ?? 0, message };
    return { kind: 'failed', message };
  }
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
