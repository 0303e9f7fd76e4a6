// What an Accounting API handler receives and the reply shapes Xero uses: the envelope with Id,
// Status, ProviderName and DateTimeUTC; the 400 ValidationException (reference/xero-api.md §3.2).
import { randomUUID } from 'node:crypto';
import type { HttpReply, HttpRequest } from '../http/messages';
import type { OrgContext } from '../domain/orgContext';
import { toMsDate } from '../domain/xeroDates';
import type { SchemaValidator } from '../validation';

export interface ApiCall {
  req: HttpRequest;
  body: unknown;
  params: Record<string, string>;
  ctx: OrgContext;
  schemas: SchemaValidator;
  providerName: string;
}

export type ApiHandler = (call: ApiCall) => HttpReply;

type Json = Record<string, unknown>;

export function envelope(call: ApiCall, collection: string, items: unknown, extra: Json = {}): HttpReply {
  return {
    status: 200,
    body: {
      Id: randomUUID(),
      Status: 'OK',
      ProviderName: call.providerName,
      DateTimeUTC: toMsDate(call.ctx.now),
      ...extra,
      [collection]: items,
    },
  };
}

export function validationException(elements: Json[] | undefined, message?: string): HttpReply {
  const body: Json = {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
  };
  if (elements) body.Elements = elements;
  if (message) body.Elements = [{ ValidationErrors: [{ Message: message }] }];
  return { status: 400, body };
}

export function postDataInvalid(message: string): HttpReply {
  return { status: 400, body: { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message } };
}

export function notFound(): HttpReply {
  return {
    status: 404,
    body: { Title: 'NotFound', Status: 404, Detail: "The resource you're looking for cannot be found" },
  };
}

/** Query parameter by case-insensitive name. */
export function queryParam(call: ApiCall, name: string): string | undefined {
  for (const [key, value] of call.req.query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/** A list parameter in any of the forms clients send: `IDs=a,b`, `IDs=a&IDs=b`, `IDs[]=a`. */
export function queryList(call: ApiCall, name: string): string[] | undefined {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of call.req.query) {
    if (key.toLowerCase().replace(/\[\d*\]$/, '') === wanted) values.push(...value.split(','));
  }
  const cleaned = values.map((v) => v.trim()).filter((v) => v !== '');
  return cleaned.length > 0 ? cleaned : undefined;
}

export function queryFlag(call: ApiCall, name: string): boolean | undefined {
  const value = queryParam(call, name);
  return value === undefined ? undefined : value.toLowerCase() === 'true';
}

export function summarizeErrors(call: ApiCall): boolean {
  return queryFlag(call, 'summarizeErrors') !== false;
}
