import { parseConfigureArgs } from '../../configure/args';

const CREDENTIALS = ['--tenant', 't-1', '--client-id', 'c-1', '--client-secret', 's-1'];

describe('parseConfigureArgs', () => {
  it('reads the org, the relay and the credentials from the options', () => {
    const parsed = parseConfigureArgs([
      '--org',
      'https://org.crm.dynamics.com/',
      '--relay',
      'https://relay.example/',
      ...CREDENTIALS,
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: {
        orgUrl: 'https://org.crm.dynamics.com',
        relayUrl: 'https://relay.example',
        salesHub: false,
        secret: undefined,
        credentials: {
          tenantId: 't-1',
          clientId: 'c-1',
          clientSecret: 's-1',
          authorityHost: undefined,
          authorityMetadata: undefined,
        },
      },
    });
  });

  it('takes the credentials and the webhook secret from ENTRA_* and DATAVERSE_WEBHOOK_SECRET', () => {
    const parsed = parseConfigureArgs(
      ['--org', 'https://org.crm.dynamics.com', '--relay', 'https://relay.example'],
      {
        ENTRA_TENANT_ID: 'env-t',
        ENTRA_CLIENT_ID: 'env-c',
        ENTRA_CLIENT_SECRET: 'env-s',
        DATAVERSE_WEBHOOK_SECRET: 'from-the-environment-123',
      },
    );
    expect(parsed.ok && parsed.value.credentials).toMatchObject({
      tenantId: 'env-t',
      clientId: 'env-c',
      clientSecret: 'env-s',
    });
    expect(parsed.ok && parsed.value.secret).toBe('from-the-environment-123');
  });

  it('prefers an option over the environment', () => {
    const parsed = parseConfigureArgs(
      ['--org=https://a.example', '--relay=https://b.example', '--tenant=opt', ...CREDENTIALS.slice(2)],
      {
        ENTRA_TENANT_ID: 'env',
      },
    );
    expect(parsed.ok && parsed.value.credentials.tenantId).toBe('opt');
  });

  it('turns the Sales Hub step on with --saleshub', () => {
    const parsed = parseConfigureArgs([
      '--org',
      'https://a.example',
      '--relay',
      'https://b.example',
      '--saleshub',
      ...CREDENTIALS,
    ]);
    expect(parsed.ok && parsed.value.salesHub).toBe(true);
  });

  it('lists every problem at once, naming each option', () => {
    const parsed = parseConfigureArgs(['--org', 'ftp://org', '--bogus']);
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? '' : parsed.failure;
    expect(message).toContain('Unknown option --bogus.');
    expect(message).toContain('--org must be an http(s) URL, not "ftp://org".');
    expect(message).toContain('--relay is required.');
    expect(message).toContain('--tenant (or ENTRA_TENANT_ID) is required.');
  });

  it('refuses a webhook secret that cannot be sent as a header', () => {
    const parsed = parseConfigureArgs([
      '--org',
      'https://a.example',
      '--relay',
      'https://b.example',
      '--secret',
      'short',
      ...CREDENTIALS,
    ]);
    expect(parsed.ok ? '' : parsed.failure).toMatch(/^--secret must be 16 to 256 characters/);
  });

  it('says an option without its value needs one', () => {
    const parsed = parseConfigureArgs(['--org', '--relay', 'https://b.example', ...CREDENTIALS]);
    expect(parsed.ok ? '' : parsed.failure.split('\n')).toEqual([
      '--org needs a value.',
      '--org is required.',
      expect.stringMatching(/^Usage:/),
    ]);
  });
});
