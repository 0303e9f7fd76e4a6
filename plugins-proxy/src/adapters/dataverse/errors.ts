/**
 * Dataverse failures as one typed error. Callers key on `status` (the `code` is informational:
 * older environments send "" where newer ones send a hex code, reference/dataverse-webapi.md §1.8).
 */
import { parseRetryAfter } from '../xero/errors';

export class DataverseError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterMs?: number;

  constructor(status: number, code: string, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'DataverseError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  /** Worth trying again later: throttled, unavailable, or no answer at all. */
  get retryable(): boolean {
    return (
      this.status === 0 ||
      this.status === 429 ||
      this.status === 503 ||
      this.status === 502 ||
      this.status === 504
    );
  }
}

/** 412: the row changed since it was read (If-Match), or a create-only upsert found a row. */
export class DataverseConcurrencyError extends DataverseError {
  constructor(code: string, message: string) {
    super(412, code, message);
    this.name = 'DataverseConcurrencyError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

export function dataverseErrorFrom(
  status: number,
  bodyText: string,
  retryAfter?: string | null,
): DataverseError {
  let code = '';
  let message = '';
  try {
    const parsed = JSON.parse(bodyText) as ErrorBody;
    code = typeof parsed.error?.code === 'string' ? parsed.error.code : '';
    message = typeof parsed.error?.message === 'string' ? parsed.error.message : '';
  } catch {
    message = bodyText.trim().slice(0, 500);
  }
  if (message === '') message = `Dataverse answered HTTP ${status}`;
  if (status === 412) return new DataverseConcurrencyError(code, message);
  return new DataverseError(status, code, message, parseRetryAfter(retryAfter ?? undefined));
}

export function dataverseNetworkError(cause: unknown): DataverseError {
  const detail =
    cause instanceof Error
      ? cause.cause instanceof Error
        ? cause.cause.message
        : cause.message
      : String(cause);
  return new DataverseError(0, 'network', `Dataverse could not be reached: ${detail}`);
}
