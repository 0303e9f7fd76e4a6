import { CHOICES } from '../../../../solution/names';
import { DataverseHttpClient } from '../../../src/adapters/dataverse/client';
import { DataverseSyncRequestSource } from '../../../src/adapters/dataverse/syncRequestSource';
import { StaticTokenProvider } from '../../../src/adapters/dataverse/tokenProvider';
import type { FakeReply } from '../helpers/fakeDataverseServer';
import { type FakeDataverse, startFakeDataverse } from '../helpers/fakeDataverseServer';

const ROW = '00000000-0000-0000-0000-00000000e001';
const row = {
  stl_synchistoryid: ROW,
  stl_status: CHOICES.syncHistoryStatus.values.queued,
  stl_operation: CHOICES.operation.values.pushDocument,
  _stl_invoiceid_value: '00000000-0000-0000-0000-00000000a001',
  _stl_connectionid_value: null,
};

let fake: FakeDataverse;
beforeEach(async () => {
  fake = await startFakeDataverse();
});
afterEach(() => fake.close());

function source(replies: FakeReply[]) {
  fake.reply(...replies);
  const client = new DataverseHttpClient({
    url: fake.url,
    tokenProvider: new StaticTokenProvider(),
  });
  return { rows: new DataverseSyncRequestSource(client), calls: fake.calls };
}

describe('DataverseSyncRequestSource', () => {
  it('reads a row into a sync request', async () => {
    const { rows } = source([{ status: 200, body: row }]);
    await expect(rows.get(ROW)).resolves.toEqual({
      id: ROW,
      status: CHOICES.syncHistoryStatus.values.queued,
      operation: CHOICES.operation.values.pushDocument,
      invoiceId: '00000000-0000-0000-0000-00000000a001',
      connectionId: null,
      attempts: 0,
      idempotencyKey: null,
    });
  });

  it('returns null for an unknown row and for an id that is not a GUID, without asking for the latter', async () => {
    const { rows, calls } = source([
      { status: 404, body: { error: { code: '0x80040217', message: 'Does Not Exist' } } },
    ]);
    await expect(rows.get(ROW)).resolves.toBeNull();
    await expect(rows.get("x') or (1 eq 1")).resolves.toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('reads a row without an operation as null and lower-cases the ids', async () => {
    const { rows } = source([
      { status: 200, body: { ...row, stl_synchistoryid: ROW.toUpperCase(), stl_operation: null } },
    ]);
    await expect(rows.get(ROW)).resolves.toMatchObject({ id: ROW, operation: null });
  });

  it('lists Queued rows oldest first', async () => {
    const { rows, calls } = source([
      { status: 200, body: { value: [row, { ...row, stl_synchistoryid: 'r2' }] } },
    ]);
    const queued = await rows.listQueued();
    expect(queued.map((r) => r.id)).toEqual([ROW, 'r2']);
    const url = decodeURIComponent(calls[0].url);
    expect(url).toContain(`$filter=stl_status eq ${CHOICES.syncHistoryStatus.values.queued}`);
    expect(url).toContain('$orderby=createdon asc');
  });
});
