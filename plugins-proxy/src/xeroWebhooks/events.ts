/**
 * Turns a verified Xero webhook payload into targeted pull requests, duplicates collapsed; a malformed
 * event is skipped, not fatal (docs/architecture.md#xero-webhooks).
 */
import { failure, success, type Result } from '../domain/result';

export type WebhookCategory = 'INVOICE' | 'CREDITNOTE' | 'CONTACT';

export interface TargetedPull {
  readonly tenantId: string;
  readonly category: WebhookCategory;
  readonly resourceId: string;
}

interface WebhookDelivery {
  readonly pulls: TargetedPull[];
  /** True for the intent-to-receive handshake: a signed delivery with no events. */
  readonly isHandshake: boolean;
  readonly firstEventSequence: number | null;
  readonly lastEventSequence: number | null;
}

export type WebhookPayload = Result<WebhookDelivery>;

const CATEGORIES: readonly WebhookCategory[] = ['INVOICE', 'CREDITNOTE', 'CONTACT'];
// CREATE and UPDATE (archiving is an UPDATE); the docs show mixed case, so compare upper-cased.
const EVENT_TYPES = new Set(['CREATE', 'UPDATE']);

export function parseWebhookPayload(rawBody: Buffer): WebhookPayload {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return failure('the body is not JSON');
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as Record<string, unknown>).events)
  ) {
    return failure('the body has no events list');
  }
  const body = value as Record<string, unknown>;
  const events = body.events as unknown[];
  const seen = new Set<string>();
  const pulls: TargetedPull[] = [];
  for (const event of events) {
    const pull = toTargetedPull(event);
    if (!pull) continue;
    const key = `${pull.tenantId}|${pull.category}|${pull.resourceId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pulls.push(pull);
  }
  return success({
    pulls,
    isHandshake: events.length === 0,
    firstEventSequence: typeof body.firstEventSequence === 'number' ? body.firstEventSequence : null,
    lastEventSequence: typeof body.lastEventSequence === 'number' ? body.lastEventSequence : null,
  });
}

function toTargetedPull(event: unknown): TargetedPull | null {
  if (typeof event !== 'object' || event === null) return null;
  const { eventCategory, eventType, tenantId, resourceId, tenantType } = event as Record<string, unknown>;
  if (typeof eventCategory !== 'string' || typeof eventType !== 'string') return null;
  if (typeof tenantId !== 'string' || typeof resourceId !== 'string' || !tenantId || !resourceId) return null;
  if (typeof tenantType === 'string' && tenantType.toUpperCase() !== 'ORGANISATION') return null;
  const category = CATEGORIES.find((candidate) => candidate === eventCategory.toUpperCase());
  if (!category || !EVENT_TYPES.has(eventType.toUpperCase())) return null;
  return { tenantId, category, resourceId };
}
