import { CHOICES } from '../names';
import type { GlobalChoice } from './types';

type ChoiceKey = keyof typeof CHOICES;

/** Labels for every value of one choice; the record type makes a missing label a compile error. */
function labelled<K extends ChoiceKey>(
  key: K,
  displayName: string,
  description: string,
  labels: Record<keyof (typeof CHOICES)[K]['values'], string>,
): GlobalChoice {
  const values = CHOICES[key].values as Record<string, number>;
  const options = Object.entries(values).map(([meaning, value]) => ({
    value,
    label: (labels as Record<string, string>)[meaning],
  }));
  return { name: CHOICES[key].name, displayName, description, options };
}

export const GLOBAL_CHOICES: readonly GlobalChoice[] = [
  labelled('documentType', 'Xero document type', 'Which kind of Xero document the invoice becomes.', {
    salesInvoice: 'Sales invoice',
    purchaseInvoice: 'Purchase invoice (bill)',
    salesCreditNote: 'Sales credit note',
    purchaseCreditNote: 'Purchase credit note',
  }),
  labelled('syncStatus', 'Xero sync status', 'Where the invoice stands with Xero.', {
    notSynced: 'Not synced',
    queued: 'Queued',
    synced: 'Synced',
    failed: 'Failed',
    outOfDate: 'Out of date',
  }),
  labelled('syncHistoryStatus', 'Sync attempt status', 'The progress and outcome of one sync attempt.', {
    queued: 'Queued',
    inProgress: 'In progress',
    succeeded: 'Succeeded',
    failed: 'Failed',
    skipped: 'Skipped',
    needsReview: 'Needs review',
  }),
  labelled('operation', 'Sync operation', 'What the sync attempt does in Xero.', {
    pushDocument: 'Push document',
    emailDocument: 'Email document',
    pullPayments: 'Pull payments',
    refreshReferenceData: 'Refresh reference data',
    voidDocument: 'Void document',
  }),
  labelled('trigger', 'Sync trigger', 'What started the sync attempt.', {
    button: 'Button',
    bulk: 'Bulk',
    automatic: 'Automatic',
    retry: 'Retry',
    schedule: 'Schedule',
    xeroWebhook: 'Xero webhook',
  }),
  labelled('connectionStatus', 'Connection status', 'Whether the link to the Xero organisation works.', {
    notConnected: 'Not connected',
    connected: 'Connected',
    needsAttention: 'Needs attention',
    disconnected: 'Disconnected',
  }),
  labelled('contactPolicy', 'Contact policy', 'What to do when the customer has no Xero contact yet.', {
    createMissing: 'Create missing contacts',
    existingOnly: 'Existing contacts only',
  }),
  labelled('itemPolicy', 'Item policy', 'What to do when a product has no Xero item yet.', {
    createMissing: 'Create missing items',
    existingOnly: 'Existing items only',
    dontUseItems: "Don't use Xero items",
  }),
  labelled('bundleMode', 'Bundle handling', 'Which lines of a product bundle are sent to Xero.', {
    headerOnly: 'Bundle header only',
    componentsOnly: 'Components only',
    headerAndComponents: 'Header and components',
  }),
  labelled('numbering', 'Invoice numbering', 'Which number the Xero document carries.', {
    xeroNumbers: 'Xero numbers',
    dynamicsNumber: 'Dynamics invoice number',
    manualNumber: 'Manual number on the invoice',
  }),
  labelled('pushStatus', 'Status in Xero', 'The status new documents are given in Xero.', {
    draft: 'Draft',
    submitted: 'Submitted for approval',
    authorised: 'Authorised',
  }),
  labelled('lineAmountType', 'Line amounts', 'Whether line amounts include tax.', {
    taxExclusive: 'Tax exclusive',
    taxInclusive: 'Tax inclusive',
    noTax: 'No tax',
  }),
  labelled('invoiceEmailOnSync', 'Email from Xero', 'Whether Xero emails the invoice once it is synced.', {
    useConnectionSetting: 'Use connection setting',
    emailAfterSync: 'Email after sync',
    dontEmail: "Don't email",
  }),
  labelled('paymentStatus', 'Payment status', 'The payment status Xero reports.', {
    authorised: 'Authorised',
    deleted: 'Deleted',
  }),
];
