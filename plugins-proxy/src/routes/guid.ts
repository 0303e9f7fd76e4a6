const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** The GUID in lower case (braces allowed, as Dataverse sometimes writes them), or null. */
export function normaliseGuid(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = GUID.exec(value.trim());
  return match ? match[1].toLowerCase() : null;
}
