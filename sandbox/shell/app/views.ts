/**
 * Views (savedqueries) as the solution defines them: the fetchxml runs through the emulator's
 * `?fetchXml=` and the layoutxml gives the columns. A sub-grid adds the relationship's condition
 * to its view's fetchxml. Tables the solution ships no view for (platform tables such as invoice)
 * get the platform's usual default: the main form's fields.
 */
import type { AppScope } from './appModule';
import { type DataverseClient, type Row } from './dataverse';

export interface ViewDefinition {
  id: string;
  name: string;
  entity: string;
  fetchXml: string;
  columns: { name: string; width: number }[];
}

const parser = new DOMParser();

export function parseView(row: Row): ViewDefinition {
  const layout = parser.parseFromString(String(row.layoutxml ?? '<grid/>'), 'text/xml');
  return {
    id: String(row.savedqueryid),
    name: String(row.name ?? ''),
    entity: String(row.returnedtypecode),
    fetchXml: String(row.fetchxml ?? ''),
    columns: Array.from(layout.querySelectorAll('cell')).map((c) => ({
      name: c.getAttribute('name') ?? '',
      width: Number(c.getAttribute('width') ?? 150),
    })),
  };
}

const VIEW_COLUMNS = '$select=savedqueryid,name,returnedtypecode,fetchxml,layoutxml,querytype,isdefault';

export async function viewById(client: DataverseClient, id: string): Promise<ViewDefinition> {
  return parseView(await client.get(`savedqueries(${id.replace(/[{}]/g, '')})?${VIEW_COLUMNS}`));
}

/**
 * The public views of a table (querytype 0) the app lists, or all of them; the default first. A
 * platform table whose default view the solution does not ship (invoice: Sales owns it) gets the
 * platform's usual default first, then the app's views.
 */
export async function publicViews(
  client: DataverseClient,
  app: AppScope,
  entity: string,
): Promise<ViewDefinition[]> {
  const { value } = await client.list(
    `savedqueries?${VIEW_COLUMNS}&$filter=returnedtypecode eq '${entity}' and querytype eq 0`,
  );
  const sorted = [...app.pick(value, 'savedqueryid')].sort(
    (a, b) => Number(Boolean(b.isdefault)) - Number(Boolean(a.isdefault)),
  );
  if (sorted.some((v) => v.isdefault)) return sorted.map(parseView);
  return [await platformDefaultView(client, entity), ...sorted.map(parseView)];
}

async function platformDefaultView(client: DataverseClient, entity: string): Promise<ViewDefinition> {
  const meta = await client.entity(entity);
  const forms = await client.list(
    `systemforms?$select=formxml&$filter=objecttypecode eq '${entity}' and type eq 2`,
  );
  const formXml = parser.parseFromString(String(forms.value[0]?.formxml ?? '<form/>'), 'text/xml');
  const fields = Array.from(formXml.querySelectorAll('control[datafieldname]'))
    .map((c) => c.getAttribute('datafieldname') ?? '')
    .filter((name) => name !== '');
  const names = [...new Set([meta.primaryName, ...fields])].slice(0, 8);
  const attributes = names.map((n) => `<attribute name="${n}" />`).join('');
  return {
    id: '',
    name: `Active ${meta.label}s`,
    entity,
    fetchXml: `<fetch version="1.0" mapping="logical"><entity name="${entity}"><attribute name="${meta.primaryId}" />${attributes}<order attribute="createdon" descending="true" /></entity></fetch>`,
    columns: names.map((name) => ({ name, width: name === meta.primaryName ? 260 : 150 })),
  };
}

/** The view's fetchxml with one more `eq` condition (a sub-grid's relationship). */
export function withCondition(fetchXml: string, attribute: string, value: string): string {
  const doc = parser.parseFromString(fetchXml, 'text/xml');
  const entity = doc.querySelector('entity');
  if (!entity) return fetchXml;
  const filter = doc.createElement('filter');
  filter.setAttribute('type', 'and');
  const condition = doc.createElement('condition');
  condition.setAttribute('attribute', attribute);
  condition.setAttribute('operator', 'eq');
  condition.setAttribute('value', value);
  filter.appendChild(condition);
  entity.appendChild(filter);
  return new XMLSerializer().serializeToString(doc);
}

export async function runView(client: DataverseClient, view: ViewDefinition, fetchXml = view.fetchXml) {
  const meta = await client.entity(view.entity);
  const { value } = await client.list(`${meta.entitySet}?fetchXml=${encodeURIComponent(fetchXml)}`);
  return value;
}
