/**
 * A table's home page: the view picker over its public views (the one the route names, else the
 * default), the command bar (Refresh, then the grid's ribbon buttons, which see the grid as
 * SelectedControl) and the grid.
 */
import { createCommandBar } from './commandBar';
import { openAlertDialog } from './dialogs';
import { h } from './dom';
import { createGrid, type GridHandle } from './grid';
import { ribbonButtons } from './ribbon';
import type { ShellServices } from './services';
import { publicViews } from './views';

export async function renderListPage(
  main: HTMLElement,
  services: ShellServices,
  entity: string,
  viewId?: string,
): Promise<() => void> {
  const { client } = services;
  const [meta, views, buttons] = await Promise.all([
    client.entity(entity),
    publicViews(client, services.app, entity),
    ribbonButtons(entity, 'HomepageGrid'),
  ]);
  const gridHolder = h('div', { className: 'grid-holder' });
  let grid: GridHandle | undefined;
  const gridControl = {
    refresh: () => void grid?.refresh(),
    getEntityName: () => entity,
    getGrid: () => ({
      getSelectedRows: () => ({
        get: () =>
          (grid?.selectedIds() ?? []).map((id) => ({
            getData: () => ({ getEntity: () => ({ getId: () => `{${id.toUpperCase()}}` }) }),
          })),
        getLength: () => grid?.selectedIds().length ?? 0,
      }),
      getTotalRecordCount: () => grid?.rows().length ?? 0,
    }),
  };
  const selectedIds = () => (grid?.selectedIds() ?? []).map((id) => `{${id.toUpperCase()}}`);
  const commandBar = createCommandBar({
    dataverseUrl: client.config.dataverseUrl,
    builtIns: [{ label: 'Refresh', run: () => grid?.refresh() }],
    buttons,
    crm: (value) =>
      ({
        SelectedControl: gridControl,
        SelectedControlSelectedItemIds: selectedIds(),
        SelectedControlSelectedItemCount: selectedIds().length,
        SelectedEntityTypeName: entity,
        PrimaryEntityTypeName: entity,
      })[value],
    selectedCount: () => grid?.selectedIds().length ?? 0,
    onError: (message) => void openAlertDialog({ title: 'Command failed', text: message }),
  });
  const picker = h(
    'select',
    { 'aria-label': 'View', className: 'view-picker' },
    ...views.map((v, i) => h('option', { value: String(i) }, v.name)),
  );
  const first = Math.max(
    0,
    views.findIndex((v) => v.id.toLowerCase() === viewId?.toLowerCase()),
  );
  picker.value = String(first);
  const show = async (index: number) => {
    grid = createGrid({
      client,
      view: views[index],
      selectable: true,
      label: views[index].name,
      onOpen: (e, id) => services.navigator.openForm(e, id),
      onSelectionChange: () => void commandBar.update(),
    });
    gridHolder.replaceChildren(grid.element);
    await grid.refresh();
  };
  picker.addEventListener('change', () => void show(Number(picker.value)));
  main.append(
    commandBar.element,
    h('header', { className: 'list-header' }, h('h1', {}, meta.label), picker),
    gridHolder,
  );
  await show(first);
  services.onRecordWritten((written) => {
    if (written === entity) void commandBar.update();
  });
  const timer = window.setInterval(() => {
    if ((grid?.selectedIds().length ?? 0) === 0) void grid?.refresh();
  }, 3000);
  return () => window.clearInterval(timer);
}
