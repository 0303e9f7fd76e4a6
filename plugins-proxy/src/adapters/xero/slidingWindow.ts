/** Start times of calls in the last `spanMs`, kept as a queue so counting stays cheap at 10,000/min. */
export class SlidingWindow {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  record(at: number): void {
    this.times.push(at);
  }

  count(now: number): number {
    this.prune(now);
    return this.times.length - this.head;
  }

  /** Milliseconds until the count drops below `limit` (0 when it already is). */
  waitFor(limit: number, now: number): number {
    const count = this.count(now);
    if (count < limit) return 0;
    const freeing = this.times[this.head + (count - limit)];
    return Math.max(1, freeing + this.spanMs - now);
  }

  private prune(now: number): void {
    const cutoff = now - this.spanMs;
    while (this.head < this.times.length && this.times[this.head] <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}
