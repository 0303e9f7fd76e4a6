import type { EmulatorContext } from './context';
import { DataverseError } from './errors';
import type { AlternateKey, KeyIndexStatus, TableDef } from './model/types';
import { saveModel } from './solutionImport';

/**
 * Alternate keys are asynchronous (Learn, "Work with alternate keys", Monitor index creation): a
 * key is defined at once but usable only when its index job ran, EntityKeyIndexStatus Pending →
 * Active, or Failed when rows already hold duplicate values. The job "runs" `keyActivationDelayMs`
 * after the key was defined, the first time anyone looks at the key.
 */
export const DEFAULT_KEY_ACTIVATION_DELAY_MS = 1000;

function hasDuplicates(ctx: EmulatorContext, table: TableDef, key: AlternateKey): boolean {
  const seen = new Set<string>();
  for (const row of ctx.store.all(table.logicalName)) {
    const values = key.columns.map((c) => {
      const v = row.record[c];
      return v && typeof v === 'object' ? v.id : v;
    });
    // A unique index skips rows whose key values are null.
    if (values.some((v) => v === null || v === undefined)) continue;
    const tuple = JSON.stringify(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
    if (seen.has(tuple)) return true;
    seen.add(tuple);
  }
  return false;
}

export function keyIndexStatus(ctx: EmulatorContext, table: TableDef, key: AlternateKey): KeyIndexStatus {
  if (key.status) return key.status;
  if (key.pendingSince === undefined) return 'Active';
  if (Date.now() - key.pendingSince < (ctx.keyActivationDelayMs ?? DEFAULT_KEY_ACTIVATION_DELAY_MS))
    return 'Pending';
  key.status = hasDuplicates(ctx, table, key) ? 'Failed' : 'Active';
  saveModel(ctx);
  return key.status;
}

/** Addressing a row by a key whose index is not Active is refused (stricter than unconfirmed). */
export function requireActiveKey(ctx: EmulatorContext, table: TableDef, key: AlternateKey): void {
  const status = keyIndexStatus(ctx, table, key);
  if (status === 'Active') return;
  throw new DataverseError(
    400,
    '0x80060890',
    `The alternate key '${key.name}' of the '${table.logicalName}' entity cannot be used: its index status is ${status}.`,
  );
}
