// The HTTP server: routes each request to the Accounting API, the identity endpoints or the admin
// API, applies injected faults (5xx, hang, drop, lose), and records every call in the request log.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminService } from './admin';
import { handleAdmin } from './adminRoutes';
import { API_BASE, type createAccountingApi } from './api/accounting';
import type { Clock } from './clock';
import { readBody, writeReply, type HttpReply, type HttpRequest } from './http/messages';
import * as identity from './identity/routes';
import type { IdentityDeps } from './identity/routes';
import type { Faults } from './ops/faults';
import type { Store } from './store';
import { onlineInvoicePage } from './onlineInvoice';

export interface ServerDeps {
  store: Store;
  clock: Clock;
  faults: Faults;
  admin: AdminService;
  identity: IdentityDeps;
  accounting: ReturnType<typeof createAccountingApi>;
}

/** Bodies past this are not kept; the Accounting API answers 413 above its own, smaller limit. */
const READ_LIMIT_BYTES = 8_000_000;

interface Outcome {
  reply: HttpReply | 'hang' | 'drop';
  tenantId: string | null;
  endpoint: string;
}

async function route(deps: ServerDeps, req: HttpRequest): Promise<Outcome> {
  const simple = (reply: HttpReply, endpoint = `${req.method} ${req.path}`): Outcome => ({
    reply,
    tenantId: null,
    endpoint,
  });
  const lower = req.path.toLowerCase();
  if (lower.startsWith('/_admin/')) return simple(await handleAdmin(deps.admin, req));
  const fault = deps.faults.take(req.path, ['status', 'hang', 'drop', 'lose'], false);
  if (fault?.kind === 'hang' || fault?.kind === 'drop')
    return { reply: fault.kind, tenantId: null, endpoint: `${req.method} ${req.path}` };
  if (fault?.kind === 'lose') {
    const handled = await route(deps, req);
    return { ...handled, reply: 'drop' };
  }
  if (fault) {
    const status = fault.status ?? 503;
    // An injected 429 reads like Xero's minute limit: Retry-After one (scaled) minute, in seconds.
    const headers: Record<string, string> | undefined =
      status === 429
        ? {
            'Retry-After': String(Math.max(1, Math.ceil(deps.admin.setLimits({}).minuteMs / 1000))),
            'X-Rate-Limit-Problem': 'minute',
          }
        : undefined;
    return simple({
      status,
      headers,
      body: { Title: http.STATUS_CODES[status] ?? 'Error', Status: status, Detail: 'Injected fault' },
    });
  }
  if (lower.startsWith(`${API_BASE.toLowerCase()}/`)) return deps.accounting(req);
  if (lower === '/identity/connect/authorize') return simple(identity.authorize(deps.identity, req));
  if (lower === '/connect/token' && req.method === 'POST') return simple(identity.token(deps.identity, req));
  if (lower === '/connect/revocation' && req.method === 'POST')
    return simple(identity.revocation(deps.identity, req));
  if (lower === '/.well-known/openid-configuration')
    return simple(identity.openIdConfiguration(deps.identity));
  if (lower === '/.well-known/openid-configuration/jwks')
    return simple({ status: 200, body: deps.identity.grants.idTokens.jwks() });
  const connection = /^\/connections(?:\/([^/]+))?\/?$/.exec(lower);
  if (connection) return simple(identity.connections(deps.identity, req, deps.clock.now(), connection[1]));
  if (lower.startsWith('/online-invoice/')) return simple(onlineInvoicePage(deps.store, req.path));
  if (lower === '/')
    return simple({ status: 200, body: { emulator: 'xero', api: API_BASE, tenants: deps.admin.tenants() } });
  return simple({
    status: 404,
    body: { Title: 'NotFound', Status: 404, Detail: `No route for ${req.method} ${req.path}` },
  });
}

export function createHttpServer(deps: ServerDeps): http.Server {
  return http.createServer(async (incoming, res) => {
    const started = Date.now();
    const url = new URL(incoming.url ?? '/', 'http://emulator');
    let outcome: Outcome;
    try {
      const { body: rawBody, tooLarge } = await readBody(incoming, READ_LIMIT_BYTES);
      const req: HttpRequest = {
        method: incoming.method ?? 'GET',
        path: decodeURI(url.pathname),
        query: url.searchParams,
        headers: incoming.headers,
        rawBody,
        tooLarge,
      };
      outcome = await route(deps, req);
    } catch (error) {
      outcome = {
        reply: {
          status: 500,
          body: { Title: 'Internal Server Error', Status: 500, Detail: (error as Error).message },
        },
        tenantId: null,
        endpoint: `${incoming.method} ${url.pathname}`,
      };
    }
    const status = outcome.reply === 'hang' ? 0 : outcome.reply === 'drop' ? -1 : outcome.reply.status;
    if (!url.pathname.startsWith('/_admin/')) {
      const key = incoming.headers['idempotency-key'];
      deps.store.logRequest({
        ms: deps.clock.now(),
        method: incoming.method ?? 'GET',
        path: url.pathname,
        endpoint: outcome.endpoint,
        tenantId: outcome.tenantId,
        status,
        durationMs: Date.now() - started,
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
    }
    if (outcome.reply === 'drop') incoming.socket.destroy();
    else if (outcome.reply !== 'hang') writeReply(res, outcome.reply);
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}
