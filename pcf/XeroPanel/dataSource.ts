/**
 * Reads what the panel shows through the Web API as the signed-in user, the same rows the relay's
 * snapshotReader reads: the invoice with its lines, customer and currency plus the recent history
 * first; the default connection only when the invoice names none; then the connection, its
 * reference data, defaults, Xero links and the products in parallel. Failures become messages,
 * never exceptions.
 *
 * Rows are read whole: the relay's $select lists (selects.ts) cost 3 KB this bundle does not have,
 * and the snapshot passes extra columns through. The connection is the exception, so the
 * field-secured connect code is never asked for.
 */
import {
  AUDIT_COLUMNS,
  COLUMNS,
  SYSTEM_COLUMNS,
  SYSTEM_NAVIGATION,
  SYSTEM_TABLES,
  TABLES,
} from '../../solution/names';
import { lookupKey } from '../../plugins-proxy/src/domain/lookupKey';
/* eslint-disable @microsoft/power-apps/use-cached-webresource -- a bundled module, not a URL */
import {
  dataverseMessage,
  requestInvoicePush,
  toBareGuid,
  type Fetch,
  type SyncRequestWebApi,
  type SyncTrigger,
} from '../../webresources/scripts/syncRequest';
/* eslint-enable @microsoft/power-apps/use-cached-webresource */
import { eqId, inIds, query } from './query';
import { customerOf, type PanelRows, type Row } from './snapshotFromRows';

/** The slice of context.webAPI the panel uses; tests pass a fake. */
export interface PanelWebApi {
  retrieveRecord(entityType: string, id: string, options?: string): Promise<Row>;
  retrieveMultipleRecords(entityType: string, options?: string): Promise<{ entities: Row[] }>;
  createRecord(entityType: string, data: Row): Promise<{ id: string }>;
  updateRecord(entityType: string, id: string, data: Row): Promise<unknown>;
}

export type PanelLoad =
  | {
      readonly ok: true;
      readonly invoice: Row;
      readonly rows?: PanelRows;
      readonly preflightMessage?: string;
      readonly history: Row[];
    }
  | { readonly ok: false; readonly message: string };

const SC = SYSTEM_COLUMNS;
const NAV = SYSTEM_NAVIGATION.invoice;
const H = COLUMNS.syncHistory;
const T = TABLES;

export const HISTORY_SELECT = [
  T.syncHistory.primaryId,
  H.status,
  H.trigger,
  H.message,
  H.completedOn,
  AUDIT_COLUMNS.createdOn,
];

export const INVOICE_QUERY = query({
  expand: [NAV.details, NAV.customerAccount, NAV.customerContact, NAV.currency],
});

const CC = COLUMNS.connection;
/** The connection columns the mapper reads (domain/snapshot.ts), never the connect code. */
export const CONNECTION_SELECT = [
  T.connection.primaryId,
  CC.name,
  CC.tenantName,
  CC.contactPolicy,
  CC.itemPolicy,
  CC.bundleMode,
  CC.numbering,
  CC.pushStatus,
  CC.emailOnSync,
  CC.lineAmountType,
];

const list = (webApi: PanelWebApi, table: string, options: string) =>
  webApi.retrieveMultipleRecords(table, options).then((r) => r.entities);

export function readHistory(webApi: PanelWebApi, invoiceId: string): Promise<Row[]> {
  const filter = eqId(lookupKey(H.invoiceId), invoiceId);
  return list(
    webApi,
    T.syncHistory.logicalName,
    query({ select: HISTORY_SELECT, filter, orderby: `${AUDIT_COLUMNS.createdOn} desc`, top: 5 }),
  );
}

async function defaultConnectionId(webApi: PanelWebApi): Promise<string | undefined> {
  const filter = `${COLUMNS.connection.isDefault} eq true and ${SC.stateCode} eq 0`;
  const rows = await list(
    webApi,
    T.connection.logicalName,
    query({ select: [T.connection.primaryId], filter, top: 1 }),
  );
  const id = rows[0]?.[T.connection.primaryId];
  return typeof id === 'string' && id ? toBareGuid(id) : undefined;
}

const ids = (values: readonly unknown[]) => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '').map(toBareGuid)),
];

