import type { ContentIds } from '../data/refs';

/** One Web API call, from the socket or from a `$batch` part. `path` is below /api/data/v9.2/. */
export interface ApiRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** The record a write addressed, for `$n` Content-ID references in a changeset. */
  entity?: { entitySet: string; id: string };
}

/** Who is calling, and the batch context for `$n` references. */
export interface CallContext {
  userId: string;
  correlationId: string;
  contentIds?: ContentIds;
}

export const JSON_TYPE = 'application/json; odata.metadata=minimal';
const JSON_STREAMING_TYPE = `${JSON_TYPE}; odata.streaming=true`;

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResponse {
  const contentType = status < 400 ? JSON_STREAMING_TYPE : JSON_TYPE;
  return {
    status,
    headers: { 'Content-Type': contentType, 'OData-Version': '4.0', ...headers },
    body: JSON.stringify(body),
  };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'OData-Version': '4.0', ...headers } };
}
