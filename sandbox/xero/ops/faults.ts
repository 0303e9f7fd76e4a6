// Fault injection for resilience tests: answer the next N matching calls with a 5xx, hang them
// (a timeout for the client), drop the connection, or slow them down; plus a latency for every call.

export type FaultKind = 'status' | 'hang' | 'drop' | 'slow';

export interface FaultRule {
  kind: FaultKind;
  /** How many matching calls the fault applies to (default 1). */
  count?: number;
  /** For `status`: the HTTP status (default 503). */
  status?: number;
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

  /** Takes one use of the first matching rule of the given kinds. */
  take(path: string, kinds: FaultKind[]): FaultRule | undefined {
    const rule = this.rules.find((r) => kinds.includes(r.kind) && r.remaining > 0 && r.matcher.test(path));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule;
  }
}
