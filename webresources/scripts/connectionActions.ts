/**
 * What the connection commands do, shared by the connection form's ribbon script and the
 * ConnectionHealth PCF control. Every effect goes through ports the caller injects (Web API,
 * open a window, confirm, fetch, random bytes, clock), so both hosts run the same code and the
 * tests run it with fakes.
 */
import { CHOICES, COLUMNS, TABLES } from '../../solution/names';
import { readRelayUrl, type RelayUrlWebApi } from './relayUrl';
import { bind, dataverseMessage, HISTORY_NAME_MAX_LENGTH } from './syncRequest';

export interface ConnectionWebApi extends RelayUrlWebApi {
  /** Awaited only for completion or rejection; Xrm's and PCF's promise types both fit `unknown`. */
  createRecord(entityLogicalName: string, data: Record<string, unknown>): unknown;
  updateRecord(entityLogicalName: string, id: string, data: Record<string, unknown>): unknown;
}

/** The subset of a fetch Response the disconnect call reads. */
export interface RelayResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

export interface ConnectionPorts {
  readonly webApi: ConnectionWebApi;
  /** Opens the URL in a new window. */
  readonly openUrl: (url: string) => void;
  readonly confirm: (strings: { title: string; text: string }) => PromiseLike<boolean>;
  readonly fetch: (
    url: string,
    init: { method: 'POST'; headers: Record<string, string>; body: string },
  ) => Promise<RelayResponse>;
  readonly randomBytes: (length: number) => Uint8Array;
  readonly now: () => Date;
}

export interface ConnectionRef {
  /** A bare GUID. */
  readonly id: string;
  readonly name: string;
}

export type ActionOutcome =
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

const NONCE_BYTES = 32;
const status = CHOICES.connectionStatus.values;
const col = COLUMNS.connection;

export const CONNECTION_MESSAGES = {
  connectOpened:
    'Finish connecting in the Xero window that opened. This form shows the new status afterwards.',
  nonceFailed: (name: string, detail: string) =>
    `Could not write the one-time connect code (${col.connectNonce}) on connection "${name}": ${detail}`,
  disconnectTitle: 'Disconnect from Xero',
  disconnectText: (name: string) =>
    `Disconnect "${name}" from Xero? Syncing stops until someone connects it again.`,
  disconnected: 'Disconnected from Xero.',
  disconnectedWithWarning: (warning: string) => `Disconnected from Xero. ${warning}`,
  relayRefused: (name: string, detail: string) => `The relay did not disconnect "${name}": ${detail}`,
  relayUnreachable: (url: string, detail: string) => `Could not reach the relay at ${url}: ${detail}`,
  relayStatus: (code: number) => `the relay answered HTTP ${code}`,
  refreshQueued: 'Reference data refresh queued. Codes, tax rates and themes update in a minute or two.',
  refreshFailed: (name: string, detail: string) =>
    `Could not queue the reference data refresh for connection "${name}": ${detail}`,
} as const;

/** Connected and Needs attention have tokens the relay can use or renew: the action is Reconnect. */
export function isLinkedToXero(connectionStatus: number | null | undefined): boolean {
  return connectionStatus === status.connected || connectionStatus === status.needsAttention;
}

/** URL-safe base64 without padding, as the relay compares it. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function newNonce(randomBytes: ConnectionPorts['randomBytes']): string {
  return toBase64Url(randomBytes(NONCE_BYTES));
}

export function connectUrl(relayUrl: string, connectionId: string, nonce: string): string {
  const query = `connection=${encodeURIComponent(connectionId)}&nonce=${encodeURIComponent(nonce)}`;
  return `${relayUrl}/oauth/connect?${query}`;
}

/** Writes a fresh nonce and its issue time on the row; the relay honours it once, for 10 minutes. */
async function issueNonce(ports: ConnectionPorts, connection: ConnectionRef): Promise<string> {
  const nonce = newNonce(ports.randomBytes);
  await ports.webApi.updateRecord(TABLES.connection.logicalName, connection.id, {
    [col.connectNonce]: nonce,
    [col.connectNonceIssuedOn]: ports.now().toISOString(),
  });
  return nonce;
}

