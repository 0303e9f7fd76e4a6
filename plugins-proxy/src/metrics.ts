/**
 * A small Prometheus registry (counters, gauges, histograms with labels) rendered in the text format for
 * GET /metrics; modules register metrics by name (docs/architecture.md#metrics-logs-and-configuration).
 */

export type Labels = Record<string, string | number>;

interface Metric {
  readonly name: string;
  render(): string[];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelKey(labelNames: readonly string[], labels: Labels): string {
  for (const key of Object.keys(labels)) {
    if (!labelNames.includes(key)) throw new Error(`Unknown label ${key}`);
  }
  return labelNames.map((n) => `${n}="${escapeLabel(String(labels[n] ?? ''))}"`).join(',');
}

function sample(name: string, key: string, value: number): string {
  return `${name}${key ? `{${key}}` : ''} ${Number.isFinite(value) ? value : value > 0 ? '+Inf' : '-Inf'}`;
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error(`Counter ${this.name} cannot go down`);
    const key = labelKey(this.labelNames, labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(this.labelNames, labels)) ?? 0;
  }
  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.values].map(([k, v]) => sample(this.name, k, v)),
    ];
  }
}

export class Gauge implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}
  set(labels: Labels, value: number): void {
    this.values.set(labelKey(this.labelNames, labels), value);
  }
  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(this.labelNames, labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  dec(labels: Labels = {}, by = 1): void {
    this.inc(labels, -by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(this.labelNames, labels)) ?? 0;
  }
  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      ...[...this.values].map(([k, v]) => sample(this.name, k, v)),
    ];
  }
}

interface HistogramSeries {
  readonly buckets: number[];
  sum: number;
  count: number;
}

/** Default buckets in milliseconds, from a fast local call to a slow Xero round trip. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

export class Histogram implements Metric {
  private readonly series = new Map<string, HistogramSeries>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly bounds: readonly number[] = LATENCY_BUCKETS_MS,
  ) {}
  observe(labels: Labels, value: number): void {
    const key = labelKey(this.labelNames, labels);
    const s = this.series.get(key) ?? { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
    this.bounds.forEach((bound, i) => {
      if (value <= bound) s.buckets[i] += 1;
    });
    s.sum += value;
    s.count += 1;
    this.series.set(key, s);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      const le = (bound: string) => (key ? `${key},le="${bound}"` : `le="${bound}"`);
      this.bounds.forEach((bound, i) =>
        lines.push(sample(`${this.name}_bucket`, le(String(bound)), s.buckets[i])),
      );
      lines.push(sample(`${this.name}_bucket`, le('+Inf'), s.count));
      lines.push(sample(`${this.name}_sum`, key, s.sum), sample(`${this.name}_count`, key, s.count));
    }
    return lines;
  }
}

/** Runs just before rendering, to refresh gauges read from elsewhere (e.g. jobs by state from the store). */
export type Collector = () => Promise<void> | void;

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();
  private readonly collectors: Collector[] = [];

  private getOrCreate<M extends Metric>(name: string, type: new (...args: never[]) => M, create: () => M): M {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`Invalid metric name ${name}`);
    const existing = this.metrics.get(name);
    if (existing) {
      if (!(existing instanceof type))
        throw new Error(`Metric ${name} is already registered with another type`);
      return existing;
    }
    const metric = create();
    this.metrics.set(name, metric);
    return metric;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.getOrCreate(name, Counter, () => new Counter(name, help, labelNames));
  }
  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.getOrCreate(name, Gauge, () => new Gauge(name, help, labelNames));
  }
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    bounds?: readonly number[],
  ): Histogram {
    return this.getOrCreate(name, Histogram, () => new Histogram(name, help, labelNames, bounds));
  }
  addCollector(collector: Collector): void {
    this.collectors.push(collector);
  }

  async render(): Promise<string> {
    for (const collect of this.collectors) await collect();
    return `${[...this.metrics.values()].flatMap((m) => m.render()).join('\n')}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
