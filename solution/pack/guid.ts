import { createHash } from 'node:crypto';

/**
 * Deterministic component ids: UUID v5 (RFC 4122 §4.3, SHA-1) of `<kind>:<name>` in one
 * namespace, so the same source always yields the same GUIDs and two builds are byte-identical.
 */
export const STELLARISE_NAMESPACE = '6f7c3a52-3b1e-4f0b-9a41-5e2d8c1b7a90';

function bytesOf(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function uuidV5(name: string, namespace: string = STELLARISE_NAMESPACE): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The kinds of component that carry a GUID in the package. */
export type GuidKind =
  | 'form'
  | 'view'
  | 'webresource'
  | 'role'
  | 'fieldsecurityprofile'
  | 'serviceendpoint'
  | 'step'
  | 'formpart'
  | 'option'
  | 'chart'
  | 'dashboard';

export function componentId(kind: GuidKind, name: string): string {
  return uuidV5(`${kind}:${name}`);
}

export const braced = (id: string): string => `{${id}}`;
