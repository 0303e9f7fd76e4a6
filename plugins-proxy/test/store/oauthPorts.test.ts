import { storeLockPort, storeStatePort, storeTokenPort } from '../../src/adapters/store/oauthPorts';
import { openMemoryStore } from '../../src/adapters/store/openStore';

const clock = {
  current: 1_700_000_000_000,
  now() {
    return this.current;
  },
};

describe('OAuth ports over the store', () => {
  const store = openMemoryStore();
  afterAll(() => store.close());

  it('stores tokens with compare-and-set', async () => {
    const tokens = storeTokenPort(store, clock);
    expect(await tokens.put('c1', 't1', 'blob-1', 0)).toBe(true);
    expect(await tokens.put('c1', 't1', 'blob-x', 0)).toBe(false);
    expect(await tokens.get('c1')).toEqual({ blob: 'blob-1', version: 1 });
    await tokens.delete('c1');
    expect(await tokens.get('c1')).toBeNull();
  });

  it('shares refresh locks', async () => {
    const locks = storeLockPort(store, clock);
    expect(await locks.tryLock('refresh:c1', 'a', 1000)).toBe(true);
    expect(await locks.tryLock('refresh:c1', 'b', 1000)).toBe(false);
    await locks.unlock('refresh:c1', 'a');
    expect(await locks.tryLock('refresh:c1', 'b', 1000)).toBe(true);
  });

  it('hands out an OAuth value at most once and not after its ttl', async () => {
    const state = storeStatePort(store, clock);
    await state.put('pkce:1', 'v1', 1000);
    await state.put('pkce:2', 'v2', 1000);
    expect(await state.take('pkce:1')).toBe('v1');
    expect(await state.take('pkce:1')).toBeNull();
    clock.current += 1000;
    expect(await state.take('pkce:2')).toBeNull();
  });
});
