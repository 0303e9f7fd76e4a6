/**
 * The relay's base URL is the value of the stl_RelayUrl environment variable: its current value
 * when one is set in this environment, otherwise the definition's default value.
 */
import { COMPONENTS, ENVIRONMENT_VARIABLE_TABLES } from '../../solution/names';

/** A promise as Xrm types it (its `then` takes no null) or as PCF types it (a real Promise). */
export interface Thenable<T> {
  then<U>(onFulfilled?: (value: T) => U | PromiseLike<U>, onRejected?: (error: unknown) => U): unknown;
}

/** The one Web API call this needs; Xrm.WebApi and PCF's context.webAPI both provide it. */
export interface RelayUrlWebApi {
  retrieveMultipleRecords(
    entityLogicalName: string,
    options?: string,
  ): Thenable<{ entities: Record<string, unknown>[] }>;
}

export type RelayUrlResult =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

export const RELAY_URL_MESSAGES = {
  missing: `The relay URL is not set. Ask an administrator to set the environment variable ${COMPONENTS.relayUrlVariable} (Stellarise relay URL) to the relay's address.`,
  invalid: (value: string) =>
    `The environment variable ${COMPONENTS.relayUrlVariable} holds "${value}", which is not an http(s) URL. Ask an administrator to correct it.`,
} as const;

const definition = ENVIRONMENT_VARIABLE_TABLES.definition;
const valueColumn = ENVIRONMENT_VARIABLE_TABLES.value.value;

/** The query: the definition by schema name, with its values expanded (one request). */
export function relayUrlQuery(): string {
  const schemaName = COMPONENTS.relayUrlVariable;
  return (
    `?$select=${definition.schemaName},${definition.defaultValue}` +
    `&$filter=${definition.schemaName} eq '${schemaName}'` +
    `&$expand=${definition.values}($select=${valueColumn})`
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Picks the current value over the default, and checks it is a URL; pure. */
export function relayUrlFrom(rows: readonly Record<string, unknown>[]): RelayUrlResult {
  const row = rows[0];
  if (!row) return { ok: false, message: RELAY_URL_MESSAGES.missing };
  const values = Array.isArray(row[definition.values])
    ? (row[definition.values] as Record<string, unknown>[])
    : [];
  const current = values.map((v) => text(v[valueColumn])).find((v) => v !== '');
  const raw = current ?? text(row[definition.defaultValue]);
  if (!raw) return { ok: false, message: RELAY_URL_MESSAGES.missing };
  if (!/^https?:\/\/[^\s/]+/i.test(raw)) return { ok: false, message: RELAY_URL_MESSAGES.invalid(raw) };
  return { ok: true, url: raw.replace(/\/+$/, '') };
}

/** Reads the relay URL through the Web API as the signed-in user. */
export async function readRelayUrl(webApi: RelayUrlWebApi): Promise<RelayUrlResult> {
  const result = await webApi.retrieveMultipleRecords(definition.logicalName, relayUrlQuery());
  return relayUrlFrom(result.entities);
}
