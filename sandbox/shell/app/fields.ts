/**
 * One form field: a label and an editor for the column's type (text, number, choice, yes/no,
 * date, date and time), or a read-only link for lookups. The editor writes to the FormRecord and re-reads it when
 * the record changes (a save, a refresh, a script's setValue).
 */
import type { ColumnMeta } from './dataverse';
import { h } from './dom';
import type { FormRecord, FieldValue } from '../xrm/record';

const READ_ONLY_TYPES = new Set(['Lookup', 'State', 'Status', 'Uniqueidentifier', 'Virtual']);

const pad = (n: number) => String(n).padStart(2, '0');

/** A date and time column shows both, in the user's time zone; a date-only column its date. */
function toInputText(value: FieldValue, meta: ColumnMeta): string {
  if (value === null) return '';
  if (!(value instanceof Date)) return String(value);
  if (meta.type !== 'DateTime') return '';
  if (meta.format === 'DateOnly') return value.toISOString().slice(0, 10);
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}`;
}

function fromInputText(text: string, meta: ColumnMeta): FieldValue {
  if (text === '') return null;
  if (['Integer', 'BigInt', 'Decimal', 'Double', 'Money'].includes(meta.type)) return Number(text);
  if (meta.type === 'DateTime') return new Date(text);
  return text;
}

function editorFor(record: FormRecord, meta: ColumnMeta, id: string): { element: HTMLElement; show(): void } {
  const value = () => record.get(meta.logicalName);
  if (meta.type === 'Lookup') {
    const link = h('a', { id, className: 'lookup' });
    const show = () => {
      const v = value();
      const ref = Array.isArray(v) ? v[0] : undefined;
      link.textContent = ref ? ref.name || ref.id : '---';
      if (ref)
        link.setAttribute('href', `#/form/${ref.entityType}/${ref.id.replace(/[{}]/g, '').toLowerCase()}`);
      else link.removeAttribute('href');
    };
    return { element: link, show };
  }
  if (meta.options.length || meta.type === 'Boolean') {
    const options =
      meta.type === 'Boolean' && !meta.options.length
        ? [
            { value: 0, label: 'No' },
            { value: 1, label: 'Yes' },
          ]
        : meta.options;
    const select = h(
      'select',
      { id, disabled: READ_ONLY_TYPES.has(meta.type) },
      h('option', { value: '' }, '---'),
      ...options.map((o) => h('option', { value: String(o.value) }, o.label)),
    );
    select.addEventListener('change', () => {
      const picked = select.value === '' ? null : Number(select.value);
      record.set(
        meta.logicalName,
        meta.type === 'Boolean' && picked !== null ? picked === 1 : picked,
        'user',
      );
    });
    const show = () => {
      const v = value();
      select.value = v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
    };
    return { element: select, show };
  }
  if (meta.type === 'Memo') {
    const area = h('textarea', { id, rows: '4' });
    area.addEventListener('change', () =>
      record.set(meta.logicalName, area.value === '' ? null : area.value, 'user'),
    );
    const show = () => {
      if (document.activeElement !== area) area.value = toInputText(value(), meta);
    };
    return { element: area, show };
  }
  const input = h('input', {
    id,
    type:
      meta.type === 'DateTime'
        ? meta.format === 'DateOnly'
          ? 'date'
          : 'datetime-local'
        : ['Integer', 'Decimal', 'Double', 'Money'].includes(meta.type)
          ? 'number'
          : 'text',
    readonly: READ_ONLY_TYPES.has(meta.type),
    step: meta.type === 'Money' || meta.type === 'Decimal' ? '0.01' : undefined,
  });
  input.addEventListener('change', () =>
    record.set(meta.logicalName, fromInputText(input.value, meta), 'user'),
  );
  const show = () => {
    if (document.activeElement !== input) input.value = toInputText(value(), meta);
  };
  return { element: input, show };
}

/** `idPrefix` tells two fields of one column apart (the header's `header_` copy). */
export function createField(record: FormRecord, column: string, label: string, idPrefix = ''): HTMLElement {
  const meta = record.columns.get(column);
  const id = `field-${idPrefix}${column}`;
  if (!meta) return h('div', { className: 'field missing' }, `${label || column}: not in this table`);
  const editor = editorFor(record, meta, id);
  editor.show();
  record.onChange((changed) => {
    if (changed.includes(column)) editor.show();
  });
  return h(
    'div',
    { className: 'field', 'data-column': column },
    h('label', { for: id }, label || meta.label),
    editor.element,
  );
}
