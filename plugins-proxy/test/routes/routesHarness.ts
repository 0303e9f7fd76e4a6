/**
 * An app wired with the in-memory store, a fake sync-row source and collected log lines, served on
 * 127.0.0.1:0. Requests go over real HTTP because app.inject() needs light-my-request, whose
 * `cookie` dependency is ESM-only and cannot be required inside Jest on Node 20.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { CHOICES } from '../../../solution/names';
import { buildApp } from '../../src/relay/app';
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { createLogger } from '../../src/logger';
import { MetricsRegistry } from '../../src/metrics';
import { JobQueue } from '../../src/jobs/jobQueue';
import type { SyncRequestSource } from '../../src/adapters/dataverse/syncRequestSource';
import type { SyncRequest } from '../../src/domain/syncRequest';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const DATAVERSE_ORIGIN = 'https://contoso.crm.dynamics.com';
export const ORG_ID = 'aaaaaaaa-0000-4000-8000-00000000000a';

/** Sync rows the fake Dataverse holds, by id. */
export class FakeSyncRequests implements SyncRequestSource {
  readonly rows = new Map<string, SyncRequest>();
  reads = 0;
  failWith: Error | null = null;

  add(id: string, status: number = CHOICES.syncHistoryStatus.values.queued): SyncRequest {
    const row: SyncRequest = {
      id,
      status,
      operation: CHOICES.operation.values.pushDocument,
      invoiceId: 'bbbbbbbb-0000-4000-8000-00000000000b',
      connectionId: 'cccccccc-0000-4000-8000-00000000000c',
    };
    this.rows.set(id, row);
    return row;
  }

  async get(id: string): Promise<SyncRequest | null> {
    this.reads += 1;
    if (this.failWith) throw this.failWith;
    return this.rows.get(id) ?? null;
  }

  async listQueued(): Promise<SyncRequest[]> {
    return [...this.rows.values()].filter((r) => r.status === CHOICES.syncHistoryStatus.values.queued);
  }
}

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is. */
  readonly payload?: object | string | Buffer;
}

export interface HttpReply {
  readonly statusCode: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function request(baseUrl: string, req: HttpRequest): Promise<HttpReply> {
  const isJson =
    req.payload !== undefined && typeof req.payload === 'object' && !Buffer.isBuffer(req.payload);
  const body =
    req.payload === undefined
      ? undefined
      : isJson
        ? JSON.stringify(req.payload)
        : (req.payload as string | Buffer);
  const headers: Record<string, string | number> = {
    ...(isJson ? { 'content-type': 'application/json' } : {}),
    ...req.headers,
  };
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(new URL(req.url, baseUrl), { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          statusCode: res.statusCode ?? 0,
          headers: res.headers,
          body: text,
          json: () => JSON.parse(text),
        });
      });
      res.on('error', reject);
    });
    // The server may answer (401, 413) before reading the whole body; that is not a test failure.
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    outgoing.end(body);
  });
}

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly queue: JobQueue;
  readonly rows: FakeSyncRequests;
  readonly metrics: MetricsRegistry;
  readonly logLines: string[];
  dataverseTokenWorks: boolean;
  /** Same shape as app.inject(), over HTTP. */
  inject(req: HttpRequest): Promise<HttpReply>;
  close(): Promise<void>;
}

export async function startHarness(...routes: Array<(app: FastifyInstance) => void>): Promise<Harness> {
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const store = openMemoryStore(ORG_ID);
  const queue = new JobQueue(store);
  const rows = new FakeSyncRequests();
  const metrics = new MetricsRegistry();
  let baseUrl = '';
  const harness: Harness = {
    store,
    queue,
    rows,
    metrics,
    logLines,
    dataverseTokenWorks: true,
    app: undefined as unknown as FastifyInstance,
    inject: (req) => request(baseUrl, req),
    async close() {
      await harness.app.close();
      await store.close();
    },
  };
  const app = buildApp({
    config: {
      dataverseWebhookSecret: WEBHOOK_SECRET,
      dataverseOrigin: DATAVERSE_ORIGIN,
      dynamicsOrgId: ORG_ID,
    },
    logger: createLogger({ level: 'info', destination }),
    store,
    queue,
    syncRequestSource: rows,
    checkDataverseToken: async () => {
      if (!harness.dataverseTokenWorks) throw new Error('no token');
    },
    metrics,
    routes,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return Object.assign(harness, { app });
}
