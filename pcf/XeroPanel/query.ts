/**
 * The few OData query pieces the panel needs. The relay's odata.ts does the same with more checks,
 * but its builders do not fit this bundle; ids here come from Dataverse, so they are GUIDs already.
 */
export interface Query {
  readonly select?: readonly string[];
  readonly filter?: string;
  /** Navigation properties to expand, whole. */
  readonly expand?: readonly string[];
  readonly orderby?: string;
  readonly top?: number;
}

/** `?$select=…&$filter=…` in the form context.webAPI takes. */
export function query(q: Query): string {
  const parts: [string, string | number | undefined][] = [
    ['select', q.select?.join(',')],
    ['filter', q.filter],
    ['expand', q.expand?.join(',')],
    ['orderby', q.orderby],
    ['top', q.top],
  ];
  return `?${parts
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `$${name}=${encodeURIComponent(String(value))}`)
    .join('&')}`;
}

/** Only a GUID is let into a filter, so a value can never become OData syntax. */
function guid(id: string): string {
  if (!/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(id)) throw new Error(`Not a GUID: ${id}`);
  return id;
}

/** A GUID compared unquoted, as OData wants. */
export function eqId(property: string, id: string): string {
  return `${property} eq ${guid(id)}`;
}

/** Microsoft.Dynamics.CRM.In over GUIDs. */
export function inIds(property: string, ids: readonly string[]): string {
  return `Microsoft.Dynamics.CRM.In(PropertyName='${property}',PropertyValues=[${ids.map((id) => `'${guid(id)}'`).join(',')}])`;
}
