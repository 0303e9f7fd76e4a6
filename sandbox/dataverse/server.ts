import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { handleAdmin, type AdminDeps } from './admin';
import { handleApi, errorResponse } from './api/dispatch';
import type { ApiResponse } from './api/types';
import { DataverseError } from './errors';

/**
 * The HTTP edge: the token endpoint, the admin endpoint, web resources, and the Web API behind
 * the bearer-token check, service protection and fault injection. Webhooks fire after the reply.
 */
const WEB_RESOURCE_TYPES: Record<number, string> = {
  1: 'text/html',
  2: 'text/css',
  3: 'application/javascript',
  4: 'text/xml',
  5: 'image/png',
  6: 'image/jpeg',
  7: 'image/gif',
  9: 'text/xsl',
  10: 'image/x-icon',
  11: 'image/svg+xml',
  12: 'text/xml',
};

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, reply: ApiResponse): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body ?? '');
}

/** The demo shell runs on another localhost port, so browsers need CORS to call the emulator. */
function allowBrowserCalls(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ??
      'Authorization, Content-Type, Accept, Prefer, If-Match, If-None-Match, OData-Version, OData-MaxVersion',
  );
  res.setHeader(
    'Access-Control-Expose-Headers',
    'OData-EntityId, ETag, Location, Preference-Applied, Retry-After',
  );
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createRequestListener(deps: AdminDeps, log: (line: string) => void) {
  const { ctx, tokens, limits, faults, webhooks } = deps;
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    allowBrowserCalls(req, res);
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (token && method === 'POST') {
      const reply = tokens.tokenRequest(
        decodeURIComponent(token[1]),
        new URLSearchParams(raw.toString('utf8')),
        ctx.seeds.applicationUserId,
      );
      res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply.body));
      return;
    }
    if (url.pathname.startsWith('/_admin/')) {
      const reply = handleAdmin(deps, method, url.pathname, raw);
      res.writeHead(reply.status, reply.body === null ? {} : { 'Content-Type': 'application/json' });
      res.end(reply.body === null ? '' : JSON.stringify(reply.body));
      return;
    }
    if (url.pathname.startsWith('/WebResources/') && method === 'GET') {
      const name = decodeURIComponent(url.pathname.slice('/WebResources/'.length));
      const found = ctx.store.all('webresource').find((r) => r.record.name === name);
      if (!found || typeof found.record.content !== 'string') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'Content-Type':
          WEB_RESOURCE_TYPES[Number(found.record.webresourcetype)] ?? 'application/octet-stream',
      });
      res.end(Buffer.from(found.record.content, 'base64'));
      return;
    }
    const apiPrefix = /^\/api\/data\/v9\.\d\//.exec(url.pathname + (url.pathname.endsWith('/') ? '' : '/'));
    if (!apiPrefix) {
      send(
        res,
        errorResponse(
          new DataverseError(404, '0x8006088a', `Resource not found for the segment '${url.pathname}'.`),
        ),
      );
      return;
    }
    let userId: string | undefined;
    let status = 500;
    let release: (() => void) | undefined;
    try {
      userId = tokens.verify(req.headers.authorization).oid;
      const admitted = limits.admit(userId);
      if ('error' in admitted) throw admitted.error;
      release = admitted.release;
      const fault = faults.next(url.pathname);
      if (fault?.delayMs) await delay(fault.delayMs);
      if (fault?.status) throw faultError(fault.status, fault.retryAfterSeconds);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      );
      const reply = handleApi(
        ctx,
        {
          method,
          path: url.pathname.slice(apiPrefix[0].length),
          query: url.search.slice(1),
          headers,
          body: raw.toString('utf8'),
        },
        { userId, correlationId: req.headers['x-ms-correlation-request-id']?.toString() ?? randomUUID() },
      );
      status = reply.status;
      send(res, reply);
      webhooks.dispatch(ctx.pendingEvents.splice(0));
    } catch (e) {
      const reply = errorResponse(e);
      if (reply.status === 401)
        reply.headers['WWW-Authenticate'] =
          `Bearer authorization_uri=https://login.microsoftonline.com/${tokens.tenantId}/oauth2/authorize, resource_id=${ctx.orgUrl()}/`;
      status = reply.status;
      send(res, reply);
    } finally {
      release?.();
      deps.log.record({
        at: new Date(started).toISOString(),
        method,
        path: url.pathname + url.search,
        status,
        durationMs: Date.now() - started,
        userId,
      });
      if (status >= 500) log(`dataverse emulator: ${method} ${url.pathname} → ${status}`);
    }
  };
}

function faultError(status: number, retryAfter = 2): DataverseError {
  if (status === 429) {
    return new DataverseError(
      429,
      '0x80072322',
      'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
      { 'Retry-After': String(retryAfter) },
    );
  }
  if (status === 503)
    return new DataverseError(503, '0x80040216', 'Service Unavailable (injected fault).', {
      'Retry-After': String(retryAfter),
    });
  return new DataverseError(status, '0x80040216', `Injected fault: HTTP ${status}.`);
}
