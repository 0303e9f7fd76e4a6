/**
 * The wire form without the SDK, for the browser bundle. xero-node's ObjectSerializer maps each
 * camelCase model property to its `baseName`, which for every property the mapper sets is the same
 * name with the first letter upper-cased (`brandingThemeID` → `BrandingThemeID`, `cOGSAccountCode`
 * → `COGSAccountCode`), and JSON drops undefined values. test/domain/wire.test.ts checks this
 * against the real serializer and against what xero-node puts on the wire.
 */
import type { WireBody, WireDocument, WireSerializer } from './xeroModels';

function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== 'object') return value;
  const out: WireBody = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[key.charAt(0).toUpperCase() + key.slice(1)] = pascal(v);
  }
  return out;
}

export const plainWireSerializer: WireSerializer = {
  document: (model) => pascal(model) as WireDocument,
  contact: (model) => pascal(model) as WireBody,
  item: (model) => pascal(model) as WireBody,
};
