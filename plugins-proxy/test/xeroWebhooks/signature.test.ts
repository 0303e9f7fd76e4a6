import { computeXeroSignature, isValidXeroSignature } from '../../src/xeroWebhooks/signature';

const KEY = 'test-webhook-key';
const BODY = Buffer.from(
  '{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}',
);
const SIGNATURE = 'qAYGQdoiCV3g0uAzbvP5M/6dDgNoDUK8EQfOLs1aIws=';

describe('Xero webhook signature', () => {
  it('reproduces the reference test vector', () => {
    expect(computeXeroSignature(KEY, BODY)).toBe(SIGNATURE);
  });

  it('accepts the test vector signature', () => {
    expect(isValidXeroSignature(KEY, BODY, SIGNATURE)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['truncated', SIGNATURE.slice(0, -2)],
    ['one character off', `b${SIGNATURE.slice(1)}`],
    ['longer', `${SIGNATURE}AA`],
  ])('refuses a %s signature', (_case, signature) => {
    expect(isValidXeroSignature(KEY, BODY, signature)).toBe(false);
  });

  it('refuses the right signature over a body re-serialised with different whitespace', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 1));
    expect(isValidXeroSignature(KEY, reformatted, SIGNATURE)).toBe(false);
  });

  it('refuses when signed with another key', () => {
    expect(isValidXeroSignature('another-key', BODY, SIGNATURE)).toBe(false);
  });
});
