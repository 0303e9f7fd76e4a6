/**
 * "Nothing was duplicated in Xero" only when the send ledger knows it (docs/xero-behaviour.md#exactly-once).
 */
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { gaveUpMessage } from '../../src/push/errorOutcome';
import { gaveUpLedger } from '../../src/push/gaveUp';
import { job } from './pushFixture';

const ROW = '6f1c2d3e-0000-4000-8000-0000000000f1';
let store: Store;

beforeEach(() => {
  store = openMemoryStore();
});
afterEach(() => store.close());

const record = (fields: Record<string, unknown>) =>
  store.recordIdempotency(
    {
      syncRowId: ROW,
      tenantId: '',
      idempotencyKey: 'k',
      xeroDocumentId: null,
      xeroNumber: null,
      phase: 'sent',
      ...fields,
    },
    1,
  );

async function message(): Promise<string> {
  return gaveUpMessage(
    8,
    'Xero did not accept the request just now (HTTP 503).',
    await gaveUpLedger(store, job(ROW)),
  );
}

it('says nothing was duplicated when nothing was ever sent', async () => {
  expect(await message()).toContain('Nothing was sent to Xero, so nothing was duplicated there.');
});

it('says Xero holds it once when Xero confirmed the document', async () => {
  await record({ xeroDocumentId: 'x-1', phase: 'confirmed' });
  expect(await message()).toContain('Xero holds the document once');
});

it('does not claim nothing was duplicated when the last send may have reached Xero unanswered', async () => {
  await record({ lastAnswer: 'none' });
  const text = await message();
  expect(text).not.toMatch(/nothing was duplicated/i);
  expect(text).toContain('check Xero for this document before syncing it again');
});

it('says Xero holds no copy when it turned the last send down', async () => {
  await record({ lastAnswer: 'refused' });
  expect(await message()).toContain('holds no copy of this document');
});

it('makes no claim about documents for a job that sends none', async () => {
  expect(await gaveUpLedger(store, { ...job(ROW), kind: 'email' })).toBe('noDocument');
});
