import { parseAuthValue } from '../../../sandbox/dataverse/remoteExecutionContext';
import { COMPONENTS } from '../../../solution/names';
import {
  fingerprintIn,
  generateSecret,
  httpHeaderAuthValue,
  secretFingerprint,
  secretProblem,
  withFingerprint,
} from '../../configure/authValue';

describe('httpHeaderAuthValue', () => {
  it('writes one header setting in the XML Dataverse takes for HttpHeader auth', () => {
    expect(httpHeaderAuthValue(COMPONENTS.webhookAuthHeader, 'abcdefghijklmnop')).toBe(
      '<settings><setting name="x-stellarise-webhook-secret" value="abcdefghijklmnop" /></settings>',
    );
  });

  it('is read back as the header name and value by a Dataverse webhook sender', () => {
    const secret = generateSecret();
    expect(parseAuthValue(httpHeaderAuthValue(COMPONENTS.webhookAuthHeader, secret))).toEqual({
      [COMPONENTS.webhookAuthHeader]: secret,
    });
  });

  it('escapes characters that would break the XML attribute', () => {
    expect(httpHeaderAuthValue('h', 'a"b<c>&d')).toContain('value="a&quot;b&lt;c&gt;&amp;d"');
  });
});

describe('secretProblem', () => {
  it('accepts a generated secret', () => {
    expect(secretProblem(generateSecret(), '--secret')).toBeNull();
  });

  it.each([['short'], ['has spaces in it, sixteen+'], ['quote"quote"quote"']])(
    'names the option when the secret %j cannot be sent as a header',
    (secret) => {
      expect(secretProblem(secret, '--secret')).toMatch(/^--secret must be 16 to 256 characters/);
    },
  );
});

describe('secret fingerprint in the description', () => {
  it('is found again after it was written', () => {
    const described = withFingerprint('Sends new sync requests to the relay.', 'abcdefghijklmnop');
    expect(fingerprintIn(described)).toBe(secretFingerprint('abcdefghijklmnop'));
    expect(described.startsWith('Sends new sync requests to the relay. [webhook secret sha256:')).toBe(true);
  });

  it('replaces the earlier fingerprint instead of adding a second one', () => {
    const first = withFingerprint('Relay webhook', 'first-secret-0123456789');
    const second = withFingerprint(first, 'second-secret-0123456789');
    expect(second.match(/webhook secret sha256/g)).toHaveLength(1);
    expect(fingerprintIn(second)).toBe(secretFingerprint('second-secret-0123456789'));
  });

  it('is absent from a description nobody configured', () => {
    expect(fingerprintIn('Relay webhook')).toBeNull();
  });
});
