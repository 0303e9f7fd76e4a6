/**
 * The OAuth ports over the relay's durable `Store`, so token refreshes, nonce claims and single-use
 * state hold across relay instances (docs/architecture.md#store-ports).
 */
import type { Store } from '../adapters/store/store';
import type { Clock, LockPort, OAuthStateStore, TokenStore } from './ports';
import { systemClock } from './ports';
import { randomToken } from './state';

const CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

export function storeTokenStore(
  store: Pick<Store, 'getToken' | 'putToken' | 'deleteToken'>,
  clock: Clock = systemClock,
): TokenStore {
  return {
    async get(connectionId) {
      const token = await store.getToken(connectionId);
      return token ? { blob: token.blob, version: token.version } : null;
    },
    async put(connectionId, tenantId, blob, expectedVersion) {
      const result = await store.putToken({ connectionId, tenantId, blob }, expectedVersion, clock.now());
      return result.written;
    },
    delete: (connectionId) => store.deleteToken(connectionId),
  };
}

export function storeLockPort(
  store: Pick<Store, 'tryLock' | 'unlock'>,
  clock: Clock = systemClock,
): LockPort {
  return {
    tryLock: (name, owner, ttlMs) => store.tryLock(name, owner, ttlMs, clock.now()),
    unlock: (name, owner) => store.unlock(name, owner),
  };
}

interface StateCursor {
  readonly value: string;
  readonly expiresAt: number;
  readonly generation: string;
}

export function storeOAuthStateStore(
  store: Pick<Store, 'tryLock' | 'getCursor' | 'setCursor'>,
  clock: Clock = systemClock,
): OAuthStateStore {
  const cursorName = (key: string) => `oauth-state:${key}`;
  return {
    async put(key, value, ttlMs) {
      const cursor: StateCursor = { value, expiresAt: clock.now() + ttlMs, generation: randomToken(12) };
      await store.setCursor(cursorName(key), JSON.stringify(cursor), clock.now());
    },
    async take(key) {
      const text = await store.getCursor(cursorName(key));
      if (!text) return null;
      const cursor = JSON.parse(text) as StateCursor;
      const claimed = await store.tryLock(
        `oauth-state-taken:${key}:${cursor.generation}`,
        randomToken(12),
        CLAIM_TTL_MS,
        clock.now(),
      );
      if (!claimed) return null;
      await store.setCursor(cursorName(key), '', clock.now());
      return cursor.expiresAt > clock.now() ? cursor.value : null;
    },
  };
}
