/**
 * A prepared push from the domain's fixture snapshot, for the send step's unit tests: a real
 * mapping (models, totals) without Dataverse.
 */
import { CHOICES } from '../../../solution/names';
import type { Job } from '../../src/adapters/store/store';
import { mapInvoice } from '../../src/domain';
import type { PreparedPush } from '../../src/push/preparePush';
import { IDS, snapshot, type SnapshotPatch } from '../domain/fixtures';

export const CONNECTION = IDS.connection;
export const CONTACT_ID = '9c0ffee0-0000-4000-8000-000000000001';

export function job(id: string, attempts = 1): Job {
  return {
    id,
    orgId: 'test-org',
    tenantId: 'tenant-1',
    kind: 'push',
    connectionId: CONNECTION,
    invoiceId: IDS.invoice,
    payload: null,
    state: 'running',
    attempts,
    nextAttemptAt: 0,
    leaseOwner: 'w',
    leaseExpiresAt: null,
    lastError: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

export function preparedPush(
  jobId: string,
  patch: SnapshotPatch = {},
  existingXeroId?: string,
): PreparedPush {
  const snap = snapshot(patch);
  return {
    job: job(jobId),
    startedOn: new Date(0),
    invoiceId: IDS.invoice,
    connectionId: CONNECTION,
    snapshot: snap,
    mapping: mapInvoice(snap),
    documentType: CHOICES.documentType.values.salesInvoice,
    customer: { table: 'account', id: IDS.account, name: 'Acme Pty Ltd' },
    existingXeroId,
  };
}
