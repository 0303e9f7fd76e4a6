/// <reference types="xrm" />
/**
 * A small in-memory Xrm for web resource tests: a Web API over a record store with the
 * `{ entityType, id }` create results of the real one, a form context with attributes and
 * notifications, and Navigation dialogs that answer as the test says.
 */
import { randomUUID } from 'node:crypto';
import { COMPONENTS, ENVIRONMENT_VARIABLE_TABLES } from '../../solution/names';

type Row = Record<string, unknown>;
type Operation = 'createRecord' | 'updateRecord' | 'retrieveRecord' | 'retrieveMultipleRecords';

/** The shape Xrm.WebApi rejects with. */
export interface FakeWebApiError {
  readonly errorCode: number;
  readonly message: string;
}

interface Failure {
  readonly operation: Operation;
  readonly entity: string;
  readonly when: (id: string | undefined, data: Row | undefined) => boolean;
  readonly error: FakeWebApiError;
}

export class FakeWebApi {
  readonly tables = new Map<string, Map<string, Row>>();
  readonly calls: { operation: Operation; entity: string; id?: string; data?: Row }[] = [];
  private readonly failures: Failure[] = [];

  /** Makes every matching call reject with Dataverse's error shape. */
  failOn(operation: Operation, entity: string, message: string, when: Failure['when'] = () => true): this {
    this.failures.push({ operation, entity, when, error: { errorCode: -2147220891, message } });
    return this;
  }

  seed(entity: string, id: string, row: Row): this {
    this.table(entity).set(id, { ...row });
    return this;
  }

  rows(entity: string): Row[] {
    return [...this.table(entity).values()];
  }

  row(entity: string, id: string): Row | undefined {
    return this.table(entity).get(id);
  }

  async createRecord(entity: string, data: Row): Promise<Xrm.CreateResponse> {
    this.record('createRecord', entity, undefined, data);
    const id = randomUUID();
    this.table(entity).set(id, { ...data });
    return { entityType: entity, id };
  }

  async updateRecord(entity: string, id: string, data: Row): Promise<Xrm.UpdateResponse> {
    this.record('updateRecord', entity, id, data);
    const existing = this.existing(entity, id);
    this.table(entity).set(id, { ...existing, ...data });
    return { entityType: entity, id };
  }

  async retrieveRecord(entity: string, id: string, options?: string): Promise<Row> {
    this.record('retrieveRecord', entity, id, undefined);
    const existing = this.existing(entity, id);
    const select = /\$select=([^&]+)/.exec(options ?? '')?.[1]?.split(',');
    if (!select) return { ...existing };
    return Object.fromEntries(select.map((column) => [column, existing[column] ?? null]));
  }

  /** Supports the one filter shape the scripts use: `$filter=<column> eq '<text>'`. */
  async retrieveMultipleRecords(
    entity: string,
    options?: string,
  ): Promise<{ entities: Row[]; nextLink: string }> {
    this.record('retrieveMultipleRecords', entity, undefined, undefined);
    const filter = /\$filter=(\w+) eq '([^']*)'/.exec(options ?? '');
    const rows = this.rows(entity).filter((row) => !filter || row[filter[1]] === filter[2]);
    return { entities: rows.map((row) => ({ ...row })), nextLink: '' };
  }

  private record(operation: Operation, entity: string, id: string | undefined, data: Row | undefined): void {
    this.calls.push({ operation, entity, id, data });
    const failure = this.failures.find(
      (f) => f.operation === operation && f.entity === entity && f.when(id, data),
    );
    if (failure) throw failure.error;
  }

  private existing(entity: string, id: string): Row {
    const found = this.table(entity).get(id);
    if (!found) throw { errorCode: -2147220969, message: `${entity} With Id = ${id} Does Not Exist` };
    return found;
  }

  private table(entity: string): Map<string, Row> {
    let rows = this.tables.get(entity);
    if (!rows) this.tables.set(entity, (rows = new Map()));
    return rows;
  }
}

export interface FakeNotification {
  readonly message: string;
  readonly level: Xrm.FormNotificationLevel;
}

export interface FakeForm {
  readonly formContext: Xrm.FormContext;
  readonly notifications: Map<string, FakeNotification>;
  readonly attributes: Map<string, unknown>;
  readonly refreshes: boolean[];
  saves: number;
}

