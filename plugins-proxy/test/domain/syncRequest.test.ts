import { CHOICES } from '../../../solution/names';
import { jobForSyncRequest, jobKindForOperation, type SyncRequest } from '../../src/domain/syncRequest';

const queued = (changes: Partial<SyncRequest> = {}): SyncRequest => ({
  id: 'AAAAAAAA-0000-4000-8000-000000000001',
  status: CHOICES.syncHistoryStatus.values.queued,
  operation: CHOICES.operation.values.pushDocument,
  invoiceId: 'BBBBBBBB-0000-4000-8000-000000000002',
  connectionId: null,
  ...changes,
});

describe('jobForSyncRequest', () => {
  it('turns a Queued push row into a push job keyed by the row id, lower-case', () => {
    expect(jobForSyncRequest(queued())).toEqual({
      ok: true,
      value: {
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        kind: 'push',
        invoiceId: 'bbbbbbbb-0000-4000-8000-000000000002',
        connectionId: null,
        tenantId: '',
      },
    });
  });

  it('asks for no job when the row is no longer Queued', () => {
    const result = jobForSyncRequest(queued({ status: CHOICES.syncHistoryStatus.values.succeeded }));
    expect(result).toEqual({ ok: false, failure: expect.stringContaining('is not Queued') });
  });

  it('names an operation it does not know', () => {
    expect(jobForSyncRequest(queued({ operation: 999 }))).toEqual({
      ok: false,
      failure: expect.stringContaining('unknown operation 999'),
    });
  });

  it('treats a row without an operation as a push, as the ribbon creates it', () => {
    expect(jobKindForOperation(null)).toBe('push');
    expect(jobKindForOperation(CHOICES.operation.values.emailDocument)).toBe('email');
  });
});
