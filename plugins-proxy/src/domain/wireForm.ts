/**
 * The wire form without the SDK, for the browser bundle. xero-node's ObjectSerializer maps each
 * camelCase model property to its `baseName`, which for every property the mapper sets is the same
 * name with the first letter upper-cased (`brandingThemeID` → `BrandingThemeID`, `cOGSAccountCode`
 * → `COGSAccountCode`), and JSON drops undefined values. test/domain/wire.test.ts checks this
 * against the real serializer and against what xero-node puts on the wire.
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