/** Connect to Xero / Reconnect: the relay URL first, so a missing URL burns no nonce. */
export async function connect(ports: ConnectionPorts, connection: ConnectionRef): Promise<ActionOutcome> {
  const relay = await readRelayUrl(ports.webApi);
  if (!relay.ok) return { kind: 'failed', message: relay.message };
  let nonce: string;
  try {
    nonce = await issueNonce(ports, connection);
  } catch (error) {
    return {
      kind: 'failed',
      message: CONNECTION_MESSAGES.nonceFailed(connection.name, dataverseMessage(error)),
    };
  }
  ports.openUrl(connectUrl(relay.url, connection.id, nonce));
  return { kind: 'done', message: CONNECTION_MESSAGES.connectOpened };
}

/** The relay replies `{status, warning}` or `{error}`; anything else is named by its HTTP status. */
async function relayReply(response: RelayResponse): Promise<{ error?: string; warning?: string }> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const pick = (key: string) =>
    typeof fields[key] === 'string' && fields[key] ? (fields[key] as string) : undefined;
  if (!response.ok) return { error: pick('error') ?? CONNECTION_MESSAGES.relayStatus(response.status) };
  return { warning: pick('warning') };
}

/**
 * Disconnect: confirm, write a fresh nonce, then ask the relay to revoke. The body is form-encoded
 * (a CORS simple request, so the browser sends no preflight the relay would have to answer).
 */
export async function disconnect(ports: ConnectionPorts, connection: ConnectionRef): Promise<ActionOutcome> {
  const confirmed = await ports.confirm({
    title: CONNECTION_MESSAGES.disconnectTitle,
    text: CONNECTION_MESSAGES.disconnectText(connection.name),
  });
  if (!confirmed) return { kind: 'cancelled' };
  const relay = await readRelayUrl(ports.webApi);
  if (!relay.ok) return { kind: 'failed', message: relay.message };
  let nonce: string;
  try {
    nonce = await issueNonce(ports, connection);
  } catch (error) {
    return {
      kind: 'failed',
      message: CONNECTION_MESSAGES.nonceFailed(connection.name, dataverseMessage(error)),
    };
  }
  const url = `${relay.url}/oauth/disconnect`;
  let response: RelayResponse;
  try {
    response = await ports.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ connection: connection.id, nonce }).toString(),
    });
  } catch (error) {
    return {
      kind: 'failed',
      message: CONNECTION_MESSAGES.relayUnreachable(relay.url, dataverseMessage(error)),
    };
  }
  const reply = await relayReply(response);
  if (reply.error !== undefined)
    return { kind: 'failed', message: CONNECTION_MESSAGES.relayRefused(connection.name, reply.error) };
  const message = reply.warning
    ? CONNECTION_MESSAGES.disconnectedWithWarning(reply.warning)
    : CONNECTION_MESSAGES.disconnected;
  return { kind: 'done', message };
}

/** The Queued stl_synchistory row asking the relay to pull codes, tax rates and themes again. */
export function refreshRequestRecord(connection: ConnectionRef): Record<string, unknown> {
  const h = COLUMNS.syncHistory;
  const history = TABLES.syncHistory.logicalName;
  return {
    [h.name]: `Refresh reference data ${connection.name}`.slice(0, HISTORY_NAME_MAX_LENGTH),
    [h.status]: CHOICES.syncHistoryStatus.values.queued,
    [h.operation]: CHOICES.operation.values.refreshReferenceData,
    [h.trigger]: CHOICES.trigger.values.button,
    ...bind(history, h.connectionId, TABLES.connection.entitySet, connection.id),
  };
}

export async function refreshReferenceData(
  ports: Pick<ConnectionPorts, 'webApi'>,
  connection: ConnectionRef,
): Promise<ActionOutcome> {
  try {
    await ports.webApi.createRecord(TABLES.syncHistory.logicalName, refreshRequestRecord(connection));
    return { kind: 'done', message: CONNECTION_MESSAGES.refreshQueued };
  } catch (error) {
    return {
      kind: 'failed',
      message: CONNECTION_MESSAGES.refreshFailed(connection.name, dataverseMessage(error)),
    };
  }
}
