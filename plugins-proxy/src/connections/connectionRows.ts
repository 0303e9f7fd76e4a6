/**
 * The Dataverse side of a connection: the OAuth `ConnectionRows` port over `stl_connection`, plus the
 * reads of the health keeper and the schedulers (the health columns, the Connected rows).
 */
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
import type { DataverseClient } from '../adapters/dataverse/client';
import { and, eq, guid, keySegment, ne } from '../adapters/dataverse/odata';
import type { ConnectionPatch, ConnectionRow, ConnectionRows } from '../oauth/ports';

const C = COLUMNS.connection;
const ID = TABLES.connection.primaryId;
const STATUS = CHOICES.connectionStatus.values;

type Row = Record<string, unknown>;

/** The health columns as they are on the row. */
export interface ConnectionHealthRow {
  readonly id: string;
  readonly name: string | null;
  readonly tenantId: string | null;
  readonly status: number | null;
  readonly refreshDeadline: string | null;
  readonly lastRefreshOn: string | null;
  readonly dailyCallsLeft: number | null;
  readonly lastError: string | null;
  readonly lastPaymentPullOn: string | null;
}

const ROW_COLUMNS = [C.name, C.connectNonce, C.connectNonceIssuedOn, C.tenantId, C.status];
const HEALTH_COLUMNS = [
  C.name,
  C.tenantId,
  C.status,
  C.refreshDeadline,
  C.lastRefreshOn,
  C.dailyCallsLeft,
  C.lastError,
  C.lastPaymentPullOn,
];

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const whole = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const date = (value: unknown): Date | null => (text(value) ? new Date(String(value)) : null);

function toConnectionRow(row: Row): ConnectionRow {
  return {
    id: String(row[ID]).toLowerCase(),
    name: text(row[C.name]),
    nonce: text(row[C.connectNonce]),
    nonceIssuedOn: date(row[C.connectNonceIssuedOn]),
    tenantId: text(row[C.tenantId]),
    status: whole(row[C.status]),
  };
}

function toHealthRow(row: Row): ConnectionHealthRow {
  return {
    id: String(row[ID]).toLowerCase(),
    name: text(row[C.name]),
    tenantId: text(row[C.tenantId]),
    status: whole(row[C.status]),
    refreshDeadline: text(row[C.refreshDeadline]),
    lastRefreshOn: text(row[C.lastRefreshOn]),
    dailyCallsLeft: whole(row[C.dailyCallsLeft]),
    lastError: text(row[C.lastError]),
    lastPaymentPullOn: text(row[C.lastPaymentPullOn]),
  };
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/** ConnectionPatch → the row's columns; only the fields present are written. */
export function connectionPatchBody(patch: ConnectionPatch): Row {
  const body: Row = {};
  if (patch.nonce !== undefined) body[C.connectNonce] = patch.nonce;
  if (patch.nonceIssuedOn !== undefined) body[C.connectNonceIssuedOn] = patch.nonceIssuedOn;
  if (patch.tenantId !== undefined) body[C.tenantId] = patch.tenantId;
  if (patch.tenantName !== undefined) body[C.tenantName] = patch.tenantName;
  if (patch.status !== undefined) body[C.status] = patch.status;
  if (patch.refreshDeadline !== undefined) body[C.refreshDeadline] = iso(patch.refreshDeadline);
  if (patch.lastRefreshOn !== undefined) body[C.lastRefreshOn] = iso(patch.lastRefreshOn);
  if (patch.lastError !== undefined) body[C.lastError] = patch.lastError;
  return body;
}

export class DataverseConnectionRows implements ConnectionRows {
  constructor(private readonly client: DataverseClient) {}

  async getConnection(id: string): Promise<ConnectionRow | null> {
    const row = await this.client.get<Row>(keySegment(TABLES.connection, id), { select: ROW_COLUMNS });
    return row ? toConnectionRow(row) : null;
  }

  async updateConnection(id: string, patch: ConnectionPatch): Promise<void> {
    const body = connectionPatchBody(patch);
    if (Object.keys(body).length === 0) return;
    await this.client.update(keySegment(TABLES.connection, id), body);
  }

  /** Writes any columns of the row (the health keeper's own columns beyond ConnectionPatch). */
  async updateColumns(id: string, body: Row): Promise<void> {
    await this.client.update(keySegment(TABLES.connection, id), body);
  }

  async findConnectionByTenant(tenantId: string, exceptConnectionId: string): Promise<ConnectionRow | null> {
    const rows = await this.client.query<Row>(TABLES.connection.entitySet, {
      select: ROW_COLUMNS,
      filter: and(
        eq(C.tenantId, tenantId),
        ne(C.status, STATUS.disconnected),
        ne(ID, guid(exceptConnectionId)),
      ),
      top: 1,
    });
    return rows[0] ? toConnectionRow(rows[0]) : null;
  }

  async getHealth(id: string): Promise<ConnectionHealthRow | null> {
    const row = await this.client.get<Row>(keySegment(TABLES.connection, id), { select: HEALTH_COLUMNS });
    return row ? toHealthRow(row) : null;
  }

  /** Rows that are Connected to a Xero organisation: the ones the schedules work for. */
  async listConnected(): Promise<ConnectionHealthRow[]> {
    const rows = await this.client.query<Row>(TABLES.connection.entitySet, {
      select: HEALTH_COLUMNS,
      filter: eq(C.status, STATUS.connected),
    });
    return rows.map(toHealthRow).filter((row) => row.tenantId !== null);
  }
}
