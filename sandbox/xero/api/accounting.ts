// The Accounting API pipeline for every /api.xro/2.0 call: size limit → authorise → rate limits →
// latency → idempotency replay → handler (in one SQLite transaction per element) → headers → webhook
// events. Idempotency comes after the rate limits, so a replayed call still counts (reference §3.3).
import type { HttpReply, HttpRequest } from '../http/messages';
import { jsonBody } from '../http/messages';
import { Router } from '../http/router';
import type { Clock } from '../clock';
import type { DomainEvent, OrgContext } from '../domain/orgContext';
import type { Grants } from '../identity/grants';
import type { Faults } from '../ops/faults';
import type { IdempotencyKeys } from '../ops/idempotency';
import type { RateLimiter } from '../ops/rateLimiter';
import type { Store } from '../store';
import type { SchemaValidator } from '../validation';
import { authorise } from './auth';
import { notFound, postDataInvalid, validationException, type ApiHandler } from './call';
import { registerContactAndItemRoutes } from './contacts';
import { registerCreditNoteRoutes } from './creditNotes';
import { registerInvoiceRoutes } from './invoices';
import { registerPaymentRoutes } from './payments';
import { registerSettingsRoutes } from './settings';

export const API_BASE = '/api.xro/2.0';

export interface AccountingDeps {
  store: Store;
  clock: Clock;
  grants: Grants;
  limiter: RateLimiter;
  faults: Faults;
  idempotency: IdempotencyKeys;
  schemas: SchemaValidator;
  providerName: string;
  origin: () => string;
  onEvents: (events: DomainEvent[]) => void;
  maxRequestBytes: number;
}

export interface AccountingOutcome {
  reply: HttpReply;
  tenantId: string | null;
  endpoint: string;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createAccountingApi(deps: AccountingDeps) {
  const router = new Router<ApiHandler>();
  registerInvoiceRoutes(router);
  registerCreditNoteRoutes(router);
  registerPaymentRoutes(router);
  registerContactAndItemRoutes(router);
  registerSettingsRoutes(router);

  return async function handle(req: HttpRequest): Promise<AccountingOutcome> {
    const apiPath = req.path.slice(API_BASE.length) || '/';
    const route = router.match(req.method, apiPath);
    const endpoint = `${req.method} ${API_BASE}${route?.pattern ?? apiPath}`;
    if (req.tooLarge || req.rawBody.length > deps.maxRequestBytes)
      return { reply: tooLarge(deps.maxRequestBytes), tenantId: null, endpoint };
    const auth = authorise(deps.grants, req, apiPath, deps.clock.now());
    if (!auth.ok) return { reply: auth.reply, tenantId: null, endpoint };
    const tenantId = auth.tenantId;
    const admission = deps.limiter.admit(tenantId);
    if (!admission.ok) {
      const headers: Record<string, string> = {
        ...admission.headers,
        'X-Rate-Limit-Problem': admission.problem,
      };
      if (admission.retryAfterSeconds !== undefined)
        headers['Retry-After'] = String(admission.retryAfterSeconds);
      return {
        reply: {
          status: 429,
          headers,
          body: {
            Title: 'Too Many Requests',
            Status: 429,
            Detail: `Rate limit exceeded: ${admission.problem}`,
          },
        },
        tenantId,
        endpoint,
      };
    }
    try {
      const slow = deps.faults.take(req.path, ['slow']);
      const wait = deps.faults.latencyMs + (slow?.ms ?? 0);
      if (wait > 0) await delay(wait);
      const reply = route
        ? respond(deps, req, { tenantId, clientId: auth.clientId }, route.handler, route.params)
        : notFound();
      return {
        reply: { ...reply, headers: { ...admission.headers, ...(reply.headers ?? {}) } },
        tenantId,
        endpoint,
      };
    } finally {
      admission.release();
    }
  };
}

/** Xero's limit for one request; its exact reply is not documented, so plain 413 wording. */
function tooLarge(limit: number): HttpReply {
  return {
    status: 413,
    body: {
      Title: 'Request Entity Too Large',
      Status: 413,
      Detail: `The request body is larger than ${(limit / 1_000_000).toFixed(1)} MB`,
    },
  };
}

function respond(
  deps: AccountingDeps,
  req: HttpRequest,
  caller: { tenantId: string; clientId: string },
  handler: ApiHandler,
  params: Record<string, string>,
): HttpReply {
  const { tenantId, clientId } = caller;
  const org = deps.store.organisations.get(tenantId, tenantId);
  if (!org) return notFound();
  const idempotent = deps.idempotency.lookup(clientId, tenantId, req);
  if (idempotent.kind === 'replay') return idempotent.reply;
  if (idempotent.kind === 'conflict') {
    return validationException(
      undefined,
      'This Idempotency-Key has already been used with a different request.',
    );
  }
  if (idempotent.kind === 'invalid') return validationException(undefined, idempotent.message);
  const internal = deps.faults.take(req.path, ['status'], true);
  if (internal) {
    const failed: HttpReply = {
      status: internal.status ?? 500,
      body: { Title: 'An error occurred', Status: internal.status ?? 500, Detail: 'Injected internal error' },
    };
    if (idempotent.kind === 'new') idempotent.remember(failed);
    return failed;
  }
  // xero-node sends `data: {}` on GETs, so a GET may carry a `{}` body; it is simply ignored.
  const parsed = jsonBody(req.rawBody);
  if (!parsed.ok && req.method !== 'GET') return postDataInvalid('The request body is not valid JSON.');
  const unitdp: 2 | 4 = req.query.get('unitdp') === '4' ? 4 : 2;
  const ctx: OrgContext = {
    store: deps.store,
    tenantId,
    org,
    now: deps.clock.now(),
    unitdp,
    events: [],
    origin: deps.origin(),
    clientId,
  };
  const reply = handler({
    req,
    body: parsed.ok ? parsed.value : undefined,
    params,
    ctx,
    schemas: deps.schemas,
    providerName: deps.providerName,
  });
  if (idempotent.kind === 'new') idempotent.remember(reply);
  deps.onEvents(ctx.events);
  return reply;
}
