// The organisation factory: every new organisation gets a realistic AU chart of accounts, GST tax
// rates, branding themes "Standard" and "Special" and tracking categories "Region" and "Department".
import { randomUUID } from 'node:crypto';
import type { OrgSeed } from './options';
import type { Store } from './store';
import type { Organisation } from './domain/types';
import { seedForeignDocuments } from './foreignDocuments';
import { AU_ACCOUNTS, AU_TAX_RATES, DEMO_CONTACTS, DEMO_ITEMS, accountClassOf, toTaxRate } from './seedData';

function shortCodeFor(name: string): string {
  const letters = name.replace(/[^A-Za-z]/g, '').toUpperCase();
  return `!${(letters + 'XXXXX').slice(0, 5)}`;
}

export function createOrganisation(store: Store, seed: OrgSeed, now: number): Organisation {
  const tenantId = seed.tenantId ?? randomUUID();
  const organisation: Organisation = {
    OrganisationID: randomUUID(),
    TenantID: tenantId,
    Name: seed.name,
    ShortCode: seed.shortCode ?? shortCodeFor(seed.name),
    CountryCode: seed.countryCode ?? 'AU',
    BaseCurrency: seed.baseCurrency ?? 'AUD',
    Timezone: seed.timezone ?? 'AUSEASTERNSTANDARDTIME',
    Currencies: seed.currencies ?? [],
    CreatedMs: now,
    NextInvoiceNumber: 1,
    NextCreditNoteNumber: 1,
  };
  store.transaction(() => {
    store.organisations.put(tenantId, organisation);
    seedSettings(store, tenantId, now);
    if (seed.demoData) {
      seedDemoData(store, tenantId, now);
      seedForeignDocuments(store, organisation, now);
    }
  });
  return organisation;
}

function seedSettings(store: Store, tenantId: string, now: number): void {
  for (const row of AU_TAX_RATES) store.taxRates.put(tenantId, toTaxRate(row));
  for (const [code, name, type, taxType, extra] of AU_ACCOUNTS) {
    store.accounts.put(tenantId, {
      AccountID: randomUUID(),
      Code: code,
      Name: name,
      Type: type,
      Class: accountClassOf(type),
      TaxType: taxType,
      Status: 'ACTIVE',
      EnablePaymentsToAccount: false,
      UpdatedMs: now,
      ...extra,
    });
  }
  store.brandingThemes.put(tenantId, {
    BrandingThemeID: randomUUID(),
    Name: 'Standard',
    SortOrder: 0,
    CreatedMs: now,
  });
  store.brandingThemes.put(tenantId, {
    BrandingThemeID: randomUUID(),
    Name: 'Special',
    SortOrder: 1,
    CreatedMs: now,
  });
  const category = (name: string, options: string[]) =>
    store.trackingCategories.put(tenantId, {
      TrackingCategoryID: randomUUID(),
      Name: name,
      Status: 'ACTIVE',
      Options: options.map((option) => ({ TrackingOptionID: randomUUID(), Name: option, Status: 'ACTIVE' })),
    });
  category('Region', ['North', 'South']);
  category('Department', ['Sales', 'Services']);
}

function seedDemoData(store: Store, tenantId: string, now: number): void {
  for (const contact of DEMO_CONTACTS) {
    store.contacts.put(tenantId, {
      ContactID: randomUUID(),
      ContactStatus: 'ACTIVE',
      UpdatedMs: now,
      ...contact,
    });
  }
  for (const item of DEMO_ITEMS) {
    store.items.put(tenantId, {
      ItemID: randomUUID(),
      Code: item.Code,
      Name: item.Name,
      Description: item.Name,
      IsSold: true,
      IsPurchased: item.cost > 0,
      IsTrackedAsInventory: false,
      SalesDetails: { UnitPrice: item.price, AccountCode: '200', TaxType: 'OUTPUT' },
      PurchaseDetails: item.cost > 0 ? { UnitPrice: item.cost, AccountCode: '300', TaxType: 'INPUT' } : {},
      UpdatedMs: now,
    });
  }
}
