/**
 * What one connection's encrypted blob holds, and how it is sealed and written. Only this module
 * and the token cipher ever see the plaintext; the store keeps the blob.
 */
import type { TokenCipher } from './crypto';
import type { TokenStore } from './ports';

/** Xero: "Unused refresh tokens expire after 60 days". */
export const REFRESH_TOKEN_LIFETIME_MS = 60 * 24 * 60 * 60 * 1000;

export interface StoredTokenSet {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms; always stored, since a token set without it never looks expired (xero-node #395). */
  readonly accessTokenExpiresAt: number;
  /** Epoch ms when Xero issued the current refresh token: the 60-day clock starts here. */
  readonly refreshTokenIssuedAt: number;
  readonly tenantId: string;
  readonly tenantName: string;
  /** Xero's id for the app-to-tenant connection, needed to disconnect. */
  readonly xeroConnectionId: string;
  readonly scope: string;
}

export function refreshDeadlineOf(set: StoredTokenSet): Date {
  return new Date(set.refreshTokenIssuedAt + REFRESH_TOKEN_LIFETIME_MS);
}

export function sealTokenSet(cipher: TokenCipher, connectionId: string, set: StoredTokenSet): string {
  return cipher.encrypt(JSON.stringify(set), connectionId);
}

/** Throws TokenDecryptError when the blob cannot be read. */
export function openTokenSet(cipher: TokenCipher, connectionId: string, blob: string): StoredTokenSet {
  return JSON.parse(cipher.decrypt(blob, connectionId)) as StoredTokenSet;
}

/** The stored set, or null when none is stored or it can no longer be decrypted. */
export async function readTokenSet(
  tokens: TokenStore,
  cipher: TokenCipher,
  connectionId: string,
): Promise<StoredTokenSet | null> {
  const record = await tokens.get(connectionId);
  if (!record) return null;
  try {
    return openTokenSet(cipher, connectionId, record.blob);
  } catch {
    return null;
  }
}

/**
 * Replaces whatever is stored (a fresh consent supersedes any older token set). Compare-and-set
 * with the version just read, retried a few times if a refresher wrote in between.
 */
export async function replaceTokenSet(
  tokens: TokenStore,
  cipher: TokenCipher,
  connectionId: string,
  set: StoredTokenSet,
): Promise<void> {
  const blob = sealTokenSet(cipher, connectionId, set);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await tokens.get(connectionId);
    if (await tokens.put(connectionId, set.tenantId, blob, current?.version ?? 0)) return;
  }
  throw new Error(
    `Could not store the Xero tokens of connection ${connectionId}: the token row kept changing`,
  );
}
