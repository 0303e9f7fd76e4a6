/**
 * A view rendered as a grid: the layoutxml's columns with their labels from the model, rows from
 * the view's fetchxml, a selection column, and the primary column as the link that opens the row.
 * The grid exposes the parts of Xrm's GridControl the ribbon scripts use (refresh, selection).
 */
import { type DataverseClient, displayValue, type Row } from './dataverse';
import { clear, h } from './dom';
import { runView, type ViewDefinition } from './views';

export interface GridOptions {
  client: DataverseClient;
  view: ViewDefinition;
  /** The fetchxml to run; default the view's (a sub-grid adds its relationship condition). */
  fetchXml?: string;
  selectable: boolean;
  label: string;
  onOpen(entity: string, id: string): void;
  onSelectionChange?(): void;
}

export interface GridHandle {
  element: HTMLElement;
  refresh(): Promise<void>;
  selectedIds(): string[];
  rows(): Row[];
}

export function createGrid(options: GridOptions): GridHandle {
  const { client, view } = options;
  const element = h('div', { className: 'grid', role: 'region', 'aria-label': options.label });
  const selected = new Set<string>();
  let rows: Row[] = [];

  async function render(): Promise<void> {
    const [meta, columns] = await Promise.all([client.entity(view.entity), client.columnMap(view.entity)]);
    rows = await runView(client, view, options.fetchXml);
    const header = h(
      'tr',
      {},
      options.selectable ? h('th', { className: 'select' }) : null,
      ...view.columns.map((c) =>
        h('th', { style: `width:${c.width}px`, scope: 'col' }, columns.get(c.name)?.label ?? c.name),
      ),
    );
    const body = rows.map((row) => {
      const id = String(row[meta.primaryId]);
      const cells = view.columns.map((c, index) => {
        const text = displayValue(row, c.name);
        const isLink =
          c.name === meta.primaryName ||
          (index === 0 && !view.columns.some((x) => x.name === meta.primaryName));
        return h(
          'td',
          { 'data-column': c.name },
          isLink
            ? h(
                'a',
                {
                  href: `#/form/${view.entity}/${id}`,
                  onClick: (e: Event) => (e.preventDefault(), options.onOpen(view.entity, id)),
                },
                text || '(no name)',
              )
            : text,
        );
      });
      const box = options.selectable
        ? h(
            'td',
            { className: 'select' },
            h('input', {
              type: 'checkbox',
              'aria-label': `Select ${displayValue(row, meta.primaryName) || id}`,
              checked: selected.has(id),
              onChange: (e: Event) => {
                if ((e.target as HTMLInputElement).checked) selected.add(id);
                else selected.delete(id);
                options.onSelectionChange?.();
              },
            }),
          )
        : null;
      return h('tr', { 'data-id': id }, box, ...cells);
    });
    clear(element);
    element.append(
      h(
        'table',
        {},
        h('thead', {}, header),
        h(
          'tbody',
          {},
          ...(body.length
            ? body
            : [
                h(
                  'tr',
                  {},
                  h(
                    'td',
                    { colspan: String(view.columns.length + 1), className: 'empty' },
                    'No data available.',
                  ),
                ),
              ]),
        ),
      ),
    );
  }

  return {
    element,
    refresh: async () => {
      selected.clear();
      await render();
      options.onSelectionChange?.();
    },
    selectedIds: () => [...selected],
    rows: () => rows,
  };
}
