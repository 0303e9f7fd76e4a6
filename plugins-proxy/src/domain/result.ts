/** The one result shape for what can fail in a way a person can act on: a value or one failure. */
export type Result<T, F = string> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: F };

export function success<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function failure<F>(failure: F): Result<never, F> {
  return { ok: false, failure };
}
