/**
 * A record's main form, rendered from its FormXml: the header (record name and table), the
 * command bar (Save, Refresh, then the form's ribbon buttons), form notifications, the tab strip
 * and each tab's sections with fields, sub-grids and hosted PCF controls. While open and unedited,
 * the form re-reads its record every two seconds so the relay's write-back shows up.
 */
import { mountControl } from '../pcf/host';
import { createFormContext, type NotificationLevel } from '../xrm/formContext';
import { FormRecord } from '../xrm/record';
import { createCommandBar } from './commandBar';
import { h } from './dom';
import { createField } from './fields';
import { parseForm, type FormCell, type FormTab } from './formXml';
import { createGrid } from './grid';
import { ribbonButtons } from './ribbon';
import type { ShellServices } from './services';
import { viewById, withCondition } from './views';

const LIVE_REFRESH_MS = 2000;

export async function renderFormPage(
  main: HTMLElement,
  services: ShellServices,
  entity: string,
  id: string,
): Promise<() => void> {
  const { client } = services;
  const [meta, columns, allForms] = await Promise.all([
    client.entity(entity),
    client.columnMap(entity),
    client.list(
      `systemforms?$select=formid,formxml,name&$filter=objecttypecode eq '${entity}' and type eq 2`,
    ),
  ]);
  // The app's form of the table: the Sales invoice form with our tab merged in, for invoices.
  const [form] = services.app.pick(allForms.value, 'formid');
  const { tabs, header } = parseForm(String(form?.formxml ?? '<form><tabs/></form>'));
  const record = new FormRecord(client, meta, columns, id);
  await record.load();

  const notifications = h('div', { className: 'notifications', role: 'status', 'aria-live': 'polite' });
  const shown = new Map<string, HTMLElement>();
  const setNotification = (key: string, message: string, level: NotificationLevel) => {
    shown.get(key)?.remove();
    const note = h('div', { className: `notification ${level.toLowerCase()}`, 'data-id': key }, message);
    shown.set(key, note);
    notifications.append(note);
  };
  const clearNotification = (key: string) => {
    shown.get(key)?.remove();
    shown.delete(key);
  };
  const tabButtons = new Map<string, HTMLButtonElement>();
  const tabPanels = new Map<string, HTMLElement>();
  const focusTab = (name: string) => {
    for (const [n, b] of tabButtons) b.setAttribute('aria-selected', String(n === name));
    for (const [n, p] of tabPanels) p.hidden = n !== name;
  };
  let commandBarUpdate = () => Promise.resolve();
  const formContext = createFormContext(record, {
    setNotification,
    clearNotification,
    afterDataChange: () => void commandBarUpdate(),
    setTabVisible: (name, visible) => {
      const button = tabButtons.get(name);
      if (button) button.hidden = !visible;
    },
    focusTab,
    tabNames: () => tabs.map((t) => t.name),
  });
  const commandBar = createCommandBar({
    dataverseUrl: client.config.dataverseUrl,
    builtIns: [
      { label: 'Save', run: () => formContext.data.save() },
      { label: 'Refresh', run: () => formContext.data.refresh(false) },
    ],
    buttons: await ribbonButtons(entity, 'Form'),
    crm: (value) => {
      if (value === 'PrimaryControl') return formContext;
      if (value === 'PrimaryEntityTypeName') return entity;
      if (value === 'FirstPrimaryItemId' || value === 'PrimaryItemIds')
        return value === 'PrimaryItemIds'
          ? [formContext.data.entity.getId()]
          : formContext.data.entity.getId();
      return undefined;
    },
    selectedCount: () => 0,
    onError: (message) => setNotification('shell', message, 'ERROR'),
  });
  commandBarUpdate = commandBar.update;
  record.onChange(() => void commandBar.update());

  const subgridRefreshers: { entity: string; refresh: () => Promise<void> }[] = [];
  const hosted: { destroy(): void }[] = [];
  const renderCell = (cell: FormCell): HTMLElement => {
    if (cell.kind === 'field') return createField(record, cell.column, cell.label);
    if (cell.kind === 'control') {
      const container = h('div', { className: 'pcf-host', 'data-control': cell.control });
      const wrapper = h(
        'div',
        { className: 'field control' },
        h('span', { className: 'label' }, cell.label || columns.get(cell.column)?.label || ''),
        container,
      );
      mountControl(container, cell.control, cell.bindings, {
        record,
        client,
        webApi: services.webApi,
        navigator: services.navigator,
        label: cell.label,
      }).then(
        (control) => hosted.push(control),
        (error: unknown) => {
          container.textContent = `The control ${cell.control} could not load: ${String(error)}`;
          wrapper.append(createField(record, cell.column, cell.label));
        },
      );
      return wrapper;
    }
    const holder = h('div', { className: 'subgrid', 'data-subgrid': cell.id }, h('h4', {}, cell.label));
    void (async () => {
      const view = await viewById(client, cell.viewId);
      const targetColumns = await client.columnMap(cell.targetEntity);
      const lookup = [...targetColumns.values()].find(
        (c) => c.type === 'Lookup' && c.targets.includes(entity),
      );
      const grid = createGrid({
        client,
        view,
        fetchXml: lookup ? withCondition(view.fetchXml, lookup.logicalName, record.id) : view.fetchXml,
        selectable: false,
        label: cell.label,
        onOpen: (e, rowId) => services.navigator.openForm(e, rowId),
      });
      holder.append(grid.element);
      await grid.refresh();
      subgridRefreshers.push({ entity: cell.targetEntity, refresh: grid.refresh });
    })();
    return holder;
  };
  const renderTab = (tab: FormTab) =>
    h(
      'div',
      { className: 'tab-panel', role: 'tabpanel', 'data-tab': tab.name },
      ...tab.sections.map((section) =>
        h(
          'section',
          { className: 'form-section', 'data-section': section.name },
          section.showLabel ? h('h3', {}, section.label) : null,
          ...section.cells.map(renderCell),
        ),
      ),
    );
  const strip = h('div', { className: 'tab-strip', role: 'tablist' });
  for (const tab of tabs) {
    const button = h('button', { type: 'button', role: 'tab', onClick: () => focusTab(tab.name) }, tab.label);
    tabButtons.set(tab.name, button);
    tabPanels.set(tab.name, renderTab(tab));
    strip.append(button);
  }
  const title = h(
    'h1',
    { className: 'record-title' },
    // A saved row without a name (an invoice product line) is titled by its table, as in Dynamics.
    String(record.get(meta.primaryName) ?? '') || (record.id ? meta.label : `New ${meta.label}`),
  );
  record.onChange((changed) => {
    if (changed.includes(meta.primaryName)) title.textContent = String(record.get(meta.primaryName) ?? '');
  });
  main.append(
    commandBar.element,
    h(
      'header',
      { className: 'record-header' },
      title,
      h('div', { className: 'record-type' }, `${meta.label} · ${String(form?.name ?? 'Information')}`),
      header.length
        ? h(
            'div',
            { className: 'record-header-fields' },
            ...header.map((cell) => createField(record, cell.column, cell.label, 'header_')),
          )
        : null,
    ),
    notifications,
    strip,
    ...tabPanels.values(),
  );
  if (tabs[0]) focusTab(tabs[0].name);
  await commandBar.update();

  services.onRecordWritten((written) => {
    for (const s of subgridRefreshers) if (s.entity === written) void s.refresh();
  });
  let lastModified = String(record.get('modifiedon') ?? '');
  const timer = window.setInterval(() => {
    if (record.isDirty() || !record.id) return;
    void record.load().then(
      () => {
        const modified = String(record.get('modifiedon') ?? '');
        if (modified !== lastModified) {
          lastModified = modified;
          for (const s of subgridRefreshers) void s.refresh();
        }
      },
      () => undefined,
    );
  }, LIVE_REFRESH_MS);
  return () => {
    window.clearInterval(timer);
    for (const control of hosted) control.destroy();
  };
}
