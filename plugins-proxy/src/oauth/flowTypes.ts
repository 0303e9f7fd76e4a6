/** Shapes shared by the connect and disconnect flows and the routes that render them. */
import type { TokenCipher } from './crypto';
import type { Clock, ConnectionRows, LockPort, OAuthStateStore, TokenStore } from './ports';
import type { XeroIdentity } from './xeroIdentity';

export interface ConnectFlowDeps {
  readonly rows: ConnectionRows;
  readonly identity: XeroIdentity;
  readonly stateStore: OAuthStateStore;
  /** Used to claim a connect nonce once even when two requests race past the row read. */
  readonly locks: LockPort;
  readonly tokens: TokenStore;
  readonly cipher: TokenCipher;
  /** HMAC key for `state` (32 random bytes; a relay secret, not ENCRYPTION_KEY). */
  readonly stateKey: Buffer;
  readonly clock?: Clock;
  /** A valid access token for a connection (TokenManager.getAccessToken), used by disconnect. */
  readonly accessTokenFor?: (connectionId: string) => Promise<{ accessToken: string }>;
  /** After a connection is (re)connected: the relay releases held jobs and pulls reference data. */
  readonly onConnected?: (connectionId: string, tenantId: string) => Promise<void> | void;
}

/** A request the relay will not honour; `message` tells the admin what to do. */
export interface FlowRefusal {
  readonly kind: 'refused';
  readonly status: 400 | 403 | 409 | 502;
  readonly title: string;
  readonly message: string;
}

export interface OrganisationChoice {
  readonly tenantId: string;
  readonly tenantName: string;
}

export type StartConnectResult = { readonly kind: 'redirect'; readonly url: string } | FlowRefusal;

export type ConnectOutcome =
  | {
      readonly kind: 'connected';
      readonly connectionId: string;
      readonly tenantId: string;
      readonly tenantName: string;
    }
  | {
      readonly kind: 'chooseOrganisation';
      readonly connectionId: string;
      readonly choices: readonly OrganisationChoice[];
      readonly ticket: string;
    }
  | FlowRefusal;

export type DisconnectOutcome =
  | { readonly kind: 'disconnected'; readonly connectionId: string; readonly warning: string | null }
  | FlowRefusal;

export function refused(status: FlowRefusal['status'], title: string, message: string): FlowRefusal {
  return { kind: 'refused', status, title, message };
}
