import { randomBytes } from 'node:crypto';
import {
  checkConnectNonce,
  constantTimeEqual,
  createPkcePair,
  pkceChallenge,
  signState,
  verifyState,
} from '../../src/oauth/state';
import { InMemoryOAuthStateStore } from '../../src/oauth/memoryPorts';
import { TestClock } from './oauthHarness';

const KEY = randomBytes(32);
const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
const PAYLOAD = { connectionId: 'conn-1', nonce: 'n1', exp: NOW + 600_000, verifierRef: 'ref-1' };

describe('signed OAuth state', () => {
  it('verifies a state it signed and returns its payload', () => {
    expect(verifyState(signState(PAYLOAD, KEY), KEY, NOW)).toEqual({ ok: true, value: PAYLOAD });
  });

  it('refuses a state signed with another key', () => {
    expect(verifyState(signState(PAYLOAD, randomBytes(32)), KEY, NOW)).toEqual({
      ok: false,
      failure: 'badSignature',
    });
  });

  it('refuses a state whose payload was swapped for another connection', () => {
    const [, signature] = signState(PAYLOAD, KEY).split('.');
    const forged = Buffer.from(JSON.stringify({ ...PAYLOAD, connectionId: 'conn-2' })).toString('base64url');
    expect(verifyState(`${forged}.${signature}`, KEY, NOW)).toEqual({ ok: false, failure: 'badSignature' });
  });

  it('refuses an expired state', () => {
    expect(verifyState(signState(PAYLOAD, KEY), KEY, PAYLOAD.exp)).toEqual({ ok: false, failure: 'expired' });
  });

  it.each(['', 'garbage', 'a.b.c', '.sig'])('refuses the malformed state %p', (state) => {
    expect(verifyState(state, KEY, NOW).ok).toBe(false);
  });
});

describe('PKCE', () => {
  it('matches the RFC 7636 S256 example', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates a verifier of 43-128 unreserved characters and its challenge', () => {
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(pair.challenge).toBe(pkceChallenge(pair.verifier));
  });

  it('rejects a verifier shorter than 43 characters', () => {
    expect(() => pkceChallenge('short')).toThrow(/43-128/);
  });
});

describe('connect nonce', () => {
  const issued = new Date(NOW - 60_000);

  it('honours a matching nonce under 10 minutes old', () => {
    expect(checkConnectNonce({ nonce: 'abc', nonceIssuedOn: issued }, 'abc', NOW)).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it.each([
    ['missing on the row', { nonce: null, nonceIssuedOn: issued }, 'abc', 'missing'],
    ['not presented', { nonce: 'abc', nonceIssuedOn: issued }, '', 'missing'],
    ['mismatched', { nonce: 'abc', nonceIssuedOn: issued }, 'abd', 'mismatch'],
    ['a prefix of the real one', { nonce: 'abcdef', nonceIssuedOn: issued }, 'abc', 'mismatch'],
    ['stale', { nonce: 'abc', nonceIssuedOn: new Date(NOW - 10 * 60_000 - 1) }, 'abc', 'stale'],
    ['dated in the future', { nonce: 'abc', nonceIssuedOn: new Date(NOW + 5 * 60_000) }, 'abc', 'stale'],
  ])('refuses a nonce that is %s', (_case, row, presented, reason) => {
    expect(checkConnectNonce(row, presented, NOW)).toEqual({ ok: false, failure: reason });
  });

  it('compares strings of different lengths without throwing', () => {
    expect(constantTimeEqual('a', 'a much longer secret')).toBe(false);
  });
});

describe('in-memory OAuth state store', () => {
  it('hands a value out once', async () => {
    const store = new InMemoryOAuthStateStore(new TestClock());
    await store.put('k', 'v', 1000);
    expect(await store.take('k')).toBe('v');
    expect(await store.take('k')).toBeNull();
  });

  it('does not hand out an expired value', async () => {
    const clock = new TestClock();
    const store = new InMemoryOAuthStateStore(clock);
    await store.put('k', 'v', 1000);
    clock.advance(1000);
    expect(await store.take('k')).toBeNull();
  });
});
