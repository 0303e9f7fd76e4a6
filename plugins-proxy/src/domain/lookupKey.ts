/** The Web API property holding a lookup's GUID (`_stl_connectionid_value`). */
export function lookupKey<C extends string>(column: C): `_${C}_value` {
  return `_${column}_value`;
}
