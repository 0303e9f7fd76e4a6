/**
 * The browser's Dataverse Web API client (fetch against the emulator, as the signed-in user) and
 * the metadata it needs: entity sets, primary columns, column types, labels and choices from
 * EntityDefinitions. One instance per page; metadata is cached.
 */
import { dateOnlyColumns } from './dateFormats';

export type Row = Record<string, unknown>;

export interface ShellConfig {
  /** The unique name of the app the shell shows. */
  app: string;
  dataverseUrl: string;
  xeroUrl: string;
  relayUrl: string;
  token: string;
  controls: string[];
}

export class DataverseRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface EntityMeta {
  logicalName: string;
  entitySet: string;
  primaryId: string;
  primaryName: string;
  label: string;
}

export interface ColumnMeta {
  logicalName: string;
  type: string;
  label: string;
  options: { value: number; label: string }[];
  targets: string[];
  /** For DateTime columns: a date, or a date and a time. */
  format?: 'DateOnly' | 'DateAndTime';
}

const ANNOTATIONS = 'odata.include-annotations="*"';

export class DataverseClient {
  private entities: Promise<Map<string, EntityMeta>> | undefined;
  private readonly columns = new Map<string, Promise<Map<string, ColumnMeta>>>();

  constructor(readonly config: ShellConfig) {}

  get apiRoot(): string {
    return `${this.config.dataverseUrl}/api/data/v9.2/`;
  }

  async request(method: string, path: string, body?: unknown, prefer?: string): Promise<Response> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.config.token}`,
      Accept: 'application/json',
      'OData-Version': '4.0',
      Prefer: prefer ?? ANNOTATIONS,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const reply = await fetch(this.apiRoot + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!reply.ok) {
      const text = await reply.text();
      let error: { code?: string; message?: string } = {};
      try {
        error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
      } catch {
        error = { message: text };
      }
      const code = error.code ?? '';
      throw new DataverseRequestError(
        error.message || `HTTP ${reply.status}`,
        reply.status,
        code.startsWith('0x') ? parseInt(code, 16) : reply.status,
        code,
      );
    }
    return reply;
  }

  async get(path: string): Promise<Row> {
    return (await (await this.request('GET', path)).json()) as Row;
  }

  async list(path: string): Promise<{ value: Row[]; nextLink?: string }> {
    const body = (await this.get(path)) as { value: Row[]; '@odata.nextLink'?: string };
    return { value: body.value, nextLink: body['@odata.nextLink'] };
  }

  /** Creates a row; returns its id from the OData-EntityId header. */
  async create(entitySet: string, data: Row): Promise<string> {
    const reply = await this.request('POST', entitySet, data);
    const entityId = reply.headers.get('OData-EntityId') ?? '';
    return /\(([0-9a-fA-F-]{36})\)/.exec(entityId)?.[1] ?? '';
  }

  async update(entitySet: string, id: string, data: Row): Promise<void> {
    await this.request('PATCH', `${entitySet}(${id})`, data);
  }

  async remove(entitySet: string, id: string): Promise<void> {
    await this.request('DELETE', `${entitySet}(${id})`);
  }

  entityMap(): Promise<Map<string, EntityMeta>> {
    this.entities ??= this.list(
      'EntityDefinitions?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,DisplayName',
    ).then(
      ({ value }) =>
        new Map(
          value.map((e) => {
            const logicalName = String(e.LogicalName);
            return [
              logicalName,
              {
                logicalName,
                entitySet: String(e.EntitySetName),
                primaryId: String(e.PrimaryIdAttribute),
                primaryName: String(e.PrimaryNameAttribute ?? ''),
                label: labelOf(e.DisplayName) || humanise(logicalName),
              },
            ];
          }),
        ),
    );
    return this.entities;
  }

  async entity(logicalName: string): Promise<EntityMeta> {
    const found = (await this.entityMap()).get(logicalName);
    if (!found) throw new Error(`The Dataverse emulator has no table '${logicalName}'.`);
    return found;
  }

  columnMap(logicalName: string): Promise<Map<string, ColumnMeta>> {
    let cached = this.columns.get(logicalName);
    if (!cached) {
      cached = Promise.all([
        this.list(`EntityDefinitions(LogicalName='${logicalName}')/Attributes`),
        dateOnlyColumns(this.apiRoot, this.config.token),
      ]).then(
        ([{ value }, dateOnly]) =>
          new Map(
            value.map((a) => {
              const name = String(a.LogicalName);
              const optionSet = a.OptionSet as { Options?: Row[] } | undefined;
              return [
                name,
                {
                  logicalName: name,
                  type: String(a.AttributeType),
                  label: labelOf(a.DisplayName) || PLATFORM_LABELS[name] || humanise(name),
                  options: (optionSet?.Options ?? []).map((o) => ({
                    value: Number(o.Value),
                    label: labelOf(o.Label),
                  })),
                  targets: (a.Targets as string[] | undefined) ?? [],
                  ...(a.AttributeType === 'DateTime'
                    ? { format: dateOnly.get(logicalName)?.has(name) ? 'DateOnly' : 'DateAndTime' }
                    : {}),
                } satisfies ColumnMeta,
              ];
            }),
          ),
      );
      this.columns.set(logicalName, cached);
    }
    return cached;
  }
}

export function labelOf(label: unknown): string {
  const l = label as { UserLocalizedLabel?: { Label?: string } | null } | undefined;
  return l?.UserLocalizedLabel?.Label ?? '';
}

/**
 * Labels of platform columns the emulator's built-in tables carry without one; a real org has
 * them in its metadata, so the shell shows what Dynamics shows.
 */
const PLATFORM_LABELS: Record<string, string> = {
  name: 'Name',
  invoicenumber: 'Invoice ID',
  customerid: 'Customer',
  totalamount: 'Total Amount',
  duedate: 'Due Date',
  createdon: 'Created On',
  modifiedon: 'Modified On',
  statecode: 'Status',
  statuscode: 'Status Reason',
  ownerid: 'Owner',
  productid: 'Existing Product',
  productdescription: 'Write-In Product',
  quantity: 'Quantity',
  priceperunit: 'Price Per Unit',
  extendedamount: 'Extended Amount',
  transactioncurrencyid: 'Currency',
};

export function humanise(logicalName: string): string {
  const bare = logicalName.replace(/^[a-z]+_/, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** The column's value in a Web API row: lookups arrive as `_x_value`. */
export function rawValue(row: Row, column: string): unknown {
  const lookupKey = `_${column}_value`;
  return lookupKey in row ? row[lookupKey] : row[column];
}

/** What a grid or read-only field shows: the formatted value when the server sent one. */
export function displayValue(row: Row, column: string): string {
  const lookupKey = `_${column}_value`;
  const key = lookupKey in row ? lookupKey : column;
  const formatted = row[`${key}@OData.Community.Display.V1.FormattedValue`];
  if (typeof formatted === 'string') return formatted;
  const value = row[key];
  if (value === null || value === undefined) return '';
  return String(value);
}
