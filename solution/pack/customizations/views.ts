import type { ViewCondition, ViewLink } from '../../model/dashboardTypes';
import type { View } from '../../model/types';
import { braced, componentId } from '../guid';
import { INTRODUCED_VERSION, localizedNames } from '../labels';
import { el, leaf, type XmlElement } from '../xml';

const QUERY_TYPE: Record<View['type'], number> = { public: 0, associated: 2, quickfind: 4, lookup: 64 };

/** What a view needs of its table: the names of the table, its primary id and primary name. */
export interface ViewTable {
  readonly logicalName: string;
  readonly primaryId: string;
  readonly primaryName: string;
}

export const viewId = (view: Pick<View, 'table' | 'name'>): string =>
  componentId('view', `${view.table}/${view.name}`);

/** A FetchXML condition: one value in `value`, several as `<value>` children (operator in). */
export function conditionXml(c: ViewCondition): XmlElement {
  const values = c.values ?? [];
  if (c.operator === 'in') {
    return el(
      'condition',
      { attribute: c.column, operator: c.operator },
      values.map((v) => leaf('value', v)),
    );
  }
  return el('condition', { attribute: c.column, operator: c.operator, value: values[0] });
}

/** A link-entity that only filters (`exists`: no copies of the row, Microsoft Learn "Join tables"). */
function linkXml(link: ViewLink): XmlElement {
  return el('link-entity', { name: link.table, from: link.from, to: link.to, 'link-type': 'exists' }, [
    el('filter', { type: 'and' }, link.conditions.map(conditionXml)),
  ]);
}

/** The view's filter: statecode for an active-only view, then its own conditions. */
export function viewFilterXml(view: View): XmlElement {
  return el('filter', { type: 'and' }, [
    view.activeOnly ? el('condition', { attribute: 'statecode', operator: 'eq', value: 0 }) : null,
    ...(view.conditions ?? []).map(conditionXml),
  ]);
}

export function viewFetchXml(table: ViewTable, view: View): XmlElement {
  const find = view.type === 'quickfind' ? (view.findColumns ?? []) : [];
  return el('fetch', { version: '1.0', mapping: 'logical' }, [
    el('entity', { name: table.logicalName }, [
      el('attribute', { name: table.primaryId }),
      ...view.columns.map((c) => el('attribute', { name: c })),
      el('order', { attribute: view.sortBy, descending: view.descending ? 'true' : 'false' }),
      viewFilterXml(view),
      find.length
        ? el(
            'filter',
            { type: 'or', isquickfindfields: 1 },
            find.map((c) => el('condition', { attribute: c, operator: 'like', value: '{0}' })),
          )
        : null,
      view.link ? linkXml(view.link) : null,
    ]),
  ]);
}

export function savedQueryXml(table: ViewTable, view: View): XmlElement {
  const grid = el('grid', { name: 'resultset', jump: table.primaryName, select: 1, icon: 1, preview: 1 }, [
    el(
      'row',
      { name: 'result', id: table.primaryId },
      view.columns.map((c, i) => el('cell', { name: c, width: i === 0 ? 300 : 150 })),
    ),
  ]);
  return el('savedquery', {}, [
    leaf('IsCustomizable', 1),
    leaf('CanBeDeleted', view.isDefault ? 0 : 1),
    leaf('isquickfindquery', view.type === 'quickfind' ? 1 : 0),
    leaf('isprivate', 0),
    leaf('isdefault', view.isDefault ? 1 : 0),
    leaf('savedqueryid', braced(viewId(view))),
    el('layoutxml', {}, [grid]),
    leaf('querytype', QUERY_TYPE[view.type]),
    el('fetchxml', {}, [viewFetchXml(table, view)]),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    localizedNames(view.name),
  ]);
}
