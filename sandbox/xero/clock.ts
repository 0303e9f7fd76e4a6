// One clock for every time-dependent rule (token expiry, rate-limit windows, idempotency windows),
// so tests can advance time instead of waiting.

export interface Clock {
  now(): number;
  advance(ms: number): number;
  offsetMs(): number;
}

export function createClock(base: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms;
      return base() + offset;
    },
    offsetMs: () => offset,
  };
}
