/**
 * The webhook secret as Dataverse wants it for HttpHeader authentication (authtype 5): an XML list
 * of header settings. Dataverse never returns authvalue, so a short SHA-256 fingerprint of the
 * secret is kept in the endpoint's description: a re-run can tell whether the secret changed
 * without reading it, and the fingerprint says nothing useful about a random secret.
 */
import { createHash, randomBytes } from 'node:crypto';

/** What the relay accepts (DATAVERSE_WEBHOOK_SECRET is at least 16 characters). */
const SECRET_PATTERN = /^[A-Za-z0-9._~+/=-]{16,256}$/;
const FINGERPRINT_PATTERN = /\[webhook secret sha256:([0-9a-f]{16})\]/;

function escapeXmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function httpHeaderAuthValue(header: string, secret: string): string {
  return `<settings><setting name="${escapeXmlAttribute(header)}" value="${escapeXmlAttribute(secret)}" /></settings>`;
}

/** A message naming the option when the secret cannot be used, else null. */
export function secretProblem(secret: string, source: string): string | null {
  if (SECRET_PATTERN.test(secret)) return null;
  return `${source} must be 16 to 256 characters of letters, digits and . _ ~ + / = - (it is sent as an HTTP header).`;
}

export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16);
}

export function fingerprintIn(description: string | null | undefined): string | null {
  return FINGERPRINT_PATTERN.exec(description ?? '')?.[1] ?? null;
}

/** The description with the fingerprint of `secret`, replacing any earlier one. */
export function withFingerprint(description: string | null | undefined, secret: string): string {
  const text = (description ?? '').replace(FINGERPRINT_PATTERN, '').trim();
  const mark = `[webhook secret sha256:${secretFingerprint(secret)}]`;
  return text ? `${text} ${mark}` : mark;
}
