/**
 * What makes a connect request trustworthy: a signed, single-use OAuth `state` bound to the connection
 * row, PKCE, and the connect-nonce checks (DESIGN.md §3; docs/architecture.md#oauth-state-and-nonces).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { failure, success, type Result } from '../domain/result';

export const NONCE_MAX_AGE_MS = 10 * 60 * 1000;
export const STATE_TTL_MS = 10 * 60 * 1000;

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface OAuthStatePayload {
  readonly connectionId: string;
  /** A fresh random value per connect attempt, so two states for one row never collide. */
  readonly nonce: string;
  /** Expiry, epoch milliseconds. */
  readonly exp: number;
  /** The OAuthStateStore key holding this attempt's PKCE verifier. */
  readonly verifierRef: string;
}

export type StateCheck = Result<OAuthStatePayload, 'malformed' | 'badSignature' | 'expired'>;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

/** S256 PKCE: 64-character verifier (48 random bytes, base64url) and its SHA-256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomToken(48);
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  if (!VERIFIER_PATTERN.test(verifier)) {
    throw new Error('A PKCE verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~');
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sign(encodedPayload: string, stateKey: Buffer): string {
  return createHmac('sha256', stateKey).update(encodedPayload, 'utf8').digest('base64url');
}

export function signState(payload: OAuthStatePayload, stateKey: Buffer): string {
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${sign(encoded, stateKey)}`;
}

/** Checks signature and expiry only; the caller consumes `verifierRef` for single use. */
export function verifyState(state: string, stateKey: Buffer, now: number): StateCheck {
  const parts = state.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return failure('malformed');
  const [encoded, signature] = parts;
  if (!constantTimeEqual(signature, sign(encoded, stateKey))) return failure('badSignature');
  const payload = parsePayload(encoded);
  if (!payload) return failure('malformed');
  if (payload.exp <= now) return failure('expired');
  return success(payload);
}

function parsePayload(encoded: string): OAuthStatePayload | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { connectionId, nonce, exp, verifierRef } = value as Record<string, unknown>;
    if (typeof connectionId !== 'string' || typeof nonce !== 'string') return null;
    if (typeof exp !== 'number' || typeof verifierRef !== 'string') return null;
    return { connectionId, nonce, exp, verifierRef };
  } catch {
    return null;
  }
}

/**
 * Constant-time string comparison. Both sides are hashed first so the compared buffers always have
 * equal length and the length of the secret does not leak either.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export type NonceCheck = Result<void, 'missing' | 'mismatch' | 'stale'>;

/** The row's nonce is honoured only when present, equal to the one presented and under 10 minutes old. */
export function checkConnectNonce(
  row: { readonly nonce: string | null; readonly nonceIssuedOn: Date | null },
  presented: string,
  now: number,
  maxAgeMs = NONCE_MAX_AGE_MS,
): NonceCheck {
  if (!row.nonce || !row.nonceIssuedOn || !presented) return failure('missing');
  if (!constantTimeEqual(presented, row.nonce)) return failure('mismatch');
  const age = now - row.nonceIssuedOn.getTime();
  // A nonce dated in the future (clock skew beyond a minute) is as suspect as an old one.
  if (age > maxAgeMs || age < -60_000) return failure('stale');
  return success(undefined);
}

/** A short fingerprint of a nonce, for lock names and logs, so the nonce itself never appears there. */
export function nonceFingerprint(nonce: string): string {
  return createHash('sha256').update(nonce, 'utf8').digest('base64url').slice(0, 22);
}