/** The connection, its reference data and defaults, the Xero links and the products: all at once. */
async function readReference(webApi: PanelWebApi, connectionId: string, invoice: Row, customerId: string) {
  const lines = (invoice[NAV.details] as Row[] | undefined) ?? [];
  const productIds = ids(lines.map((l) => l[lookupKey(SC.invoiceDetail.productId)]));
  const ofConnection = eqId(lookupKey(COLUMNS.glCode.connectionId), connectionId);
  const byConnection = (table: string) => list(webApi, table, query({ filter: ofConnection }));
  const [
    connection,
    defaults,
    glCodes,
    taxRates,
    brandingThemes,
    trackingCategories,
    trackingOptions,
    links,
    products,
  ] = await Promise.all([
    webApi.retrieveRecord(T.connection.logicalName, connectionId, query({ select: CONNECTION_SELECT })),
    byConnection(T.defaults.logicalName),
    byConnection(T.glCode.logicalName),
    byConnection(T.taxRate.logicalName),
    byConnection(T.brandingTheme.logicalName),
    byConnection(T.trackingCategory.logicalName),
    byConnection(T.trackingOption.logicalName),
    list(
      webApi,
      T.xeroLink.logicalName,
      query({
        filter: `${ofConnection} and ${inIds(COLUMNS.xeroLink.recordId, [customerId, ...productIds])}`,
      }),
    ),
    productIds.length
      ? list(
          webApi,
          SYSTEM_TABLES.product.logicalName,
          query({ filter: inIds(SYSTEM_TABLES.product.primaryId, productIds) }),
        )
      : [],
  ]);
  return {
    connection,
    defaults: defaults[0] ?? null,
    glCodes,
    taxRates,
    brandingThemes,
    trackingCategories,
    trackingOptions,
    links,
    products,
  };
}

/** Everything the panel shows for one saved invoice. */
export async function loadPanel(webApi: PanelWebApi, invoiceId: string): Promise<PanelLoad> {
  try {
    const id = toBareGuid(invoiceId);
    const [invoice, history] = await Promise.all([
      webApi.retrieveRecord(SYSTEM_TABLES.invoice.logicalName, id, INVOICE_QUERY),
      readHistory(webApi, id),
    ]);
    const label = `Invoice ${String(invoice[SC.invoice.invoiceNumber] ?? invoice[SC.invoice.name] ?? id)}`;
    const customer = customerOf(invoice);
    if (!customer)
      return {
        ok: true,
        invoice,
        history,
        preflightMessage: `${label} has no customer: set Customer to check it for Xero.`,
      };
    const named = invoice[lookupKey(COLUMNS.invoice.connectionId)];
    const connectionId =
      typeof named === 'string' && named ? toBareGuid(named) : await defaultConnectionId(webApi);
    if (!connectionId) {
      const preflightMessage = `${label} names no Xero connection and there is no default connection: set Connection on the invoice.`;
      return { ok: true, invoice, history, preflightMessage };
    }
    const customerId =
      customer[customer.logicalname === SYSTEM_TABLES.account.logicalName ? SC.account.id : SC.contact.id];
    const reference = await readReference(webApi, connectionId, invoice, toBareGuid(String(customerId)));
    return { ok: true, invoice, history, rows: { invoice, ...reference } };
  } catch (error) {
    return { ok: false, message: dataverseMessage(error) };
  }
}

export type SyncOutcome =
  | { readonly ok: true; readonly historyId?: string; readonly warning?: string }
  | { readonly ok: false; readonly message: string };

/** Queues the push and nudges the relay, exactly as the ribbon's Sync to Xero does. */
export async function requestSync(
  webApi: PanelWebApi,
  invoice: { id: string; name: string; connectionId?: string },
  trigger: SyncTrigger,
  fetchImpl?: Fetch,
): Promise<SyncOutcome> {
  try {
    // PCF's webAPI returns Promises where Xrm's returns PromiseLikes; the calls are the same.
    const { historyId, statusWarning } = await requestInvoicePush(
      webApi as unknown as SyncRequestWebApi,
      invoice,
      trigger,
      fetchImpl,
    );
    return { ok: true, historyId, warning: statusWarning };
  } catch (error) {
    return { ok: false, message: dataverseMessage(error) };
  }
}

export const readHistoryRow = (webApi: PanelWebApi, historyId: string): Promise<Row> =>
  webApi.retrieveRecord(T.syncHistory.logicalName, historyId, query({ select: HISTORY_SELECT }));
