// Webhooks out (reference/xero-api.md §3.11): INVOICE, CONTACT and CREDITNOTE events, batched and
// signed with x-xero-signature = base64(HMAC-SHA256(key, raw body)); the intent-to-receive handshake
// (correctly signed empty payloads must get 200, incorrectly signed ones 401) before any delivery;
// retries with exponential backoff.
import { createHmac, randomBytes } from 'node:crypto';
import type { DomainEvent } from '../domain/orgContext';
import { toUtcStamp } from '../domain/xeroDates';
import type { EmulatorLog, WebhookSettings } from '../options';

export function signWebhookBody(key: string, rawBody: string | Buffer): string {
  return createHmac('sha256', key).update(rawBody).digest('base64');
}

export interface IntentCheck {
  signature: 'valid' | 'invalid';
  expected: number;
  status: number | null;
  error?: string;
}

export interface IntentResult {
  ok: boolean;
  checks: IntentCheck[];
}

export interface Delivery {
  attempt: number;
  status: number | null;
  ok: boolean;
  eventCount: number;
  firstEventSequence: number;
  error?: string;
}

export interface WebhookStatus {
  url: string | null;
  state: 'none' | 'pending' | 'active' | 'intent-failed';
  intent?: IntentResult;
  deliveries: Delivery[];
  queued: number;
}

interface Options {
  now: () => number;
  resourceBase: () => string;
  log: EmulatorLog;
  batchDelayMs?: number;
  retryBaseMs?: number;
  maxAttempts?: number;
}

const entropy = () =>
  randomBytes(15)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'X')
    .slice(0, 20)
    .toUpperCase();
const RESOURCE: Record<DomainEvent['category'], string> = {
  INVOICE: 'Invoices',
  CONTACT: 'Contacts',
  CREDITNOTE: 'CreditNotes',
};

export class WebhookSender {
  private settings: WebhookSettings | null = null;
  private state: WebhookStatus['state'] = 'none';
  private intent?: IntentResult;
  private queue: DomainEvent[] = [];
  private readonly deliveries: Delivery[] = [];
  private sequence = 0;
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: Options) {}

  async configure(settings: WebhookSettings | null): Promise<IntentResult | undefined> {
    this.settings = settings;
    this.intent = undefined;
    if (!settings) {
      this.state = 'none';
      return undefined;
    }
    this.state = 'pending';
    const checks: IntentCheck[] = [];
    for (const signature of ['valid', 'invalid', 'valid', 'invalid'] as const) {
      const body = JSON.stringify({
        events: [],
        lastEventSequence: 0,
        firstEventSequence: 0,
        entropy: entropy(),
      });
      const sign = signature === 'valid' ? settings.key : `${settings.key}-wrong`;
      const outcome = await this.post(settings.url, body, signWebhookBody(sign, body));
      checks.push({ signature, expected: signature === 'valid' ? 200 : 401, ...outcome });
    }
    const ok = checks.every((c) => c.status === c.expected);
    this.intent = { ok, checks };
    this.state = ok ? 'active' : 'intent-failed';
    this.options.log.info({ url: settings.url, ok }, 'webhook intent to receive');
    if (ok) this.schedule();
    return this.intent;
  }

  enqueue(events: DomainEvent[]): void {
    if (events.length === 0 || this.state === 'none' || this.state === 'intent-failed') return;
    this.queue.push(...events);
    this.schedule();
  }

  status(): WebhookStatus {
    return {
      url: this.settings?.url ?? null,
      state: this.state,
      intent: this.intent,
      deliveries: [...this.deliveries],
      queued: this.queue.length,
    };
  }

  /** Resolves when every queued batch has been delivered or has used up its retries. */
  async idle(): Promise<void> {
    while (this.timer || this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
      if (this.timer) await new Promise((resolve) => setTimeout(resolve, this.options.batchDelayMs ?? 50));
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.state !== 'active' || this.queue.length === 0 || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = this.queue.splice(0);
      const job = this.deliver(batch).finally(() => this.inFlight.delete(job));
      this.inFlight.add(job);
    }, this.options.batchDelayMs ?? 50);
  }

  private async deliver(events: DomainEvent[]): Promise<void> {
    const settings = this.settings;
    if (!settings || events.length === 0) return;
    const first = this.sequence + 1;
    this.sequence += events.length;
    const body = JSON.stringify({
      events: events.map((e) => this.toPayloadEvent(e)),
      lastEventSequence: this.sequence,
      firstEventSequence: first,
      entropy: entropy(),
    });
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; attempt <= maxAttempts && !this.stopped; attempt += 1) {
      const outcome = await this.post(settings.url, body, signWebhookBody(settings.key, body));
      const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
      this.deliveries.push({ attempt, ok, eventCount: events.length, firstEventSequence: first, ...outcome });
      if (ok) return;
      if (attempt < maxAttempts) await this.backoff(attempt);
    }
    this.options.log.warn({ url: settings.url, events: events.length }, 'webhook delivery gave up');
  }

  private backoff(attempt: number): Promise<void> {
    const delay = (this.options.retryBaseMs ?? 500) * 2 ** (attempt - 1);
    return new Promise((resolve) => setTimeout(resolve, delay).unref());
  }

  private toPayloadEvent(event: DomainEvent): Record<string, unknown> {
    return {
      resourceUrl: `${this.options.resourceBase()}/${RESOURCE[event.category]}/${event.resourceId}`,
      resourceId: event.resourceId,
      eventDateUtc: toUtcStamp(this.options.now()),
      eventType: event.type,
      eventCategory: event.category,
      tenantId: event.tenantId,
      tenantType: 'ORGANISATION',
      ...(event.data ? { data: event.data } : {}),
    };
  }

  private async post(
    url: string,
    body: string,
    signature: string,
  ): Promise<{ status: number | null; error?: string }> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-xero-signature': signature },
        body,
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      return { status: response.status };
    } catch (error) {
      return { status: null, error: (error as Error).message };
    }
  }
}
