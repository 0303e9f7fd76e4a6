import { SYSTEM_TABLES } from '../../solution/names';
import { randomUUID } from 'node:crypto';
import type { EmulatorContext, SeedIds } from './context';
import { upsertComponent } from './solution/importComponents';

/**
 * The records every org starts with: organization, root business unit, the application user the
 * relay signs in as, a demo user for the browser, the base currency, a default unit and price list.
 */
export function loadOrCreateSeedIds(store: EmulatorContext['store']): SeedIds {
  const saved = store.getMeta('seeds');
  if (saved) return JSON.parse(saved) as SeedIds;
  const seeds: SeedIds = {
    organizationId: randomUUID(),
    businessUnitId: randomUUID(),
    applicationUserId: randomUUID(),
    demoUserId: randomUUID(),
    baseCurrencyId: randomUUID(),
    defaultPriceLevelId: randomUUID(),
    defaultUomScheduleId: randomUUID(),
    defaultUomId: randomUUID(),
  };
  store.setMeta('seeds', JSON.stringify(seeds));
  return seeds;
}

export function writeSeedRecords(ctx: EmulatorContext, clientId: string): void {
  const s = ctx.seeds;
  const ifMissing = (entity: string, id: string, fields: Record<string, unknown>) => {
    if (!ctx.store.get(entity, id)) upsertComponent(ctx, entity, id, fields as never);
  };
  ifMissing('organization', s.organizationId, { name: 'Emulated Organization' });
  ifMissing('businessunit', s.businessUnitId, { name: 'Emulated Organization' });
  const bu = { id: s.businessUnitId, entity: 'businessunit' };
  ifMissing('systemuser', s.applicationUserId, {
    fullname: '# Stellarise relay (application user)',
    applicationid: clientId,
    domainname: `${clientId}@emulator.local`,
    businessunitid: bu,
    isdisabled: false,
  });
  ifMissing('systemuser', s.demoUserId, {
    fullname: 'Dana Demo',
    domainname: 'dana.demo@emulator.local',
    internalemailaddress: 'dana.demo@emulator.local',
    businessunitid: bu,
    isdisabled: false,
  });
  ifMissing(SYSTEM_TABLES.transactionCurrency.logicalName, s.baseCurrencyId, {
    currencyname: 'US Dollar',
    isocurrencycode: 'USD',
    currencysymbol: '$',
    currencyprecision: 2,
    exchangerate: 1,
  });
  ifMissing('uomschedule', s.defaultUomScheduleId, { name: 'Default Unit', baseuomname: 'Primary Unit' });
  ifMissing('uom', s.defaultUomId, {
    name: 'Primary Unit',
    quantity: 1,
    isschedulebaseuom: true,
    uomscheduleid: { id: s.defaultUomScheduleId, entity: 'uomschedule' },
  });
  ifMissing('pricelevel', s.defaultPriceLevelId, {
    name: 'Default Price List',
    transactioncurrencyid: { id: s.baseCurrencyId, entity: SYSTEM_TABLES.transactionCurrency.logicalName },
  });
}
