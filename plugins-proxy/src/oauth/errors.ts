/**
 * The one OAuth failure a person must act on: no Xero access token until an admin reconnects. Callers
 * mark the row Needs attention with `message` and hold (not fail) its jobs until the reconnect.
 */
export type NeedsAttentionReason =
  | 'invalid_grant'
  | 'consent_revoked'
  | 'not_connected'
  | 'unreadable_token'
  | 'tenant_disconnected'
  | 'missing_scope';

export class ConnectionNeedsAttention extends Error {
  constructor(
    readonly connectionId: string,
    readonly reason: NeedsAttentionReason,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionNeedsAttention';
  }
}

/** `detail` names the organisation (tenant_disconnected) or the missing scopes (missing_scope). */
export function needsAttentionMessage(
  connectionId: string,
  reason: NeedsAttentionReason,
  detail = '',
): string {
  const reconnect = 'Reconnect to Xero from the connection form; its syncs are held until then.';
  switch (reason) {
    case 'invalid_grant':
      return `Xero no longer accepts the saved sign-in for connection ${connectionId} (invalid_grant). ${reconnect}`;
    case 'consent_revoked':
      return `The Xero organisation of connection ${connectionId} revoked this app's access. ${reconnect}`;
    case 'not_connected':
      return `Connection ${connectionId} has no Xero sign-in stored. ${reconnect}`;
    case 'unreadable_token':
      return `The saved Xero sign-in for connection ${connectionId} cannot be decrypted with the configured ENCRYPTION_KEY. ${reconnect}`;
    case 'tenant_disconnected':
      return `The Xero organisation ${detail || 'of this connection'} is no longer connected to the app for connection ${connectionId}: it was disconnected in Xero, or connected again by another Xero user. ${reconnect}`;
    case 'missing_scope':
      return `Xero has not granted connection ${connectionId} the permission ${detail || 'it needs'}. Reconnect to Xero from the connection form and allow it; its syncs are held until then.`;
  }
}

export function isConnectionNeedsAttention(error: unknown): error is ConnectionNeedsAttention {
  return error instanceof ConnectionNeedsAttention;
}
