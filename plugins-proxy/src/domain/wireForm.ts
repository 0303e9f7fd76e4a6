/**
 * The wire form without the SDK, for the browser bundle: each camelCase model property under its
 * xero-node `baseName` (docs/domain-rules.md); test/domain/wire.test.ts checks it against the SDK.
 */
import type { WireBody, WireDocument, WireSerializer } from './xeroModels';

const wireKeys = new Map<string, string>();

function wireKey(key: string): string {
  let wire = wireKeys.get(key);
  if (wire === undefined) {
    wire = key.charAt(0).toUpperCase() + key.slice(1);
    wireKeys.set(key, wire);
  }
  return wire;
}

function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: WireBody = {};
  for (const key in source) {
    const v = source[key];
    if (v !== undefined) out[wireKey(key)] = pascal(v);
  }
  return out;
}

export const plainWireSerializer: WireSerializer = {
  document: (model) => pascal(model) as WireDocument,
  contact: (model) => pascal(model) as WireBody,
  item: (model) => pascal(model) as WireBody,
};
