// Idempotency-Key (reference/xero-api.md §3.3): max 128 characters; keyed by (tenant, key); the same
// key with the same request replays the first reply (status and body); with a different request it
// is refused. Keys expire after a configurable window (default 24 h; Xero's own is not published).
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

  lookup(tenantId: string, req: HttpRequest): IdempotencyLookup {
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) return { kind: 'none' };
    if (key.length > 128)
      return { kind: 'invalid', message: 'The Idempotency-Key header must be 128 characters or fewer.' };
    const fingerprint = createHash('sha256')
      .update(`${req.method} ${req.path.toLowerCase()}?${req.query.toString()}\n`)
      .update(req.rawBody)
      .digest('base64');
    const storeKey = `${tenantId}:${key}`;
    const stored = this.store.idempotencyKeys.get(storeKey) as StoredReply | undefined;
    if (stored && this.now() - stored.createdMs < this.windowMs) {
      return stored.fingerprint === fingerprint
        ? { kind: 'replay', reply: stored.reply }
        : { kind: 'conflict' };
    }
    return {
      kind: 'new',
      remember: (reply) => {
        // Server faults are not remembered, so a retry after one gets a real answer.
        if (reply.status >= 500) return;
        this.store.idempotencyKeys.put(storeKey, { fingerprint, createdMs: this.now(), reply });
      },
    };
  }
}
