/**
 * The OAuth core's ports (oauth/ports.ts) over the relay's Store, so tokens, refresh locks and
 * single-use OAuth values are shared by every relay instance on the same database.
 */
import type { Clock, LockPort, OAuthStateStore, TokenStore } from '../../oauth/ports';
import type { Store } from './store';

const systemClock: Clock = { now: () => Date.now() };

export function storeTokenPort(store: Store, clock: Clock = systemClock): TokenStore {
  return {
    async get(connectionId) {
      const token = await store.getToken(connectionId);
      return token ? { blob: token.blob, version: token.version } : null;
    },
    async put(connectionId, tenantId, blob, expectedVersion) {
      return (await store.putToken({ connectionId, tenantId, blob }, expectedVersion, clock.now())).written;
    },
    delete: (connectionId) => store.deleteToken(connectionId),
  };
}

export function storeLockPort(store: Store, clock: Clock = systemClock): LockPort {
  return {
    tryLock: (name, owner, ttlMs) => store.tryLock(name, owner, ttlMs, clock.now()),
    unlock: (name, owner) => store.unlock(name, owner),
  };
}

export function storeStatePort(store: Store, clock: Clock = systemClock): OAuthStateStore {
  return {
    put: (key, value, ttlMs) => store.putEphemeral(key, value, ttlMs, clock.now()),
    take: (key) => store.takeEphemeral(key, clock.now()),
  };
}
