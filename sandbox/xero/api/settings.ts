// Organisation settings the relay pulls (reference/xero-api.md §3.9): Accounts, TaxRates,
// BrandingThemes, TrackingCategories, Currencies and Organisation.
import type { Router } from '../http/router';
import { toMsDate } from '../domain/xeroDates';
import { envelope, notFound, type ApiCall, type ApiHandler } from './call';
import { listResource } from './listing';

function accounts(call: ApiCall) {
  return listResource(call, {
    collection: 'Accounts',
    records: call.ctx.store.accounts.all(call.ctx.tenantId),
    render: ({ UpdatedMs, ...account }) => ({
      ...account,
      BankAccountType: account.Type === 'BANK' ? 'BANK' : '',
      CurrencyCode: account.Type === 'BANK' ? call.ctx.org.BaseCurrency : undefined,
      HasAttachments: false,
      UpdatedDateUTC: toMsDate(UpdatedMs),
    }),
    listFilters: { IDs: (j) => j.AccountID },
  });
}

function account(call: ApiCall) {
  const found = call.ctx.store.accounts.get(call.ctx.tenantId, call.params.id);
  if (!found) return notFound();
  const { UpdatedMs, ...rest } = found;
  return envelope(call, 'Accounts', [{ ...rest, UpdatedDateUTC: toMsDate(UpdatedMs) }]);
}

function taxRates(call: ApiCall) {
  return listResource(call, {
    collection: 'TaxRates',
    records: call.ctx.store.taxRates.all(call.ctx.tenantId),
    render: (rate) => ({
      ...rate,
      DisplayTaxRate: rate.EffectiveRate,
      TaxComponents: [{ Name: 'GST', Rate: rate.EffectiveRate, IsCompound: false, IsNonRecoverable: false }],
    }),
  });
}

function brandingThemes(call: ApiCall) {
  return listResource(call, {
    collection: 'BrandingThemes',
    records: call.ctx.store.brandingThemes.all(call.ctx.tenantId),
    render: ({ CreatedMs, ...theme }) => ({ ...theme, Type: 'INVOICE', CreatedDateUTC: toMsDate(CreatedMs) }),
  });
}

function trackingCategories(call: ApiCall) {
  return listResource(call, {
    collection: 'TrackingCategories',
    records: call.ctx.store.trackingCategories.all(call.ctx.tenantId),
    render: (category) => ({ ...category, Options: category.Options }),
    isArchived: (j) => j.Status === 'ARCHIVED',
  });
}

function currencies(call: ApiCall) {
  const codes = [call.ctx.org.BaseCurrency, ...call.ctx.org.Currencies];
  return envelope(
    call,
    'Currencies',
    codes.map((Code) => ({ Code, Description: Code })),
  );
}

function organisation(call: ApiCall) {
  const { org } = call.ctx;
  const multiCurrency = org.Currencies.length > 0;
  return envelope(call, 'Organisations', [
    {
      OrganisationID: org.OrganisationID,
      APIKey: '',
      Name: org.Name,
      LegalName: org.Name,
      PaysTax: true,
      Version: org.CountryCode,
      OrganisationType: 'COMPANY',
      BaseCurrency: org.BaseCurrency,
      CountryCode: org.CountryCode,
      IsDemoCompany: false,
      OrganisationStatus: 'ACTIVE',
      FinancialYearEndDay: 30,
      FinancialYearEndMonth: 6,
      SalesTaxBasis: 'ACCRUALS',
      SalesTaxPeriod: 'QUARTERLY1',
      DefaultSalesTax: 'Tax Exclusive',
      DefaultPurchasesTax: 'Tax Exclusive',
      CreatedDateUTC: toMsDate(org.CreatedMs),
      OrganisationEntityType: 'COMPANY',
      Timezone: org.Timezone,
      ShortCode: org.ShortCode,
      // Multi-currency is a Premium-plan feature in Xero; Class is how the API shows the plan.
      Class: multiCurrency ? 'PREMIUM' : 'STANDARD',
      Edition: 'BUSINESS',
      Addresses: [],
      Phones: [],
      ExternalLinks: [],
      PaymentTerms: {},
    },
  ]);
}

export function registerSettingsRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/Accounts', accounts)
    .add('GET', '/Accounts/:id', account)
    .add('GET', '/TaxRates', taxRates)
    .add('GET', '/BrandingThemes', brandingThemes)
    .add('GET', '/TrackingCategories', trackingCategories)
    .add('GET', '/Currencies', currencies)
    .add('GET', '/Organisation', organisation);
}
