import { Writable } from 'node:stream';
import { COMPONENTS } from '../../solution/names';
import { createLogger, REDACTED, redactUrl, withIds } from '../src/logger';

function collect(): { lines: () => Record<string, unknown>[]; destination: Writable } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    destination,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('redacts authorization, cookie, signature and webhook secret headers', () => {
    const sink = collect();
    createLogger({ level: 'info', destination: sink.destination }).info(
      {
        request: {
          headers: {
            authorization: 'Bearer abc',
            cookie: 'sid=1',
            'x-xero-signature': 'sig',
            [COMPONENTS.webhookAuthHeader]: 'shh',
            accept: 'application/json',
          },
        },
      },
      'request',
    );
    expect(sink.lines()[0].request).toEqual({
      headers: {
        authorization: REDACTED,
        cookie: REDACTED,
        'x-xero-signature': REDACTED,
        [COMPONENTS.webhookAuthHeader]: REDACTED,
        accept: 'application/json',
      },
    });
  });

  it('redacts token fields at the top level and nested', () => {
    const sink = collect();
    createLogger({ level: 'info', destination: sink.destination }).info(
      { access_token: 'a1', tokenSet: { refresh_token: 'r1' }, xero: { response: { refreshToken: 'r2' } } },
      'tokens',
    );
    const text = JSON.stringify(sink.lines()[0]);
    expect(text).not.toMatch(/a1|r1|r2/);
  });

  it('binds the invoice, tenant and correlation ids and leaves out unknown ones', () => {
    const sink = collect();
    const logger = createLogger({ level: 'info', destination: sink.destination });
    withIds(logger, { invoiceId: 'inv-1', tenantId: 'ten-1', correlationId: 'cor-1', jobId: null }).info(
      'hello',
    );
    expect(sink.lines()[0]).toMatchObject({
      invoiceId: 'inv-1',
      tenantId: 'ten-1',
      correlationId: 'cor-1',
      level: 'info',
    });
    expect(sink.lines()[0]).not.toHaveProperty('jobId');
  });
});

describe('request lines', () => {
  it('log the method and the URL with one-time secrets redacted, never the headers', () => {
    const sink = collect();
    createLogger({ level: 'info', destination: sink.destination }).info(
      {
        req: {
          id: 'req-1',
          method: 'GET',
          url: '/oauth/connect?connection=42&nonce=xyz',
          ip: '127.0.0.1',
          headers: { authorization: 'Bearer abc' },
        },
      },
      'incoming request',
    );
    expect(sink.lines()[0].req).toEqual({
      id: 'req-1',
      method: 'GET',
      url: `/oauth/connect?connection=42&nonce=${REDACTED}`,
      remoteAddress: '127.0.0.1',
    });
  });
});

describe('redactUrl', () => {
  it('replaces the values of one-time secret query parameters and keeps the rest', () => {
    expect(redactUrl('/oauth/callback?code=abc&state=s1&scope=openid')).toBe(
      '/oauth/callback?code=[redacted]&state=[redacted]&scope=openid',
    );
    expect(redactUrl('/oauth/connect?connection=42&nonce=xyz')).toBe(
      '/oauth/connect?connection=42&nonce=[redacted]',
    );
  });

  it('leaves a URL without a query alone', () => {
    expect(redactUrl('/health')).toBe('/health');
  });
});
