import type { Form, FormCell, FormTab, SolutionModel } from '../../model/types';
import type { ColumnType } from '../../model/known';
import { braced, componentId } from '../guid';
import { columnType } from '../lookup';
import { descriptions, INTRODUCED_VERSION, labels, localizedNames } from '../labels';
import { el, leaf, type XmlElement } from '../xml';
import { viewId } from './views';

/** Classic control class ids by column type (Dataverse's built-in controls). */
const CONTROL_CLASS: Record<ColumnType, string> = {
  string: '{4273EDBD-AC1D-40d3-9FB2-095C621B552D}',
  memo: '{E0DECE4B-6FC8-4a8f-A065-082708572369}',
  integer: '{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}',
  decimal: '{C3EFE0C3-0EC6-42be-8349-CBD9079DFD8E}',
  money: '{533B9E00-756B-4312-95A0-DC888637AC78}',
  datetime: '{5B773807-9FB2-42DB-97C3-7A91EFF8ADFF}',
  dateonly: '{5B773807-9FB2-42DB-97C3-7A91EFF8ADFF}',
  boolean: '{B0C6723A-8503-4fd7-BB28-C8A06AC933C2}',
  choice: '{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}',
  lookup: '{270BD3DB-D9AF-4782-9025-509E298DEC0A}',
};
/**
 * The managed package ships a system form as a diff FormXml: only our tabs and control
 * descriptions, each `solutionaction="Added"`; the unmanaged one ships the full form, Microsoft's
 * tabs included, since an unmanaged form replaces the form (Microsoft Learn, power-platform
 * alm/form-alm.md, "Full and differential form XML").
 */
const ADDED = { solutionaction: 'Added' } as const;

export const SUBGRID_CLASS = '{E7A81278-8635-4d9e-8D4D-59480B391C5B}';
const FORM_FACTORS = [0, 1, 2]; // web, tablet, phone

/** A system form ships under its own id (so the platform merges it); ours under a derived one. */
export const formId = (form: Form): string =>
  form.systemForm?.formId ?? componentId('form', `${form.table}/${form.name}`);
/** A field's control id is its column unless the cell names another (a column shown by two controls). */
const controlIdOf = (cell: FormCell & { column: string }): string =>
  (cell.kind === 'pcf' && cell.controlId) || cell.column;

const partId = (form: Form, part: string): string =>
  braced(componentId('formpart', `${form.table}/${form.name}/${part}`));

function cellXml(model: SolutionModel, form: Form, cell: FormCell): XmlElement {
  if (cell.kind === 'subgrid') {
    return el('cell', { id: partId(form, `cell/${cell.id}`), showlabel: 'true', rowspan: 8, colspan: 1 }, [
      labels(cell.label),
      el('control', { id: cell.id, classid: SUBGRID_CLASS, uniqueid: partId(form, `control/${cell.id}`) }, [
        el('parameters', {}, [
          leaf('ViewId', braced(viewId({ table: cell.table, name: cell.view }))),
          leaf('IsUserView', 'false'),
          leaf('RelationshipName', cell.relationship),
          leaf('TargetEntityType', cell.table),
          leaf('AutoExpand', 'Fixed'),
          leaf('EnableQuickFind', 'false'),
          leaf('EnableViewPicker', 'false'),
          leaf('EnableJumpBar', 'false'),
          leaf('ChartGridMode', 'Grid'),
          leaf('RecordsPerPage', 10),
        ]),
      ]),
    ]);
  }
  const type = columnType(model, form.table, cell.column) ?? 'string';
  const label = cell.kind === 'pcf' ? cell.label : (cell.label ?? '');
  const id = controlIdOf(cell);
  return el('cell', { id: partId(form, `cell/${id}`), showlabel: 'true' }, [
    labels(label),
    el('control', {
      id,
      classid: CONTROL_CLASS[type],
      datafieldname: cell.column,
      uniqueid: cell.kind === 'pcf' ? partId(form, `control/${id}`) : undefined,
    }),
  ]);
}

