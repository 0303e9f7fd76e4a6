/**
 * dynamics-web-api's parsed answers back to the Web API JSON the relay reads: its Date objects
 * become Dataverse's UTC strings again, and the convenience keys it adds are dropped.
 */
import type { BatchPart } from './batch';
import { dataverseErrorFrom, DataverseError, dataverseNetworkError } from './errors';

/** `key@annotation` → the key the library adds beside it (dynamics-web-api parseResponse). */
const ADDED_BESIDE: Record<string, string> = {
  'OData.Community.Display.V1.FormattedValue': '_Formatted',
  'Microsoft.Dynamics.CRM.associatednavigationproperty': '_NavigationProperty',
  'Microsoft.Dynamics.CRM.lookuplogicalname': '_LogicalName',
};
const ADDED_FOR: Record<string, string> = {
  'odata.context': 'oDataContext',
  'odata.count': 'oDataCount',
  'odata.nextLink': 'oDataNextLink',
  'odata.deltaLink': 'oDataDeltaLink',
};

/** Dataverse writes datetimes in UTC without milliseconds (reference/dataverse-webapi.md §1.4). */
function dateText(value: Date): string {
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function toWebApiJson(value: unknown): unknown {
  if (value instanceof Date) return dateText(value);
  if (Array.isArray(value)) return value.map(toWebApiJson);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const added = new Set<string>();
  for (const key of Object.keys(source)) {
    const at = key.indexOf('@');
    if (at < 0) continue;
    const [name, annotation] = [key.slice(0, at), key.slice(at + 1)];
    if (ADDED_FOR[annotation]) added.add(ADDED_FOR[annotation]);
    if (ADDED_BESIDE[annotation]) added.add(name + ADDED_BESIDE[annotation]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(source)) {
    if (added.has(key) || isAlias(inner)) continue;
    out[key] = toWebApiJson(inner);
  }
  return out;
}

/** FetchXML link-entity aliases the library groups into objects of their own. */
function isAlias(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '_dwaType' in value;
}

interface LibraryHttpError {
  status: number;
  code?: string;
  message?: string;
  headers?: Record<string, string>;
  error?: { code?: string; message?: string };
}

// Duck-typed: node:http's errors come from another realm under Jest, so `instanceof Error` misses them.
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isLibraryHttpError(value: unknown): value is LibraryHttpError {
  return isObject(value) && typeof value.status === 'number' && 'message' in value;
}

/** A socket-level failure (refused, reset, timed out): node:http's errors carry a system code. */
export function isNetworkError(value: unknown): boolean {
  return (
    isObject(value) && typeof value.code === 'string' && 'message' in value && !isLibraryHttpError(value)
  );
}

/** The one typed error for a failure the library reports, or a network error when no status came back. */
export function errorFromLibrary(value: unknown): DataverseError {
  if (value instanceof DataverseError) return value;
  if (!isLibraryHttpError(value)) return dataverseNetworkError(value);
  const code = value.error?.code ?? value.code ?? '';
  const message = value.error?.message || (value.message !== 'Unexpected Error' ? value.message : '') || '';
  const retryAfter = Object.entries(value.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after');
  return dataverseErrorFrom(value.status, JSON.stringify({ error: { code, message } }), retryAfter?.[1]);
}

/**
 * One library batch result as a part: successes keep their JSON (or the id the library read from
 * OData-EntityId); a failure carries its status, Dataverse's error body and Retry-After.
 */
export function partFrom(result: unknown, changeset?: string): BatchPart {
  if (isLibraryHttpError(result)) {
    const error = errorFromLibrary(result);
    const headers: Record<string, string> = {};
    if (error.retryAfterMs !== undefined)
      headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
    const body = JSON.stringify({ error: { code: error.code, message: error.message } });
    return { status: error.status, statusText: '', headers, body, changeset };
  }
  if (isObject(result) && typeof result.message === 'string' && 'stack' in result) {
    const body = JSON.stringify({ error: { code: '', message: result.message } });
    return { status: 0, statusText: '', headers: {}, body, changeset };
  }
  const json = typeof result === 'object' && result !== null ? JSON.stringify(toWebApiJson(result)) : '';
  const headers: Record<string, string> =
    typeof result === 'string' ? { 'odata-entityid': `(${result})` } : {};
  return { status: json ? 200 : 204, statusText: '', headers, body: json, changeset };
}
