import { batchIdempotencyKey, idempotencyKey } from '../../src/push/keys';

const ROW = 'A1B2C3D4-0000-4000-8000-000000000001';

describe('Idempotency-Keys', () => {
  it('derives the same key from the same sync row, whatever the case of its id', () => {
    expect(idempotencyKey('document', ROW)).toBe(idempotencyKey('document', ROW.toLowerCase()));
  });

  it('keeps a key within Xero’s 128 characters', () => {
    expect(idempotencyKey('document', ROW).length).toBeLessThanOrEqual(128);
    expect(
      batchIdempotencyKey(
        'document',
        Array.from({ length: 50 }, () => ROW),
      ).length,
    ).toBeLessThanOrEqual(128);
  });

  it('gives a batch the same key whatever the order of its rows', () => {
    const rows = ['b-2', 'a-1', 'c-3'];
    expect(batchIdempotencyKey('document', rows)).toBe(batchIdempotencyKey('document', [...rows].reverse()));
  });

  it('gives different batches different keys', () => {
    expect(batchIdempotencyKey('document', ['a-1'])).not.toBe(
      batchIdempotencyKey('document', ['a-1', 'b-2']),
    );
  });
});