/** A form for one record: `id` empty means a new, unsaved record. */
export function fakeForm(options: {
  id: string;
  attributes?: Record<string, unknown>;
  dirty?: boolean;
}): FakeForm {
  let id = options.id;
  let dirty = options.dirty ?? false;
  const form: FakeForm = {
    notifications: new Map(),
    attributes: new Map(Object.entries(options.attributes ?? {})),
    refreshes: [],
    saves: 0,
    formContext: undefined as unknown as Xrm.FormContext,
  };
  const attribute = (name: string) =>
    form.attributes.has(name)
      ? { getName: () => name, getValue: () => form.attributes.get(name) ?? null }
      : null;
  const formContext = {
    data: {
      entity: {
        getId: () => (id ? `{${id.toUpperCase()}}` : ''),
        getIsDirty: () => dirty,
      },
      save: async () => {
        form.saves += 1;
        dirty = false;
        if (!id) id = randomUUID();
      },
      refresh: async (save: boolean) => {
        form.refreshes.push(save);
      },
    },
    getAttribute: attribute,
    ui: {
      setFormNotification: (message: string, level: Xrm.FormNotificationLevel, uniqueId: string) => {
        form.notifications.set(uniqueId, { message, level });
        return true;
      },
      clearFormNotification: (uniqueId: string) => form.notifications.delete(uniqueId),
    },
  };
  return Object.assign(form, { formContext: formContext as unknown as Xrm.FormContext });
}

export interface FakeNavigation {
  readonly confirms: Xrm.Navigation.ConfirmStrings[];
  readonly alerts: Xrm.Navigation.AlertStrings[];
  /** Each opened URL, with how many Web API calls had been made when it opened. */
  readonly opened: { url: string; options?: Xrm.Navigation.DialogSizeOptions; callsBefore: number }[];
  confirmAnswer: boolean;
}

export interface FakeXrm {
  readonly webApi: FakeWebApi;
  readonly navigation: FakeNavigation;
}

/** Installs `Xrm` as the global the web resources call; remove it with uninstallFakeXrm. */
export function installFakeXrm(webApi = new FakeWebApi()): FakeXrm {
  const navigation: FakeNavigation = { confirms: [], alerts: [], opened: [], confirmAnswer: true };
  const xrm = {
    WebApi: webApi,
    Navigation: {
      openConfirmDialog: async (strings: Xrm.Navigation.ConfirmStrings) => {
        navigation.confirms.push(strings);
        return { confirmed: navigation.confirmAnswer };
      },
      openAlertDialog: async (strings: Xrm.Navigation.AlertStrings) => {
        navigation.alerts.push(strings);
      },
      openUrl: (url: string, options?: Xrm.Navigation.DialogSizeOptions) => {
        navigation.opened.push({ url, options, callsBefore: webApi.calls.length });
      },
    },
  };
  (globalThis as unknown as { Xrm: unknown }).Xrm = xrm;
  return { webApi, navigation };
}

export function uninstallFakeXrm(): void {
  delete (globalThis as unknown as { Xrm?: unknown }).Xrm;
}

/** A grid control that counts refreshes. */
export function fakeGrid(): { grid: Xrm.Controls.GridControl; refreshes: () => number } {
  let count = 0;
  const grid = { refresh: () => void (count += 1) };
  return { grid: grid as unknown as Xrm.Controls.GridControl, refreshes: () => count };
}

/** Seeds the stl_RelayUrl definition, with a current value when `value` is given. */
export function seedRelayUrl(
  webApi: FakeWebApi,
  options: { value?: string; defaultValue?: string },
): FakeWebApi {
  const definition = ENVIRONMENT_VARIABLE_TABLES.definition;
  const values =
    options.value === undefined ? [] : [{ [ENVIRONMENT_VARIABLE_TABLES.value.value]: options.value }];
  return webApi.seed(definition.logicalName, randomUUID(), {
    [definition.schemaName]: COMPONENTS.relayUrlVariable,
    [definition.defaultValue]: options.defaultValue ?? null,
    [definition.values]: values,
  });
}

export interface FakeRelayCall {
  readonly url: string;
  readonly init: { method?: string; headers?: Record<string, string>; body?: string };
}

/** Replaces the global fetch with one that answers like the relay; restore it with the returned function. */
export function installFakeFetch(answer: { status: number; body: unknown } | Error): {
  calls: FakeRelayCall[];
  restore: () => void;
} {
  const original = globalThis.fetch;
  const calls: FakeRelayCall[] = [];
  globalThis.fetch = (async (url: string, init: FakeRelayCall['init']) => {
    calls.push({ url, init });
    if (answer instanceof Error) throw answer;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return { ok: answer.status >= 200 && answer.status < 300, status: answer.status, text: async () => text };
  }) as unknown as typeof fetch;
  return { calls, restore: () => void (globalThis.fetch = original) };
}
