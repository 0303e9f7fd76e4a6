import { parseRetryAfter, toXeroError, XeroError } from '../../../src/adapters/xero/errors';
import { readBatchElements } from '../../../src/adapters/xero/batchResults';

const sdkRejection = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
  JSON.stringify({ response: { statusCode, body, headers, request: {} }, body });

describe('toXeroError', () => {
  it.each([
    ['validation', 400, false],
    ['auth', 401, false],
    ['auth', 403, false],
    ['notFound', 404, false],
    ['rateLimit', 429, true],
    ['server', 500, true],
    ['server', 503, true],
    ['unknown', 409, false],
  ] as const)('classifies an SDK JSON-string rejection as %s for HTTP %i', (kind, status, retryable) => {
    expect(toXeroError(sdkRejection(status, {}))).toMatchObject({ kind, status, retryable });
  });

  it('keeps every ValidationErrors message verbatim and drops the generic top-level message', () => {
    const body = {
      Message: 'A validation exception occurred',
      Elements: [
        { ValidationErrors: [{ Message: "The TaxType code 'GST on Income' is not valid" }] },
        { ValidationErrors: [{ Message: 'Account could not be found' }] },
      ],
    };
    expect(toXeroError(sdkRejection(400, body)).messages).toEqual([
      "The TaxType code 'GST on Income' is not valid",
      'Account could not be found',
    ]);
  });

  it('reads Retry-After and X-Rate-Limit-Problem from a 429', () => {
    const error = toXeroError(
      sdkRejection(429, '', { 'retry-after': '12', 'x-rate-limit-problem': 'minute' }),
    );
    expect(error).toMatchObject({ kind: 'rateLimit', retryAfterMs: 12_000, problem: 'minute' });
  });

  it('uses the Detail of an auth failure as its message', () => {
    const error = toXeroError(
      sdkRejection(401, { Title: 'Unauthorized', Detail: 'AuthenticationUnsuccessful' }),
    );
    expect(error.messages).toEqual(['AuthenticationUnsuccessful']);
  });

  it('treats an SDK rejection without a status (socket hang up) as a retryable network error', () => {
    expect(toXeroError(sdkRejection(0, 'socket hang up'))).toMatchObject({
      kind: 'network',
      retryable: true,
      messages: ['socket hang up'],
    });
  });

  it('normalises a non-2xx answer the SDK rejected as an object', () => {
    const rejection = { response: { status: 503, headers: { 'Retry-After': '3' } }, body: undefined };
    expect(toXeroError(rejection)).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 3000 });
  });

  it('normalises axios and socket errors that never reached Xero', () => {
    expect(toXeroError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toMatchObject({
      kind: 'network',
      retryable: true,
    });
    expect(
      toXeroError(Object.assign(new Error('timeout of 50ms exceeded'), { code: 'ECONNABORTED' })),
    ).toMatchObject({ kind: 'network' });
  });

  it('calls anything else unknown and not retryable', () => {
    expect(toXeroError(new TypeError('boom'))).toMatchObject({
      kind: 'unknown',
      retryable: false,
      messages: ['boom'],
    });
    expect(toXeroError('not json')).toMatchObject({ kind: 'unknown', messages: ['not json'] });
  });

  it('returns a XeroError unchanged', () => {
    const error = new XeroError({ kind: 'auth', status: 401, messages: ['x'], retryable: false });
    expect(toXeroError(error)).toBe(error);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('readBatchElements', () => {
  it('separates the failed elements of a summarizeErrors=false batch from the good ones', () => {
    const results = readBatchElements(
      [
        { invoiceID: 'a1', statusAttributeString: 'OK' },
        {
          invoiceID: '00000000-0000-0000-0000-000000000000',
          hasErrors: true,
          validationErrors: [{ message: 'Invoice # must be unique.' }],
        },
        { paymentID: undefined, hasValidationErrors: false },
      ],
      'invoiceID',
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(results[0].id).toBe('a1');
    expect(results[1].messages).toEqual(['Invoice # must be unique.']);
    expect(results[2].messages).toEqual(['Xero returned no id for this element']);
  });

  it('reads PascalCase elements too', () => {
    const [result] = readBatchElements(
      [{ ContactID: 'c1', HasValidationErrors: true, StatusAttributeString: 'ERROR' }],
      'contactID',
    );
    expect(result).toMatchObject({ ok: false, id: 'c1', messages: ['Xero marked this element as failed'] });
  });
});
