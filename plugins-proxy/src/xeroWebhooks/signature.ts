/**
 * Xero webhook signatures: `x-xero-signature` = base64(HMAC-SHA256(webhook key, raw body bytes))
 * (reference §3.11), computed before any JSON parsing and compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function computeXeroSignature(webhookKey: string, rawBody: Buffer): string {
  return createHmac('sha256', webhookKey).update(rawBody).digest('base64');
}

export function isValidXeroSignature(
  webhookKey: string,
  rawBody: Buffer,
  signature: string | undefined,
): boolean {
  if (!webhookKey || !signature) return false;
  const expected = Buffer.from(computeXeroSignature(webhookKey, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on unequal lengths; a length mismatch is simply "no".
  return given.length === expected.length && timingSafeEqual(given, expected);
}
