// Idempotency-Key (reference/xero-api.md §3.3, docs/xero-behaviour.md#idempotency-key): at most 128
// characters; keys are processed per app; kept for 6 minutes from the first call (the window is an
// option), after which the same key is a new request; the same key with another request is refused
// (400); and an error answer, a 500 too, is kept and replayed like any other.
import { createHash } from 'node:crypto';
import type { HttpReply, HttpRequest } from '../http/messages';
import type { Store } from '../store';

interface StoredReply {
  fingerprint: string;
  createdMs: number;
  reply: HttpReply;
}

export type IdempotencyLookup =
  | { kind: 'none' }
  | { kind: 'new'; remember: (reply: HttpReply) => void }
  | { kind: 'replay'; reply: HttpReply }
  | { kind: 'conflict' }
  | { kind: 'invalid'; message: string };

export class IdempotencyKeys {
  constructor(
    private readonly store: Store,
    public windowMs: number,
    private readonly now: () => number,
  ) {}

  /** `appId` scopes the key (Xero: "Key re-use is processed per app"); the tenant is part of the request. */
  lookup(appId: string, tenantId: string, req: HttpRequest): IdempotencyLookup {
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) return { kind: 'none' };
    if (key.length > 128)
      return { kind: 'invalid', message: 'The Idempotency-Key header must be 128 characters or fewer.' };
    const fingerprint = createHash('sha256')
      .update(`${tenantId}\n${req.method} ${req.path.toLowerCase()}?${req.query.toString()}\n`)
      .update(req.rawBody)
      .digest('base64');
    const storeKey = `${appId}:${key}`;
    const stored = this.store.idempotencyKeys.get(storeKey) as StoredReply | undefined;
    if (stored && this.now() - stored.createdMs < this.windowMs) {
      return stored.fingerprint === fingerprint
        ? { kind: 'replay', reply: stored.reply }
        : { kind: 'conflict' };
    }
    return {
      kind: 'new',
      remember: (reply) =>
        this.store.idempotencyKeys.put(storeKey, { fingerprint, createdMs: this.now(), reply }),
    };
  }
}
