/**
 * Xero tokens at rest: the raw bytes of the store (the SQLite file and its WAL, or the rows
 * PostgreSQL returns when the tests run on it) never hold an access or refresh token, nor the
 * encryption key; only the AES-GCM blob that needs ENCRYPTION_KEY to open.
 */
import fs from 'node:fs';
import { Client } from 'pg';
import { parseDatabaseUrl } from '../../src/adapters/store/openStore';
import { TokenCipher } from '../../src/oauth/crypto';
import { openTokenSet } from '../../src/oauth/tokenSet';
import { startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurityHarness();
  // A real sync first, so the token row has been read, refreshed if due, and written through.
  const rowId = await h.queueSync(await h.createInvoice({ lines: [{ product: 'WIDGET' }] }));
  await h.waitForFinal(rowId);
}, 90_000);
afterAll(() => h?.stop());

/** Everything the store keeps, as bytes: the database files, or every token row as text. */
async function rawStoreBytes(): Promise<Buffer> {
  const location = parseDatabaseUrl(h.config.databaseUrl);
  if (location?.dialect === 'sqlite') {
    const files = [location.file, `${location.file}-wal`].filter((file) => fs.existsSync(file));
    return Buffer.concat(files.map((file) => fs.readFileSync(file)));
  }
  const client = new Client({ connectionString: h.config.databaseUrl });
  await client.connect();
  try {
    const rows = await client.query('SELECT t::text AS row FROM tokens t');
    return Buffer.from(rows.rows.map((r: { row: string }) => r.row).join('\n'), 'utf8');
  } finally {
    await client.end();
  }
}

async function storedTokens() {
  const stored = await h.store.getToken(h.seed.connectionId);
  if (!stored) throw new Error('the seeded connection has no token row');
  return openTokenSet(new TokenCipher(h.config.encryption.current), h.seed.connectionId, stored.blob);
}

it('keeps the token row itself in the bytes searched (the search looks in the right place)', async () => {
  expect((await rawStoreBytes()).includes(h.seed.connectionId)).toBe(true);
});

it('holds no Xero access token in the raw store', async () => {
  const { accessToken } = await storedTokens();
  expect(accessToken.length).toBeGreaterThan(20);
  expect((await rawStoreBytes()).includes(accessToken)).toBe(false);
});

it('holds no Xero refresh token in the raw store', async () => {
  const { refreshToken } = await storedTokens();
  expect(refreshToken.length).toBeGreaterThan(20);
  expect((await rawStoreBytes()).includes(refreshToken)).toBe(false);
});

it('holds neither the encryption key nor any JWT in the raw store', async () => {
  const bytes = (await rawStoreBytes()).toString('latin1');
  expect(bytes.includes(h.config.encryption.current.key.toString('base64'))).toBe(false);
  expect(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(bytes)).toBe(false);
});
