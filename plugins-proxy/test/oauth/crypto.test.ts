import { randomBytes } from 'node:crypto';
import { parseEncryptionKey, TokenCipher, TokenDecryptError } from '../../src/oauth/crypto';

const CONNECTION = 'c0ffee00-0000-4000-8000-000000000001';
const SECRET = 'refresh-token-that-must-never-be-readable';

function keyed(id: string) {
  return { id, key: randomBytes(32) };
}

describe('token encryption', () => {
  it('decrypts what it encrypted', () => {
    const cipher = new TokenCipher(keyed('k1'));
    expect(cipher.decrypt(cipher.encrypt(SECRET, CONNECTION), CONNECTION)).toBe(SECRET);
  });

  it('writes v1.<kid>.<iv>.<tag>.<ciphertext> without the token text', () => {
    const blob = new TokenCipher(keyed('2026-01')).encrypt(SECRET, CONNECTION);
    expect(blob).toMatch(/^v1\.2026-01\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(blob).not.toContain(SECRET);
    expect(Buffer.from(blob.split('.')[4], 'base64url').toString('latin1')).not.toContain('refresh-token');
  });

  it('uses a fresh IV for every write', () => {
    const cipher = new TokenCipher(keyed('k1'));
    expect(cipher.encrypt(SECRET, CONNECTION)).not.toBe(cipher.encrypt(SECRET, CONNECTION));
  });

  it.each([
    ['ciphertext', 4],
    ['tag', 3],
    ['iv', 2],
  ])('detects a tampered %s', (_part, index) => {
    const cipher = new TokenCipher(keyed('k1'));
    const parts = cipher.encrypt(SECRET, CONNECTION).split('.');
    const bytes = Buffer.from(parts[index], 'base64url');
    bytes[0] ^= 0x01;
    parts[index] = bytes.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), CONNECTION)).toThrow(TokenDecryptError);
  });

  it('refuses a blob copied onto another connection', () => {
    const cipher = new TokenCipher(keyed('k1'));
    const blob = cipher.encrypt(SECRET, CONNECTION);
    expect(() => cipher.decrypt(blob, 'another-connection')).toThrow(/integrity check/);
  });

  it('reads blobs written under a previous key after rotation', () => {
    const oldKey = keyed('k1');
    const blob = new TokenCipher(oldKey).encrypt(SECRET, CONNECTION);
    const rotated = new TokenCipher(keyed('k2'), [oldKey]);
    expect(rotated.decrypt(blob, CONNECTION)).toBe(SECRET);
  });

  it('re-encrypts an old blob under the current key', () => {
    const oldKey = keyed('k1');
    const newKey = keyed('k2');
    const blob = new TokenCipher(oldKey).encrypt(SECRET, CONNECTION);
    const rotated = new TokenCipher(newKey, [oldKey]);
    expect(rotated.needsReencryption(blob)).toBe(true);
    const moved = rotated.reencrypt(blob, CONNECTION);
    expect(rotated.needsReencryption(moved)).toBe(false);
    expect(new TokenCipher(newKey).decrypt(moved, CONNECTION)).toBe(SECRET);
    expect(() => new TokenCipher(oldKey).decrypt(moved, CONNECTION)).toThrow(TokenDecryptError);
  });

  it('names the missing key when a blob was written under a key no longer configured', () => {
    const blob = new TokenCipher(keyed('retired')).encrypt(SECRET, CONNECTION);
    expect(() => new TokenCipher(keyed('k2')).decrypt(blob, CONNECTION)).toThrow(
      /"retired", which is not configured/,
    );
  });

  it('accepts key ids with dots, as the relay config allows', () => {
    const cipher = new TokenCipher(keyed('2026.01'));
    expect(cipher.decrypt(cipher.encrypt(SECRET, CONNECTION), CONNECTION)).toBe(SECRET);
  });

  it('parses hex and base64 key material and rejects a short key', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey('k', raw.toString('hex')).key.equals(raw)).toBe(true);
    expect(parseEncryptionKey('k', raw.toString('base64')).key.equals(raw)).toBe(true);
    expect(() => parseEncryptionKey('k', randomBytes(16).toString('base64'))).toThrow(/must be 32 bytes/);
  });
});
