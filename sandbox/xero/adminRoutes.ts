// The admin API over HTTP (/_admin/..., JSON in and out); see sandbox/xero/README.md.
import type { AdminResult, AdminService } from './admin';
import type { HttpReply, HttpRequest } from './http/messages';
import { jsonBody } from './http/messages';
import { Router } from './http/router';

type Json = Record<string, unknown>;
type AdminHandler = (
  admin: AdminService,
  body: Json,
  params: Record<string, string>,
) => Promise<HttpReply> | HttpReply;

const ok = (body: unknown, status = 200): HttpReply => ({ status, body });
const fromResult = <T>(result: AdminResult<T>): HttpReply =>
  result.ok ? ok(result.value) : { status: result.status, body: { error: result.message } };

const router = new Router<AdminHandler>()
  .add('GET', '/_admin/tenants', (a) => ok(a.tenants()))
  .add('POST', '/_admin/organisations', (a, b) =>
    ok(a.createOrganisation({ name: String(b.name ?? 'New Organisation'), ...b }), 201),
  )
  .add('POST', '/_admin/payments', (a, b) => fromResult(a.recordPayment(b as never)))
  .add('DELETE', '/_admin/tenants/:tenantId/payments/:paymentId', (a, _b, p) =>
    fromResult(a.deletePayment({ tenantId: p.tenantId, paymentId: p.paymentId })),
  )
  .add('POST', '/_admin/invoices/void', (a, b) => fromResult(a.voidInvoice(b as never)))
  .add('GET', '/_admin/tenants/:tenantId/:kind', (a, _b, p) =>
    ['invoices', 'contacts', 'payments'].includes(p.kind)
      ? fromResult(a.list(p.tenantId, p.kind as 'invoices'))
      : { status: 404, body: { error: `Unknown list '${p.kind}'.` } },
  )
  .add('PUT', '/_admin/limits', (a, b) => ok(a.setLimits(b)))
  .add('POST', '/_admin/limits/reset', (a) => (a.resetLimits(), ok({ reset: true })))
  .add('PUT', '/_admin/latency', (a, b) => (a.setLatency(Number(b.ms ?? 0)), ok({ ms: Number(b.ms ?? 0) })))
  .add('POST', '/_admin/faults', (a, b) => ok(a.addFault(b as never)))
  .add('DELETE', '/_admin/faults', (a) => (a.clearFaults(), { status: 204 }))
  .add('POST', '/_admin/clock/advance', (a, b) => ok({ now: a.advanceClock(Number(b.ms ?? 0)) }))
  .add('GET', '/_admin/clock', (a) => ok({ now: a.now() }))
  .add('GET', '/_admin/requests', (a) => ok(a.requestLog()))
  .add('DELETE', '/_admin/requests', (a) => (a.clearRequestLog(), { status: 204 }))
  .add('PUT', '/_admin/webhook', async (a, b) =>
    ok({ intent: await a.configureWebhook(b.url ? (b as never) : null) }),
  )
  .add('GET', '/_admin/webhook', (a) => ok(a.webhookStatus()))
  .add('POST', '/_admin/consent', (a, b) => ok(a.consent(b as never)))
  .add('DELETE', '/_admin/tenants/:tenantId/connections', (a, _b, p) =>
    ok({ removed: a.dropConnection(p.tenantId) }),
  )
  .add('POST', '/_admin/tokens/expire', (a, b) =>
    ok({ expired: a.expireAccessTokens(typeof b.userId === 'string' ? b.userId : undefined) }),
  )
  .add('POST', '/_admin/tokens', (a, b) => ok(a.issueTokenSet(b as never)));

export async function handleAdmin(admin: AdminService, req: HttpRequest): Promise<HttpReply> {
  const route = router.match(req.method, req.path);
  if (!route) return { status: 404, body: { error: `No admin route ${req.method} ${req.path}` } };
  const parsed = jsonBody(req.rawBody);
  if (!parsed.ok) return { status: 400, body: { error: 'The body is not valid JSON.' } };
  return route.handler(admin, (parsed.value ?? {}) as Json, route.params);
}
