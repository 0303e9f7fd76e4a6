/**
 * The Web API property holding a lookup's GUID. Kept apart from snapshot.ts so the mapper's
 * runtime imports do not pull zod into the browser bundle (the PCF control imports mapInvoice only).
 */
export function lookupKey<C extends string>(column: C): `_${C}_value` {
  return `_${column}_value`;
}
