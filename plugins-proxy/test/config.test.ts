import { ConfigError, DEFAULT_XERO_SCOPES, loadConfig } from '../src/config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const VALID = {
  PUBLIC_URL: 'http://127.0.0.1:3000/',
  DATAVERSE_URL: 'https://contoso.crm.dynamics.com/',
  ENTRA_TENANT_ID: 'tenant',
  ENTRA_CLIENT_ID: 'client',
  ENTRA_CLIENT_SECRET: 'secret',
  XERO_CLIENT_ID: 'xero-client',
  XERO_CLIENT_SECRET: 'xero-secret',
  XERO_WEBHOOK_KEY: 'xero-webhook-key',
  DATAVERSE_WEBHOOK_SECRET: 'a-long-webhook-secret',
  ENCRYPTION_KEY: KEY,
  ENCRYPTION_KEY_ID: 'k2',
};

function problemsFor(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal environment', () => {
    const config = loadConfig(VALID);
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      dataverseOrigin: 'https://contoso.crm.dynamics.com',
      databaseUrl: 'sqlite:.sandbox/relay.db',
      workerConcurrency: 4,
      reconcilerIntervalMs: 30_000,
      paymentsIntervalMs: 300_000,
      referenceIntervalMs: 6 * 60 * 60 * 1000,
      orgId: 'contoso.crm.dynamics.com',
      xero: {
        apiBaseUrl: 'https://api.xero.com/api.xro/2.0',
        identityBaseUrl: 'https://identity.xero.com',
        loginBaseUrl: 'https://login.xero.com',
        connectionsUrl: 'https://api.xero.com/connections',
        redirectUri: 'http://127.0.0.1:3000/oauth/callback',
        scopes: DEFAULT_XERO_SCOPES.split(' '),
      },
    });
  });

  it('names every missing variable in one error', () => {
    const problems = problemsFor({});
    for (const name of [
      'PUBLIC_URL',
      'DATAVERSE_URL',
      'ENTRA_CLIENT_SECRET',
      'XERO_WEBHOOK_KEY',
      'ENCRYPTION_KEY',
    ]) {
      expect(problems.some((p) => p.startsWith(`${name} `))).toBe(true);
    }
  });

  it.each([
    ['ENCRYPTION_KEY', 'c2hvcnQ='],
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://db/relay'],
    ['WORKER_CONCURRENCY', '0'],
    ['DYNAMICS_ORG_ID', 'not-a-guid'],
    ['ENTRA_AUTHORITY_METADATA', '{not json'],
    ['ENCRYPTION_KEYS_PREVIOUS', 'no-colon'],
    ['DATAVERSE_URL', 'ftp://contoso'],
  ])('refuses an invalid %s and names it', (name, value) => {
    expect(problemsFor({ ...VALID, [name]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${name} `)),
    ]);
  });

  it('takes the Starter tier’s daily limit by default, and another per organisation', () => {
    expect(loadConfig(VALID).xero).toMatchObject({ dailyLimit: 1000, dailyLimits: {} });
    const config = loadConfig({
      ...VALID,
      XERO_DAILY_LIMIT: '5000',
      XERO_DAILY_LIMITS: 't-1=1000, t-2=5000',
    });
    expect(config.xero).toMatchObject({ dailyLimit: 5000, dailyLimits: { 't-1': 1000, 't-2': 5000 } });
  });

  it('names XERO_DAILY_LIMITS when a pair is not tenantId=limit', () => {
    expect(problemsFor({ ...VALID, XERO_DAILY_LIMITS: 't-1:5000' }).join('\n')).toContain(
      'XERO_DAILY_LIMITS',
    );
  });

  it('reads previous encryption keys for rotation', () => {
    const old = Buffer.alloc(32, 1).toString('base64');
    const config = loadConfig({ ...VALID, ENCRYPTION_KEYS_PREVIOUS: `k1:${old}` });
    expect(config.encryption.previous).toEqual([{ id: 'k1', key: Buffer.alloc(32, 1) }]);
    expect(config.encryption.current.id).toBe('k2');
  });

  it('uses the Dynamics organisation id as the store org id when given', () => {
    const config = loadConfig({ ...VALID, DYNAMICS_ORG_ID: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' });
    expect(config.orgId).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  });
});
