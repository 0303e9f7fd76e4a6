/**
 * The Xero scopes the relay needs, and which it lacks (reference/xero-api.md §4 Scopes;
 * docs/xero-behaviour.md#scopes). Each need is met by the granular scope of 2026 or, for an app
 * created before 2 March 2026, by the broad scope it replaced; the first one listed is asked for.
 */

interface Need {
  /** What the relay does with it, for the message. */
  readonly what: string;
  /** Any one of these meets the need. */
  readonly anyOf: readonly string[];
  /** The gateway operations that use it. */
  readonly operations: readonly string[];
}

const NEEDS: readonly Need[] = [
  { what: 'keeping the connection signed in', anyOf: ['offline_access'], operations: [] },
  {
    what: 'creating and updating invoices, bills and credit notes',
    anyOf: ['accounting.invoices', 'accounting.transactions'],
    operations: [
      'createInvoices',
      'updateInvoice',
      'getInvoices',
      'emailInvoice',
      'getOnlineInvoice',
      'createCreditNotes',
      'updateCreditNote',
      'getCreditNotes',
    ],
  },
  {
    what: 'creating items',
    anyOf: ['accounting.invoices', 'accounting.settings'],
    operations: ['createItems', 'getItems'],
  },
  {
    what: 'reading payments',
    anyOf: [
      'accounting.payments.read',
      'accounting.payments',
      'accounting.transactions',
      'accounting.transactions.read',
    ],
    operations: ['getPayments'],
  },
  {
    what: 'finding and creating contacts',
    anyOf: ['accounting.contacts'],
    operations: ['getContacts', 'createContacts'],
  },
  {
    what: 'reading the chart of accounts, tax rates, branding themes and tracking categories',
    anyOf: ['accounting.settings.read', 'accounting.settings'],
    operations: [
      'getAccounts',
      'getTaxRates',
      'getBrandingThemes',
      'getTrackingCategories',
      'getOrganisation',
    ],
  },
];

const words = (scope: string) => scope.split(/\s+/).filter(Boolean);

/** The scope to ask for (the granular one) for each need `granted` does not meet; [] when Xero did not say. */
export function missingScopes(granted: string): string[] {
  const have = new Set(words(granted));
  if (have.size === 0) return [];
  const missing = NEEDS.filter((need) => !need.anyOf.some((s) => have.has(s))).map((need) => need.anyOf[0]);
  return [...new Set(missing)];
}

/** The scope an operation needs and what it is for, for a refusal's message. */
export function scopeNeededBy(operation: string): { scope: string; what: string } | undefined {
  const need = NEEDS.find((n) => n.operations.includes(operation));
  return need ? { scope: need.anyOf[0], what: need.what } : undefined;
}
