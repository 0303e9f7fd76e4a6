// /Payments (reference/xero-api.md §3.8): POST one payment (the body is a Payment, or a Payments
// list), PUT a batch, POST /Payments/{id} {Status:"DELETED"} to delete, GET with If-Modified-Since and
// paging (payments have no webhooks, so clients poll).
import { createPayment, deletePayment } from '../domain/payments';
import { renderPayment } from '../domain/render';
import type { Router } from '../http/router';
import { runBatch } from './batch';
import { envelope, notFound, validationException, type ApiCall, type ApiHandler } from './call';
import { listResource } from './listing';

type Json = Record<string, unknown>;

function batch(call: ApiCall) {
  return runBatch(call, {
    collection: 'Payments',
    schema: 'Payments',
    idField: 'PaymentID',
    errorFlag: 'HasValidationErrors',
    save: (element) => createPayment(call.ctx, element),
    render: (record) => renderPayment(call.ctx, record),
  });
}

function single(call: ApiCall) {
  const body = call.body as Json | undefined;
  const wrapped =
    body && !Object.keys(body).some((k) => k.toLowerCase() === 'payments') ? { Payments: [body] } : body;
  return batch({ ...call, body: wrapped });
}

function remove(call: ApiCall) {
  const body = (call.body ?? {}) as Json;
  if (String(body.Status ?? '').toUpperCase() !== 'DELETED') {
    return validationException(
      undefined,
      'Payments cannot be edited; only {"Status":"DELETED"} is accepted.',
    );
  }
  const result = call.ctx.store.transaction(() => deletePayment(call.ctx, call.params.id));
  if (!result.ok) {
    return validationException([
      { PaymentID: call.params.id, ValidationErrors: result.errors.map((Message) => ({ Message })) },
    ]);
  }
  return envelope(call, 'Payments', [renderPayment(call.ctx, result.record)]);
}

function list(call: ApiCall) {
  return listResource(call, {
    collection: 'Payments',
    records: call.ctx.store.payments.all(call.ctx.tenantId),
    updatedMs: (r) => r.UpdatedMs,
    render: (r) => renderPayment(call.ctx, r),
    pageable: true,
    listFilters: { IDs: (j) => j.PaymentID },
  });
}

function getOne(call: ApiCall) {
  const payment = call.ctx.store.payments.get(call.ctx.tenantId, call.params.id);
  return payment ? envelope(call, 'Payments', [renderPayment(call.ctx, payment)]) : notFound();
}

export function registerPaymentRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/Payments', list)
    .add('POST', '/Payments', single)
    .add('PUT', '/Payments', batch)
    .add('GET', '/Payments/:id', getOne)
    .add('POST', '/Payments/:id', remove);
}
