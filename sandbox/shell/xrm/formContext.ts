/**
 * Xrm's form context over a FormRecord: attributes (getValue/setValue/getIsDirty/addOnChange…),
 * controls, tabs, form notifications, data.entity (getId as "{GUID}", getEntityName, getIsDirty,
 * save) and data.save/refresh. Only what ribbon and form scripts call on a form; the rest of the
 * surface is left out on purpose rather than faked.
 */
import type { FormRecord, FieldValue } from './record';
import { XRM_ATTRIBUTE_TYPES } from './record';

export type NotificationLevel = 'ERROR' | 'WARNING' | 'INFO';

export interface FormUiHost {
  setNotification(id: string, message: string, level: NotificationLevel): void;
  clearNotification(id: string): void;
  /** Called after data.save/refresh so the command bar and controls re-read the record. */
  afterDataChange(): void;
  setTabVisible(name: string, visible: boolean): void;
  focusTab(name: string): void;
  tabNames(): string[];
}

export function createFormContext(record: FormRecord, host: FormUiHost) {
  const handlers = new Map<string, ((ctx: unknown) => void)[]>();
  const attribute = (name: string) => {
    const meta = record.columns.get(name);
    if (!meta) return null;
    const self = {
      getName: () => name,
      getValue: () => record.get(name),
      setValue: (value: FieldValue) => record.set(name, value ?? null, 'script'),
      getIsDirty: () => record.isDirty(name),
      getAttributeType: () => XRM_ATTRIBUTE_TYPES[meta.type] ?? 'string',
      getFormat: () => null,
      getText: () => meta.options.find((o) => o.value === record.get(name))?.label ?? null,
      getOptions: () => meta.options.map((o) => ({ value: o.value, text: o.label })),
      getRequiredLevel: () => 'none',
      setRequiredLevel: () => undefined,
      setSubmitMode: () => undefined,
      addOnChange: (handler: (ctx: unknown) => void) =>
        handlers.set(name, [...(handlers.get(name) ?? []), handler]),
      removeOnChange: (handler: (ctx: unknown) => void) =>
        handlers.set(
          name,
          (handlers.get(name) ?? []).filter((h) => h !== handler),
        ),
      fireOnChange: () => {
        for (const handler of handlers.get(name) ?? []) handler({ getFormContext: () => formContext });
      },
      controls: { get: () => [control(name)] },
    };
    return self;
  };
  const control = (name: string) => ({
    getName: () => name,
    getAttribute: () => attribute(name),
    getVisible: () => true,
    setVisible: () => undefined,
    getDisabled: () => false,
    setDisabled: () => undefined,
    setNotification: (message: string, id?: string) => host.setNotification(id ?? name, message, 'ERROR'),
    clearNotification: (id?: string) => host.clearNotification(id ?? name),
    getLabel: () => record.columns.get(name)?.label ?? name,
  });
  const tab = (name: string) => ({
    getName: () => name,
    setVisible: (visible: boolean) => host.setTabVisible(name, visible),
    setFocus: () => host.focusTab(name),
    setDisplayState: () => undefined,
  });
  record.onChange((changed, reason) => {
    if (reason === 'user') for (const name of changed) attribute(name)?.fireOnChange();
  });
  const save = async () => {
    await record.save();
    host.afterDataChange();
  };
  const refresh = async (saveFirst?: boolean) => {
    if (saveFirst) await record.save();
    else await record.load();
    host.afterDataChange();
  };
  const formContext = {
    getAttribute: (name?: string) =>
      name === undefined ? [...record.columns.keys()].map(attribute) : attribute(name),
    getControl: (name: string) => (record.columns.has(name) ? control(name) : null),
    ui: {
      setFormNotification: (message: string, level: NotificationLevel, id: string) => {
        host.setNotification(id, message, level);
        return true;
      },
      clearFormNotification: (id: string) => {
        host.clearNotification(id);
        return true;
      },
      getFormType: () => (record.id ? 2 : 1),
      refreshRibbon: () => host.afterDataChange(),
      tabs: { get: (name?: string) => (name === undefined ? host.tabNames().map(tab) : tab(name)) },
      controls: { get: (name: string) => control(name) },
    },
    data: {
      save,
      refresh,
      getIsDirty: () => record.isDirty(),
      entity: {
        getId: () => (record.id ? `{${record.id.toUpperCase()}}` : ''),
        getEntityName: () => record.entity.logicalName,
        getEntityReference: () => ({
          id: `{${record.id.toUpperCase()}}`,
          entityType: record.entity.logicalName,
          name: String(record.get(record.entity.primaryName) ?? ''),
        }),
        getPrimaryAttributeValue: () => record.get(record.entity.primaryName),
        getIsDirty: () => record.isDirty(),
        save,
        attributes: { get: (name: string) => attribute(name) },
      },
    },
  };
  return formContext;
}
