// The scopes an app may ask for and what each Accounting endpoint needs (reference/xero-api.md §4
// Scopes, and docs/xero-behaviour.md#scopes). Apps created on or after 2 March 2026 get only the
// granular scopes; an older ("legacy") app may still ask for the broad ones until September 2027.

const GRANULAR_FAMILIES = [
  'accounting.invoices',
  'accounting.payments',
  'accounting.banktransactions',
  'accounting.manualjournals',
  'accounting.classicexpenses',
  'accounting.contacts',
  'accounting.settings',
  'accounting.attachments',
];
const READ_ONLY = [
  'accounting.budgets.read',
  'accounting.reports.profitandloss.read',
  'accounting.reports.balancesheet.read',
  'accounting.reports.aged.read',
  'accounting.reports.trialbalance.read',
  'accounting.reports.executivesummary.read',
  'accounting.reports.banksummary.read',
];
const IDENTITY = ['openid', 'profile', 'email', 'offline_access'];
const BROAD = [
  'accounting.transactions',
  'accounting.transactions.read',
  'accounting.reports.read',
  'accounting.journals.read',
];

/** Every scope this app may be granted, in the order the discovery document lists them. */
export function appScopes(legacy: boolean): string[] {
  const granular = GRANULAR_FAMILIES.flatMap((s) => [s, `${s}.read`]);
  return [...IDENTITY, ...granular, ...READ_ONLY, ...(legacy ? BROAD : [])];
}

/** The requested scopes this app may not have, in request order. */
export function scopesNotAllowed(requested: string, legacy: boolean): string[] {
  const allowed = new Set(appScopes(legacy));
  return requested.split(/\s+/).filter((s) => s !== '' && !allowed.has(s));
}

/**
 * Scopes that authorise each resource, any one of them enough: the broad scope of the old model
 * (spec `security` per operation) or the granular one of 2026. Items were `accounting.settings`
 * in the broad model and moved under `accounting.invoices` in the granular one.
 */
const FAMILIES: Record<string, string[]> = {
  invoices: ['accounting.transactions', 'accounting.invoices'],
  creditnotes: ['accounting.transactions', 'accounting.invoices'],
  items: ['accounting.settings', 'accounting.invoices'],
  payments: ['accounting.transactions', 'accounting.payments'],
  contacts: ['accounting.contacts'],
};
const SETTINGS = ['accounting.settings'];

/** Whether a token with these scopes may make this call; a GET is allowed by the `.read` variant too. */
export function scopeAllows(scopes: readonly string[], apiPath: string, method: string): boolean {
  const resource = apiPath.split('/')[1]?.toLowerCase() ?? '';
  const families = FAMILIES[resource] ?? SETTINGS;
  return families.some(
    (scope) => scopes.includes(scope) || (method === 'GET' && scopes.includes(`${scope}.read`)),
  );
}
