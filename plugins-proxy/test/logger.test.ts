import { Writable } from 'node:stream';
import { COMPONENTS } from '../../solution/names';
import { createLogger, REDACTED, withIds } from '../src/logger';

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
        req: {
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
    expect(sink.lines()[0].req).toEqual({
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
