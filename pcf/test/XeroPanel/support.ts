/**
 * Shared test support for the Xero panel: Web API rows made from the domain's snapshot fixtures
 * (so the panel is tested on the data the mapper's own tests use), a fake context.webAPI that
 * records every request, and the panel's mock PCF context with the real resx strings.
 */
import * as path from 'node:path';
import {
  COLUMNS,
  ENVIRONMENT_VARIABLE_TABLES,
  SYSTEM_NAVIGATION,
  SYSTEM_TABLES,
  TABLES,
  COMPONENTS,
} from '../../../solution/names';
import type { InvoiceSnapshot } from '../../../plugins-proxy/src/domain/snapshot';
import type { PanelWebApi } from '../../XeroPanel/dataSource';
import type { PanelRows } from '../../XeroPanel/snapshotFromRows';
import type { Formatters } from '../../XeroPanel/mapping';
import type { StringKey } from '../../XeroPanel/ManifestConstants';
import { resxStrings } from '../mockContext';

export type Row = Record<string, unknown>;

const NAV = SYSTEM_NAVIGATION.invoice;

/** The rows the Web API gives for a snapshot: the customer and currency expanded on the invoice, with annotations. */
export function rowsFor(snapshot: InvoiceSnapshot): PanelRows {
  const { logicalname, ...customer } = snapshot.customer as Row;
  const isAccount = logicalname === SYSTEM_TABLES.account.logicalName;
  return {
    invoice: {
      '@odata.etag': 'W/"1001"',
      ...snapshot.invoice,
      [`${COLUMNS.invoice.documentType}@OData.Community.Display.V1.FormattedValue`]: 'Sales Invoice',
      [NAV.customerAccount]: isAccount ? customer : null,
      [NAV.customerContact]: isAccount ? null : customer,
      [NAV.currency]: snapshot.currency,
    },
    connection: { '@odata.etag': 'W/"7"', ...snapshot.connection },
    defaults: snapshot.defaults,
    products: snapshot.products,
    glCodes: snapshot.glCodes,
    taxRates: snapshot.taxRates,
    brandingThemes: snapshot.brandingThemes,
    trackingCategories: snapshot.trackingCategories,
    trackingOptions: snapshot.trackingOptions,
    links: [],
  };
}

export interface Call {
  readonly method: 'retrieveRecord' | 'retrieveMultipleRecords' | 'createRecord' | 'updateRecord';
  readonly entity: string;
  readonly id?: string;
  readonly options?: string;
  readonly data?: Row;
}

export const RELAY_URL = 'http://127.0.0.1:7071';
export const HISTORY_ID = '5f0c0000-0000-4000-8000-000000000abc';

/** An in-memory context.webAPI over one invoice's rows; `historyReads` are the statuses a polled row goes through. */
export class FakePanelWebApi implements PanelWebApi {
  readonly calls: Call[] = [];
  readonly tables = new Map<string, Row[]>();
  history: Row[] = [];
  historyReads: Row[] = [];
  failWith?: { message: string };
  defaultConnection?: Row;

  constructor(private readonly rows: PanelRows) {
    const T = TABLES;
    this.tables.set(T.defaults.logicalName, rows.defaults ? [rows.defaults] : []);
    this.tables.set(T.glCode.logicalName, [...rows.glCodes]);
    this.tables.set(T.taxRate.logicalName, [...rows.taxRates]);
    this.tables.set(T.brandingTheme.logicalName, [...rows.brandingThemes]);
    this.tables.set(T.trackingCategory.logicalName, [...rows.trackingCategories]);
    this.tables.set(T.trackingOption.logicalName, [...rows.trackingOptions]);
    this.tables.set(T.xeroLink.logicalName, [...rows.links]);
    this.tables.set(SYSTEM_TABLES.product.logicalName, [...rows.products]);
    this.tables.set(ENVIRONMENT_VARIABLE_TABLES.definition.logicalName, [
      {
        [ENVIRONMENT_VARIABLE_TABLES.definition.schemaName]: COMPONENTS.relayUrlVariable,
        [ENVIRONMENT_VARIABLE_TABLES.definition.defaultValue]: RELAY_URL,
      },
    ]);
  }

  private answer<T>(value: T): Promise<T> {
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(value);
  }

  retrieveRecord(entity: string, id: string, options?: string): Promise<Row> {
    this.calls.push({ method: 'retrieveRecord', entity, id, options });
    if (entity === SYSTEM_TABLES.invoice.logicalName) return this.answer(this.rows.invoice);
    if (entity === TABLES.connection.logicalName) return this.answer(this.rows.connection);
    if (entity === TABLES.syncHistory.logicalName) {
      const next = this.historyReads.length > 1 ? this.historyReads.shift() : this.historyReads[0];
      return this.answer({ [TABLES.syncHistory.primaryId]: id, ...next });
    }
    return Promise.reject({ message: `No ${entity} with id ${id}` });
  }

  retrieveMultipleRecords(entity: string, options?: string): Promise<{ entities: Row[] }> {
    this.calls.push({ method: 'retrieveMultipleRecords', entity, options });
    if (entity === TABLES.syncHistory.logicalName) return this.answer({ entities: this.history });
    if (entity === TABLES.connection.logicalName)
      return this.answer({ entities: this.defaultConnection ? [this.defaultConnection] : [] });
    return this.answer({ entities: this.tables.get(entity) ?? [] });
  }

  createRecord(entity: string, data: Row): Promise<{ id: string }> {
    this.calls.push({ method: 'createRecord', entity, data });
    return this.answer({ id: HISTORY_ID });
  }

  updateRecord(entity: string, id: string, data: Row): Promise<unknown> {
    this.calls.push({ method: 'updateRecord', entity, id, data });
    return this.answer({ id });
  }

  /** Calls made so far, as `method entity` strings. */
  summary(): string[] {
    return this.calls.map((c) => `${c.method} ${c.entity}`);
  }
}

const PANEL_RESX = path.join(__dirname, '..', '..', 'XeroPanel', 'strings', 'XeroPanel.1033.resx');

/** The resx strings; a key the file lacks throws, so a missing string fails the test. */
export function panelText(): (key: StringKey) => string {
  const strings = resxStrings(PANEL_RESX);
  return (key) => {
    const value = strings.get(key);
    if (value === undefined) throw new Error(`XeroPanel.1033.resx has no string ${key}`);
    return value;
  };
}

/** Deterministic formatting: money with 2 decimals, times as ISO without seconds. */
export function testFormatters(): Formatters {
  return {
    text: panelText(),
    money: (value) => value.toFixed(2),
    dateTime: (value) => value.toISOString().slice(0, 16).replace('T', ' '),
  };
}
