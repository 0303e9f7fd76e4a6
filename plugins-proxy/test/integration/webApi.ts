/**
 * A small Dataverse Web API client over real HTTP for the integration tests: the application
 * user's token by default (the seeding an admin would do), or a user's token (what the ribbon
 * does under the signed-in user).
 */
import type { DataverseEmulator } from '../../../sandbox/dataverse';

export type Row = Record<string, unknown>;

export interface WebApi {
  get(path: string): Promise<Row>;
  list(path: string): Promise<Row[]>;
  create(entitySet: string, body: Row): Promise<string>;
  update(path: string, body: Row): Promise<void>;
}

export function webApi(emulator: DataverseEmulator, token: () => string): WebApi {
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${emulator.url}/api/data/v9.2/${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        'OData-Version': '4.0',
        Authorization: `Bearer ${token()}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return { response, text };
  }
  return {
    async get(path) {
      return JSON.parse((await send('GET', path)).text) as Row;
    },
    async list(path) {
      return (JSON.parse((await send('GET', path)).text) as { value: Row[] }).value;
    },
    async create(entitySet, body) {
      const { response } = await send('POST', entitySet, body);
      const id = /\(([0-9a-f-]{36})\)$/i.exec(response.headers.get('OData-EntityId') ?? '')?.[1];
      if (!id) throw new Error(`POST ${entitySet} returned no id`);
      return id;
    },
    async update(path, body) {
      await send('PATCH', path, body, { 'If-Match': '*' });
    },
  };
}
