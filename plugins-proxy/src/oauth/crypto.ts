/**
 * Token encryption at rest: AES-256-GCM, a random 96-bit IV per write, the connection id as AAD, and key
 * ids for rotation (the blob format and rotation: docs/operations.md#the-token-encryption-key).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT_VERSION = 'v1';
// The relay's config allows dots in key ids, so a blob is split from both ends (see decrypt).
const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Same shape as config.ts's EncryptionKey, so `config.encryption` can be passed as it is. */
export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/** Raised when a blob is malformed, tampered with, bound to another connection or under an unknown key. */
export class TokenDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptError';
  }
}

/**
 * Reads key material as given in ENCRYPTION_KEY: 64 hex characters or base64/base64url of 32 bytes.
 * Throws naming the key id so a misconfigured rotation is easy to find.
 */
export function parseEncryptionKey(kid: string, material: string): EncryptionKey {
  if (!KEY_ID_PATTERN.test(kid)) {
    throw new Error(`Encryption key id "${kid}" must be 1-64 characters of A-Z a-z 0-9 . _ -`);
  }
  const trimmed = material.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error(
      `Encryption key "${kid}" must be 32 bytes (64 hex characters or base64), got ${key.length}`,
    );
  }
  return { id: kid, key };
}

export class TokenCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    private readonly current: EncryptionKey,
    previous: readonly EncryptionKey[] = [],
  ) {
    const keys = new Map<string, Buffer>();
    for (const candidate of [current, ...previous]) {
      if (candidate.key.length !== 32) throw new Error(`Encryption key "${candidate.id}" must be 32 bytes`);
      if (!KEY_ID_PATTERN.test(candidate.id)) throw new Error(`Invalid encryption key id "${candidate.id}"`);
      if (keys.has(candidate.id)) throw new Error(`Encryption key id "${candidate.id}" is used twice`);
      keys.set(candidate.id, candidate.key);
    }
    this.keys = keys;
  }

  encrypt(plaintext: string, connectionId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(connectionId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [FORMAT_VERSION, this.current.id, ...parts].join('.');
  }

  decrypt(blob: string, connectionId: string): string {
    const parts = blob.split('.');
    if (parts.length < 5 || parts[0] !== FORMAT_VERSION) {
      throw new TokenDecryptError(`The stored token for connection ${connectionId} is not in the v1 format`);
    }
    const [ivText, tagText, ciphertextText] = parts.slice(-3);
    const kid = parts.slice(1, -3).join('.');
    const key = this.keys.get(kid);
    if (!key) {
      throw new TokenDecryptError(
        `The stored token for connection ${connectionId} uses encryption key "${kid}", which is not configured`,
      );
    }
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new TokenDecryptError(`The stored token for connection ${connectionId} is malformed`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(connectionId, 'utf8'));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertextText, 'base64url')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch {
      throw new TokenDecryptError(
        `The stored token for connection ${connectionId} failed its integrity check (tampered, or stored for another connection)`,
      );
    }
  }

  /** True when the blob was written under a key other than the current one. */
  needsReencryption(blob: string): boolean {
    return blob.split('.').slice(1, -3).join('.') !== this.current.id;
  }

  /** Decrypts with whichever key wrote the blob and encrypts again under the current key. */
  reencrypt(blob: string, connectionId: string): string {
    return this.encrypt(this.decrypt(blob, connectionId), connectionId);
  }
}

/**
 * The HMAC key for OAuth `state`, derived from the current encryption key so the relay needs no
 * extra secret. Rotating ENCRYPTION_KEY only invalidates connect attempts in flight (10 minutes).
 */
export function deriveStateKey(encryptionKey: EncryptionKey): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey.key, Buffer.alloc(0), 'stellarise-oauth-state-v1', 32));
}
