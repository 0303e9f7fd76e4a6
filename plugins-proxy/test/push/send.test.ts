/**
 * The send step against the fake gateway and a memory store: updates POST to the document's id,
 * creates look up only what may have been sent, keys move to a new generation when Xero cannot be
 * trusted to replay, and batches stay within Xero's count and size limits (reference §3.1, §3.3, §3.7).
 */
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { XeroError } from '../../src/adapters/xero/errors';
import { FakeXeroGateway } from '../../src/adapters/xero/fakeXeroGateway';
import { chunkBySize } from '../../src/push/chunks';
import { createDocuments, updateExisting, type SendDeps } from '../../src/push/send';
import { KEY_TRUSTED_MS, nextSend } from '../../src/push/sendLedger';
import { CHOICES, COLUMNS } from '../../../solution/names';
import { writeIn } from '../domain/fixtures';
import { CONNECTION, CONTACT_ID, preparedPush } from './pushFixture';

const T0 = Date.parse('2026-11-30T10:00:00Z');
let store: Store;
let gateway: FakeXeroGateway;
let now: number;
let deps: SendDeps;

beforeEach(() => {
  store = openMemoryStore();
  now = T0;
  gateway = new FakeXeroGateway({}, () => now);
  deps = { gateway, store, now: () => now };
});
afterEach(() => store.close());

const row = (n: number) => `6f1c2d3e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sendable = (id: string, patch = {}) => ({ push: preparedPush(id, patch), contactId: CONTACT_ID });
const operations = () => gateway.calls.map((c) => c.operation);
const networkError = () =>
  new XeroError({ kind: 'network', status: 0, messages: ['socket hang up'], retryable: true });

describe('key generations', () => {
  const sent = { mayHaveBeenSent: true, generation: 1, sentAt: T0 };

  it('keeps the key while Xero surely still holds it, so a late answer is replayed', () => {
    expect(nextSend(sent, T0 + KEY_TRUSTED_MS - 1)).toEqual({ generation: 1, sentAt: T0 });
  });

  it('moves to a new key once Xero may have forgotten the first (6 minutes, with a minute to spare)', () => {
    expect(nextSend(sent, T0 + KEY_TRUSTED_MS)).toEqual({ generation: 2, sentAt: T0 + KEY_TRUSTED_MS });
  });

  it('moves to a new key after an error Xero keeps under the key and would replay', () => {
    expect(nextSend({ ...sent, lastAnswer: 'error' }, T0 + 1)).toEqual({ generation: 2, sentAt: T0 + 1 });
  });
});

describe('creating documents', () => {
  it('sends a row never sent before without any look-up', async () => {
    const [result] = await createDocuments(deps, [sendable(row(1))]);
    expect(result.ok).toBe(true);
    expect(operations()).toEqual(['createInvoices']);
  });

  it('records the send in the ledger before Xero answers, with its key generation and time', async () => {
    gateway.failNext('createInvoices', networkError());
    await expect(createDocuments(deps, [sendable(row(2))])).rejects.toThrow('socket hang up');
    expect(await store.getIdempotency(row(2))).toMatchObject({
      phase: 'sent',
      generation: 1,
      sentAt: T0,
      lastAnswer: 'none',
      idempotencyKey: `stl:document:${row(2)}`,
    });
  });

  it('looks up a row that may have been sent, and resends under a new key once its window has passed', async () => {
    gateway.failNext('createInvoices', networkError());
    await expect(createDocuments(deps, [sendable(row(3))])).rejects.toThrow();
    now = T0 + 6 * 60_000;
    const [result] = await createDocuments(deps, [sendable(row(3))]);
    expect(result.ok).toBe(true);
    expect(operations()).toEqual(['createInvoices', 'getInvoices', 'createInvoices']);
    expect(gateway.calls.at(-1)?.idempotencyKey).toBe(`stl:document:${row(3)}:2`);
  });

  it('adopts what the look-up finds as the row’s own, with no second create', async () => {
    await createDocuments(deps, [sendable(row(4))]);
    await store.recordIdempotency(
      {
        syncRowId: row(4),
        tenantId: '',
        idempotencyKey: 'k',
        xeroDocumentId: null,
        xeroNumber: null,
        phase: 'sent',
        sentAt: T0,
      },
      T0,
    );
    const [result] = await createDocuments(deps, [sendable(row(4))]);
    expect(result.ok && result.value.xeroId).toBe(gateway.ledger(CONNECTION).invoices[0].invoiceID);
    expect(gateway.ledger(CONNECTION).invoices).toHaveLength(1);
  });

  it('splits a batch Xero refuses as too large (413) and sends both halves', async () => {
    gateway.failNext(
      'createInvoices',
      new XeroError({ kind: 'unknown', status: 413, messages: ['Too large'], retryable: false }),
    );
    const results = await createDocuments(
      deps,
      [1, 2, 3].map((n) => sendable(row(10 + n))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(operations()).toEqual(['createInvoices', 'createInvoices', 'createInvoices']);
  });

  it('fails a single document over Xero’s 3.5 MB with the reason, without sending it', async () => {
    const big = sendable(row(20), { lines: [writeIn('x'.repeat(3_500_000))] });
    const [result] = await createDocuments(deps, [big]);
    expect(result.ok ? '' : result.failure[0]).toMatch(/3\.5 MB/);
    expect(operations()).toEqual([]);
  });
});

describe('batches within Xero’s limits', () => {
  it('cuts by count (50) and by serialised size', () => {
    const bySize = chunkBySize([400, 400, 400], (n) => n, 50, 1000);
    const byCount = chunkBySize(
      Array.from({ length: 120 }, () => 1),
      (n) => n,
    );
    expect(bySize.chunks.map((c) => c.length)).toEqual([2, 1]);
    expect(byCount.chunks.map((c) => c.length)).toEqual([50, 50, 20]);
  });
});

describe('updating a document', () => {
  it('updates a changed credit note with POST /CreditNotes/{id} (xero-node updateCreditNote), not a PUT', async () => {
    const credit = {
      invoice: { [COLUMNS.invoice.documentType]: CHOICES.documentType.values.salesCreditNote },
    };
    const [created] = await createDocuments(deps, [sendable(row(30), credit)]);
    const xeroId = created.ok ? created.value.xeroId : '';
    const item = { push: preparedPush(row(31), credit, xeroId), contactId: CONTACT_ID };
    const result = await updateExisting(deps, item);
    expect(result.ok).toBe(true);
    expect(operations()).toEqual(['createCreditNotes', 'updateCreditNote']);
  });
});