/** PCF bindings: the classic control first, then the custom control per form factor (reference §3.3). */
function controlDescriptions(model: SolutionModel, form: Form, added: boolean): XmlElement | null {
  const pcfs = form.tabs.flatMap((t) => t.sections.flatMap((s) => s.cells)).filter((c) => c.kind === 'pcf');
  if (pcfs.length === 0) return null;
  return el(
    'controlDescriptions',
    {},
    pcfs.map((cell) => {
      const type = columnType(model, form.table, cell.column) ?? 'string';
      const params = Object.entries(cell.bindings).map(([property, column]) => leaf(property, column));
      const forControl = partId(form, `control/${controlIdOf(cell)}`);
      return el('controlDescription', { forControl, ...(added ? ADDED : {}) }, [
        el('customControl', { id: CONTROL_CLASS[type] }, [
          el('parameters', {}, [leaf('datafieldname', cell.column)]),
        ]),
        ...FORM_FACTORS.map((formFactor) =>
          el('customControl', { formFactor, name: cell.control }, [el('parameters', {}, params)]),
        ),
      ]);
    }),
  );
}

function tabXml(model: SolutionModel, form: Form, tab: FormTab, added: boolean): XmlElement {
  return el(
    'tab',
    {
      name: tab.name,
      id: partId(form, `tab/${tab.name}`),
      IsUserDefined: 0,
      verticallayout: 'true',
      expanded: 'true',
      ...(added ? ADDED : {}),
    },
    [
      labels(tab.label),
      el('columns', {}, [
        el('column', { width: '100%' }, [
          el(
            'sections',
            {},
            tab.sections.map((section) =>
              el(
                'section',
                {
                  name: section.name,
                  showlabel: section.label ? 'true' : 'false',
                  showbar: 'false',
                  IsUserDefined: 0,
                  id: partId(form, `section/${section.name}`),
                },
                [
                  labels(section.label),
                  el(
                    'rows',
                    {},
                    section.cells.map((cell) => el('row', {}, [cellXml(model, form, cell)])),
                  ),
                ],
              ),
            ),
          ),
        ]),
      ]),
    ],
  );
}

function headerXml(model: SolutionModel, form: Form): XmlElement | null {
  if (!form.header?.length) return null;
  const cells = form.header.map(({ column, label }) => {
    const type = columnType(model, form.table, column) ?? 'string';
    const id = `header_${column}`;
    return el('cell', { id: partId(form, `cell/${id}`), showlabel: 'true' }, [
      labels(label),
      el('control', { id, classid: CONTROL_CLASS[type], datafieldname: column }),
    ]);
  });
  return el('header', { id: partId(form, 'header'), celllabelposition: 'Top', columns: '1111' }, [
    el('rows', {}, [el('row', {}, cells)]),
  ]);
}

export function systemFormXml(
  model: SolutionModel,
  form: Form,
  fallback: boolean,
  managed = false,
): XmlElement {
  const diff = managed && form.systemForm !== undefined;
  const tabs = form.tabs.filter((tab) => !diff || !tab.system).map((tab) => tabXml(model, form, tab, diff));
  const inner = el('form', {}, [
    diff ? null : headerXml(model, form),
    el('tabs', {}, tabs),
    controlDescriptions(model, form, diff),
    // A system form keeps Microsoft's display conditions and name.
    form.systemForm
      ? null
      : el('DisplayConditions', { Order: fallback ? 0 : 1, FallbackForm: fallback ? 'true' : 'false' }, [
          el('Everyone'),
        ]),
  ]);
  return el('systemform', {}, [
    leaf('formid', braced(formId(form))),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('FormPresentation', 1),
    leaf('FormActivationState', 1),
    inner,
    leaf('IsCustomizable', 1),
    leaf('CanBeDeleted', form.systemForm ? 0 : 1),
    localizedNames(form.name),
    form.systemForm ? null : descriptions(form.description),
  ]);
}
