/**
 * A systemform's FormXml as plain data: the header's fields, and tabs → sections → cells, each cell a field
 * (datafieldname), a sub-grid (the sub-grid classid with its view and relationship) or a custom
 * control bound through controlDescriptions (formFactor 0, the web client).
 */
import type { PropertyBinding } from '../pcf/context';

export const SUBGRID_CLASS_ID = '{E7A81278-8635-4d9e-8D4D-59480B391C5B}';

export type FormCell =
  | { kind: 'field'; column: string; label: string; showLabel: boolean }
  | { kind: 'subgrid'; id: string; label: string; viewId: string; targetEntity: string; relationship: string }
  | {
      kind: 'control';
      column: string;
      label: string;
      control: string;
      bindings: Map<string, PropertyBinding>;
    };

export interface FormSection {
  name: string;
  label: string;
  showLabel: boolean;
  cells: FormCell[];
}

export interface FormTab {
  name: string;
  label: string;
  sections: FormSection[];
}

const labelOf = (el: Element) =>
  Array.from(el.children)
    .find((c) => c.tagName === 'labels')
    ?.querySelector('label')
    ?.getAttribute('description') ?? '';

function customControls(
  form: Element,
): Map<string, { control: string; bindings: Map<string, PropertyBinding> }> {
  const found = new Map<string, { control: string; bindings: Map<string, PropertyBinding> }>();
  for (const description of Array.from(form.querySelectorAll('controlDescriptions > controlDescription'))) {
    const web = Array.from(description.querySelectorAll('customControl')).find(
      (c) => c.getAttribute('formFactor') === '0' && c.getAttribute('name'),
    );
    if (!web) continue;
    const bindings = new Map<string, PropertyBinding>();
    for (const p of Array.from(web.querySelector('parameters')?.children ?? [])) {
      const text = p.textContent?.trim() ?? '';
      bindings.set(p.tagName, p.getAttribute('static') === 'true' ? { literal: text } : { column: text });
    }
    found.set((description.getAttribute('forControl') ?? '').toLowerCase(), {
      control: web.getAttribute('name') ?? '',
      bindings,
    });
  }
  return found;
}

function cellOf(cell: Element, controls: ReturnType<typeof customControls>): FormCell | undefined {
  const control = cell.querySelector('control');
  if (!control) return undefined;
  const label = labelOf(cell);
  const column = control.getAttribute('datafieldname') ?? '';
  const custom = controls.get((control.getAttribute('uniqueid') ?? '').toLowerCase());
  if (custom) return { kind: 'control', column, label, ...custom };
  if ((control.getAttribute('classid') ?? '').toUpperCase() === SUBGRID_CLASS_ID.toUpperCase()) {
    const param = (name: string) => control.querySelector(`parameters > ${name}`)?.textContent?.trim() ?? '';
    return {
      kind: 'subgrid',
      id: control.getAttribute('id') ?? '',
      label,
      viewId: param('ViewId'),
      targetEntity: param('TargetEntityType'),
      relationship: param('RelationshipName'),
    };
  }
  if (!column) return undefined;
  return { kind: 'field', column, label, showLabel: cell.getAttribute('showlabel') !== 'false' };
}

export interface ParsedForm {
  tabs: FormTab[];
  /** The header's fields (the Sales forms show owner, status and total there). */
  header: (FormCell & { kind: 'field' })[];
}

export function parseForm(formXml: string): ParsedForm {
  const doc = new DOMParser().parseFromString(formXml, 'text/xml');
  const form = doc.documentElement;
  const controls = customControls(form);
  const header = Array.from(form.querySelectorAll(':scope > header > rows > row > cell'))
    .map((cell) => cellOf(cell, controls))
    .filter((c): c is FormCell & { kind: 'field' } => c?.kind === 'field');
  return { tabs: tabsOf(form, controls), header };
}

function tabsOf(form: Element, controls: ReturnType<typeof customControls>): FormTab[] {
  return Array.from(form.querySelectorAll('tabs > tab')).map((tab) => ({
    name: tab.getAttribute('name') ?? '',
    label: labelOf(tab),
    sections: Array.from(tab.querySelectorAll('sections > section')).map((section) => ({
      name: section.getAttribute('name') ?? '',
      label: labelOf(section),
      showLabel: section.getAttribute('showlabel') !== 'false',
      cells: Array.from(section.querySelectorAll('rows > row > cell'))
        .map((cell) => cellOf(cell, controls))
        .filter((c): c is FormCell => c !== undefined),
    })),
  }));
}
