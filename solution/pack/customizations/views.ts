import type { View } from '../../model/types';
import { braced, componentId } from '../guid';
import { INTRODUCED_VERSION, localizedNames } from '../labels';
import { el, leaf, type XmlElement } from '../xml';

const QUERY_TYPE: Record<View['type'], number> = { public: 0, associated: 2, quickfind: 4, lookup: 64 };

export const viewId = (view: Pick<View, 'table' | 'name'>): string =>
  componentId('view', `${view.table}/${view.name}`);

/** The table a view queries: its logical name, primary id and primary name (the grid's link). */
export interface ViewTarget {
  readonly logicalName: string;
  readonly primaryId: string;
  readonly primaryName: string;
}

export function savedQueryXml(table: ViewTarget, view: View): XmlElement {
  const id = table.primaryId;
  const conditions = [
    view.activeOnly ? el('condition', { attribute: 'statecode', operator: 'eq', value: 0 }) : null,
  ];
  const find = view.type === 'quickfind' ? (view.findColumns ?? []) : [];
  const fetch = el('fetch', { version: '1.0', mapping: 'logical' }, [
    el('entity', { name: table.logicalName }, [
      el('attribute', { name: id }),
      ...view.columns.map((c) => el('attribute', { name: c })),
      el('order', { attribute: view.sortBy, descending: view.descending ? 'true' : 'false' }),
      el('filter', { type: 'and' }, conditions),
      find.length
        ? el(
            'filter',
            { type: 'or', isquickfindfields: 1 },
            find.map((c) => el('condition', { attribute: c, operator: 'like', value: '{0}' })),
          )
        : null,
    ]),
  ]);
  const grid = el('grid', { name: 'resultset', jump: table.primaryName, select: 1, icon: 1, preview: 1 }, [
    el(
      'row',
      { name: 'result', id },
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
    el('fetchxml', {}, [fetch]),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    localizedNames(view.name),
  ]);
}
