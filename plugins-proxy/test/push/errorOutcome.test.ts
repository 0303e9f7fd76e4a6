import { DataverseError } from '../../src/adapters/dataverse/errors';
import { XeroError } from '../../src/adapters/xero/errors';
import { ConnectionNeedsAttention } from '../../src/oauth/errors';
import { errorOutcome } from '../../src/push/errorOutcome';

describe('errorOutcome', () => {
  it.each([
    [
      'a Xero 429',
      new XeroError({
        kind: 'rateLimit',
        status: 429,
        messages: ['slow down'],
        retryable: true,
        retryAfterMs: 7000,
      }),
      7000,
    ],
    ['a Xero 503', new XeroError({ kind: 'server', status: 503, messages: ['down'], retryable: true }), 0],
    ['a Dataverse 429', new DataverseError(429, '0x80072322', 'throttled', 3000), 3000],
    ['a Dataverse 503', new DataverseError(503, '', 'unavailable'), 0],
  ])('retries %s after its Retry-After', (_what, error, afterMs) => {
    expect(errorOutcome(error)).toMatchObject({ type: 'retry', afterMs });
  });

  it("fails with Xero's validation messages verbatim", () => {
    const error = new XeroError({
      kind: 'validation',
      status: 400,
      messages: ["Account code '999' is not a valid code for this document."],
      retryable: false,
    });
    expect(errorOutcome(error)).toEqual({
      type: 'failed',
      messages: ["Account code '999' is not a valid code for this document."],
    });
  });

  it('holds the job when the connection needs a person', () => {
    const error = new ConnectionNeedsAttention('c-1', 'invalid_grant', 'Reconnect Xero.');
    expect(errorOutcome(error).type).toBe('held');
  });

  it('rethrows what it does not understand (a bug)', () => {
    expect(() => errorOutcome(new TypeError('boom'))).toThrow('boom');
  });
});
