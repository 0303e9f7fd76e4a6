// Fault injection for resilience tests: answer the next N matching calls with a 5xx, hang them
// (a timeout for the client), drop the connection, do the work and lose the answer, or slow them
// down; plus a latency for every call.

/**
 * `drop` closes the connection before the call is handled; `lose` handles it (a document is
 * created) and then closes the connection, so the client never learns the outcome.
 */
export type FaultKind = 'status' | 'hang' | 'drop' | 'lose' | 'slow';

export interface FaultRule {
  kind: FaultKind;
  /** How many matching calls the fault applies to (default 1). */
  count?: number;
  /** For `status`: the HTTP status (default 503). */
  status?: number;
  /**
   * For `status`: an internal error of the Accounting API, answered after the Idempotency-Key is
   * read, so Xero keeps it under the key and replays it (reference §3.3). Otherwise the status
   * comes from in front of the API (a gateway's 503) and no key is touched.
   */
  cached?: boolean;
  /** For `slow`: the extra delay in ms. */
  ms?: number;
  /** A regular expression tested against the request path; default: every Accounting API call. */
  path?: string;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  matcher: RegExp;
}

const API_PATHS = /^\/api\.xro\/2\.0\//i;

export class Faults {
  private rules: ActiveRule[] = [];
  latencyMs: number;

  constructor(latencyMs = 0) {
    this.latencyMs = latencyMs;
  }

  add(rule: FaultRule): void {
    this.rules.push({
      ...rule,
      remaining: rule.count ?? 1,
      matcher: rule.path ? new RegExp(rule.path, 'i') : API_PATHS,
    });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ matcher: _m, ...rule }) => rule);
  }

  /**
   * Takes one use of the first matching rule of the given kinds; `cached` picks the status faults
   * answered inside the Accounting API (true) or in front of it (false).
   */
  take(path: string, kinds: FaultKind[], cached?: boolean): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        kinds.includes(r.kind) &&
        r.remaining > 0 &&
        r.matcher.test(path) &&
        (cached === undefined || r.kind !== 'status' || Boolean(r.cached) === cached),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule;
  }
}
