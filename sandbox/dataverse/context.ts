import type { Model } from './model/model';
import type { StoredRecord } from './model/types';
import type { Store } from './store';

/** Ids of the records every emulated org has from the start. */
export interface SeedIds {
  organizationId: string;
  businessUnitId: string;
  applicationUserId: string;
  demoUserId: string;
  baseCurrencyId: string;
  defaultPriceLevelId: string;
  defaultUomScheduleId: string;
  defaultUomId: string;
}

/** A committed change a webhook step may be registered for. */
export interface DataEvent {
  message: 'Create' | 'Update' | 'Delete';
  entity: string;
  id: string;
  record: StoredRecord;
  userId: string;
  correlationId: string;
}

/** What a request handler needs: the model, the store, who is calling and where it lives. */
export interface EmulatorContext {
  model: Model;
  store: Store;
  seeds: SeedIds;
  /** The org URL, e.g. http://127.0.0.1:5555 (no trailing slash). */
  orgUrl(): string;
  /** Changes waiting for their transaction to commit before webhooks see them. */
  pendingEvents: DataEvent[];
  /** How long a newly defined alternate key stays Pending (keyIndex.ts). */
  keyActivationDelayMs?: number;
}

export const API_PATH = '/api/data/v9.2';

export function serviceRoot(ctx: EmulatorContext): string {
  return `${ctx.orgUrl()}${API_PATH}`;
}
