// Batched writes (reference/xero-api.md §3.2). Each element is saved on its own, so with
// summarizeErrors=false the reply is 200 with every element and its ValidationErrors; without it,
// any failure gives the 400 ValidationException listing only the failed elements, while the valid
// elements are still created (xero-ruby#247).
import type { HttpReply } from '../http/messages';
import type { SaveResult } from '../domain/invoices';
import { envelope, postDataInvalid, summarizeErrors, validationException, type ApiCall } from './call';

type Json = Record<string, unknown>;

export interface BatchSpec<T> {
  collection: string;
  schema: string;
  idField: string;
  /** `HasErrors` on invoices and credit notes, `HasValidationErrors` on contacts, items, payments. */
  errorFlag: 'HasErrors' | 'HasValidationErrors';
  save: (element: Json) => SaveResult<T>;
  render: (record: T) => Json;
}

const ZERO_ID = '00000000-0000-0000-0000-000000000000';

export function elementsOf(call: ApiCall, collection: string): Json[] | string {
  const body = call.body as Json | undefined;
  if (!body || typeof body !== 'object') return `The request body must be a JSON object with ${collection}.`;
  const key = Object.keys(body).find((k) => k.toLowerCase() === collection.toLowerCase());
  const elements = key ? body[key] : undefined;
  if (!Array.isArray(elements)) return `The request body must contain a ${collection} list.`;
  return elements as Json[];
}

export function runBatch<T>(call: ApiCall, spec: BatchSpec<T>): HttpReply {
  const elements = elementsOf(call, spec.collection);
  const schema = call.schemas.check(spec.schema, call.body, spec.collection);
  if (typeof elements === 'string') return postDataInvalid(elements);
  if (schema.bodyErrors.length > 0) return postDataInvalid(schema.bodyErrors.join('; '));
  const results = elements.map((element, index) => {
    const schemaErrors = schema.elementErrors.get(index);
    const outcome: SaveResult<T> = schemaErrors
      ? { ok: false, errors: schemaErrors }
      : call.ctx.store.transaction(() => spec.save(element));
    return outcome.ok
      ? {
          ok: true,
          json: { ...spec.render(outcome.record), [spec.errorFlag]: false, StatusAttributeString: 'OK' },
        }
      : {
          ok: false,
          json: {
            ...element,
            [spec.idField]: element[spec.idField] ?? ZERO_ID,
            [spec.errorFlag]: true,
            StatusAttributeString: 'ERROR',
            ValidationErrors: outcome.errors.map((Message) => ({ Message })),
          },
        };
  });
  if (summarizeErrors(call) && results.some((r) => !r.ok)) {
    return validationException(results.filter((r) => !r.ok).map((r) => r.json));
  }
  return envelope(
    call,
    spec.collection,
    results.map((r) => r.json),
  );
}
