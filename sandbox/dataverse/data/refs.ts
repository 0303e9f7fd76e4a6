import { API_PATH, type EmulatorContext } from '../context';
import { errors } from '../errors';
import type { AlternateKey, TableDef } from '../model/types';
import { splitTopLevel } from '../odata/query';
import { isGuid } from './values';

/** A record key from a URL: a primary id or alternate-key values (reference/dataverse-webapi.md §1.5). */
export type KeySpec = { id: string } | { alternate: Record<string, string | number | null> };

/** Content-ID → the entity URL a changeset part created or addressed (`$1` references, §1.7). */
export type ContentIds = Map<string, { entitySet: string; id: string }>;

export function parseKey(text: string): KeySpec {
  const trimmed = text.trim().replace(/^\{|\}$/g, '');
  if (isGuid(trimmed)) return { id: trimmed.toLowerCase() };
  const alternate: Record<string, string | number | null> = {};
  for (const part of splitTopLevel(text, ',')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw errors.badRequest(`Bad key segment '(${text})'`);
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (raw.startsWith("'")) alternate[name] = raw.slice(1, -1).replace(/''/g, "'");
    else if (raw === 'null') alternate[name] = null;
    else if (isGuid(raw)) alternate[name] = raw.toLowerCase();
    else if (!isNaN(Number(raw))) alternate[name] = Number(raw);
    else throw errors.badRequest(`Bad key value '${raw}' in '(${text})'`);
  }
  return { alternate };
}

/** Matches key names to one of the table's alternate keys; `_x_value` names a lookup column. */
export function matchAlternateKey(table: TableDef, values: Record<string, unknown>): Record<string, unknown> {
  return alternateKeyFor(table, values).byColumn;
}

export function alternateKeyFor(
  table: TableDef,
  values: Record<string, unknown>,
): { key: AlternateKey; byColumn: Record<string, unknown> } {
  const byColumn: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const m = /^_(.+)_value$/.exec(name);
    byColumn[m ? m[1] : name] = value;
  }
  const names = Object.keys(byColumn).sort().join(',');
  const key = table.alternateKeys.find((k) => [...k.columns].sort().join(',') === names);
  if (!key) {
    throw errors.badRequest(
      `The key attributes '${Object.keys(values).join(',')}' do not match an alternate key defined on the '${table.logicalName}' entity.`,
    );
  }
  return { key, byColumn };
}

/**
 * Resolves a bound reference such as `/accounts(<id>)`, `accounts(<id>)`, an absolute URL, an
 * alternate-key reference, or `$1` inside a changeset, to the table and record id it names.
 */
export function resolveReference(
  ctx: EmulatorContext,
  reference: string,
  contentIds: ContentIds | undefined,
  findByKey: (table: TableDef, key: KeySpec) => string | undefined,
): { table: TableDef; id: string } {
  let path = reference.trim();
  const contentRef = /^\$(\w+)$/.exec(path);
  if (contentRef) {
    const found = contentIds?.get(contentRef[1]);
    if (!found)
      throw errors.badRequest(`Content-ID Reference: '${path}' does not exist in the batch context.`);
    const table = ctx.model.tableBySet(found.entitySet);
    if (!table) throw errors.resourceNotFound(found.entitySet);
    return { table, id: found.id };
  }
  const apiAt = path.search(/\/api\/data\/v\d+(\.\d+)?\//);
  if (apiAt >= 0) path = path.slice(apiAt).replace(/^\/api\/data\/v\d+(\.\d+)?\//, '');
  path = path.replace(/^\//, '');
  const m = /^([A-Za-z0-9_]+)\((.*)\)$/.exec(path);
  if (!m) throw errors.badRequest(`The reference '${reference}' is not a valid entity reference.`);
  const table = ctx.model.tableBySet(m[1]);
  if (!table) throw errors.resourceNotFound(m[1]);
  const key = parseKey(m[2]);
  const id = findByKey(table, key);
  if (!id) {
    throw 'id' in key
      ? errors.notFound(table.logicalName, key.id)
      : errors.notFoundByKey(table.logicalName, m[2]);
  }
  return { table, id };
}

export function entityUrl(ctx: EmulatorContext, table: TableDef, id: string): string {
  return `${ctx.orgUrl()}${API_PATH}/${table.entitySet}(${id})`;
}
