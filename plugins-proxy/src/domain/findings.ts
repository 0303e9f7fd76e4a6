/**
 * Findings: what the pre-flight check tells a user; errors block, warnings do not. MESSAGES is the one
 * catalogue (severity, `{name}` template, fix) the docs are generated from.
 */

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** `<table>.<column>` the finding is about, e.g. `invoicedetail.stl_glcodeid`. */
  field: string;
  /** Names the record and the field, and says how to fix it. */
  message: string;
}

interface MessageEntry {
  severity: Severity;
  template: string;
  fix: string;
}

function error(template: string, fix: string): MessageEntry {
  return { severity: 'error', template, fix };
}

function warning(template: string, fix: string): MessageEntry {
  return { severity: 'warning', template, fix };
}

export const MESSAGES = {
  DOCUMENT_TYPE_UNKNOWN: error(
    '{invoice}: the Document Type value {value} is not one this connector knows.',
    'Choose Sales Invoice, Bill, Sales Credit Note or Purchase Credit Note.',
  ),
  CONNECTION_MISMATCH: error(
    '{invoice}: the invoice belongs to another Xero connection than "{connection}".',
    'Set the Connection on the invoice, or sync it through its own connection.',
  ),
  NEGATIVE_TOTAL: error('{invoice}: the total {total} is negative.', '{advice}'),
  NO_LINES: error('{invoice}: there are no lines to send.', 'Add at least one product or write-in line.'),
  DESCRIPTION_MISSING: error(
    '{line}: no description (Xero needs 1 to 4000 characters).',
    'Enter a description on the line, or a name on the product.',
  ),
  DESCRIPTION_TOO_LONG: error(
    '{line}: the description has {length} characters; Xero takes at most 4000.',
    'Shorten the line description.',
  ),
  ITEM_CODE_TOO_LONG: error(
    '{line}: the item code "{code}" has {length} characters; Xero takes at most 30.',
    'Set a shorter Xero Item Code on product "{product}".',
  ),
  QUANTITY_MISSING: error('{line}: no quantity.', 'Enter a quantity on the line.'),
  PRICE_MISSING: error('{line}: no price per unit.', 'Enter a price per unit on the line.'),
  PRICE_ROUNDED: warning(
    '{line}: the price per unit {price} has more than 4 decimal places; {rounded} is sent.',
    'Round the price to 4 decimal places to avoid the difference.',
  ),
  ACCOUNT_CODE_MISSING: error(
    '{line}: no {side} account code.',
    'Set GL Code on the line, a {side} GL code on the product, or the {side} GL code on the Defaults.',
  ),
  ACCOUNT_CODE_UNKNOWN: error(
    '{line}: the GL code {source} is not in the chart of accounts synced for connection "{connection}".',
    'Refresh reference data for the connection, or choose a GL code of this connection.',
  ),
  TAX_TYPE_MISSING: error(
    '{line}: no {side} tax rate.',
    'Set Tax Rate on the line, a {side} tax rate on the product, or the {side} tax rate on the Defaults.',
  ),
  TAX_TYPE_UNKNOWN: error(
    '{line}: the tax rate {source} is not in the tax rates synced for connection "{connection}".',
    'Refresh reference data for the connection, or choose a tax rate of this connection.',
  ),
  TAX_TYPE_NOT_FOR_DOCUMENT: error(
    '{line}: the tax rate "{taxType}" cannot be used on {side} documents in Xero.',
    'Choose a tax rate that Xero allows on {side} documents.',
  ),
  DISCOUNT_FOLDED: warning(
    '{line}: Xero takes no discounts on a {document}, so the discount {discount} is folded into the unit amount ({detail}).',
    'No action needed; the line total is kept.',
  ),
  DISCOUNT_EXCEEDS_LINE: error(
    '{line}: the discount {discount} is more than the line amount {amount}.',
    'Lower the manual discount on the line.',
  ),
  NO_ZERO_TAX_RATE: warning(
    '{invoice}: no zero-rate tax rate is synced, so the {what} line is taxed at "{taxType}" and the Xero total differs.',
    'Refresh reference data; Xero organisations normally have a zero-rate tax type such as NONE.',
  ),
  BUNDLE_MODE_FALLBACK: warning(
    '{line}: the bundle cannot be sent as "{mode}" without changing the total, so the header and components are sent.',
    "Put the bundle price on the {where} line, or change the connection's bundle handling.",
  ),
  MANUAL_NUMBER_MISSING: error(
    '{invoice}: the connection numbers documents manually, but Manual Number is empty.',
    'Enter a Manual Number on the invoice.',
  ),
  INVOICE_NUMBER_MISSING: error(
    '{invoice}: the connection uses the Dynamics invoice number, but the invoice has none.',
    'Save the invoice so Dynamics gives it a number.',
  ),
  NUMBER_TOO_LONG: error(
    '{invoice}: the {what} "{value}" has {length} characters; Xero takes at most {max}.',
    'Shorten it.',
  ),
  DATE_MISSING: warning(
    '{invoice}: Date Delivered is empty, so today ({today}) is used as the Xero date.',
    'Set Date Delivered to choose the invoice date.',
  ),
  DATE_IN_FUTURE: warning(
    '{invoice}: Date Delivered {date} is after today ({today}), so the Xero invoice is dated in the future.',
    'Check Date Delivered if the invoice should be dated today.',
  ),
  DATE_INVALID: error('{invoice}: {column} "{value}" is not a date.', 'Enter a valid date.'),
  TIME_ZONE_INVALID: warning(
    '{invoice}: the time zone "{timeZone}" is not known, so dates are taken in UTC.',
    'Set a valid IANA time zone for the organisation.',
  ),
  DUE_DATE_MISSING: warning(
    "{invoice}: no Due Date; Xero uses the contact's or organisation's payment terms, or refuses to approve.",
    'Set a Due Date on the invoice.',
  ),
  CURRENCY_MISSING: warning(
    "{invoice}: no currency, so the organisation's base currency {base} is used.",
    'Set the currency on the invoice.',
  ),
  CURRENCY_NOT_ENABLED: error(
    '{invoice}: the currency {currency} is not the base currency {base} of "{organisation}", which has no multi-currency.',
    'Use {base}, or enable multi-currency in Xero.',
  ),
  BRANDING_THEME_UNKNOWN: error(
    '{invoice}: the branding theme {source} is not synced for connection "{connection}".',
    'Refresh reference data, or choose another branding theme.',
  ),
  EMAIL_ON_DRAFT: error(
    '{invoice}: emailing after sync was requested, but the document is pushed as Draft and Xero only emails approved invoices.',
    'Push as Submitted or Authorised, or turn off email on sync.',
  ),
  EMAIL_NOT_SALES: error(
    '{invoice}: emailing after sync was requested, but Xero only emails sales invoices, not a {document}.',
    'Turn off email on sync for this document.',
  ),
  LINE_TAX_DIFFERS: warning(
    '{line}: Dynamics has tax {dynamics}, Xero will compute {xero} with "{taxType}".',
    'Check the tax rate on the line or the tax amount in Dynamics.',
  ),
  TRACKING_OPTION_UNKNOWN: error(
    '{line}: tracking option {source} is not synced for connection "{connection}".',
    'Refresh reference data, or choose another tracking option.',
  ),
  TRACKING_CATEGORY_INACTIVE: error(
    '{line}: tracking option "{option}" belongs to the inactive tracking category "{category}".',
    'Choose an option of an active tracking category, or reactivate it in Xero and refresh.',
  ),
  TRACKING_SAME_CATEGORY: error(
    '{line}: both tracking options are from the category "{category}"; Xero takes one option per category.',
    'Choose options from two different tracking categories.',
  ),
  TOTAL_DIFFERS: warning(
    '{invoice}: Xero will compute a total of {xero}, Dynamics has {dynamics} (difference {difference}).',
    'Xero rounds tax per line to 2 decimals; check line tax amounts and tax rates.',
  ),
  CONTACT_NEEDS_REVIEW: error(
    '{customer}: {count} Xero contacts in "{organisation}" match by {by} ({names}).',
    'Link the customer to the right Xero contact, or make the match unique.',
  ),
  CONTACT_NAME_TAKEN: error(
    '{customer}: the name is already used by another Xero contact in "{organisation}" ({names}).',
    'Link the customer to that contact if it is the same, or rename one of them.',
  ),
  CONTACT_MISSING: error(
    '{customer}: no matching contact in the Xero organisation "{organisation}", and the connection only uses existing contacts.',
    'Create the contact in Xero (ContactNumber {number}), or allow creating missing contacts.',
  ),
  CONTACT_NAME_MISSING: error('{customer}: the customer has no name.', 'Enter a name on the customer.'),
  CONTACT_EMAIL_INVALID: warning(
    '{customer}: the email "{email}" is not a valid address, so it is left out of the Xero contact.',
    'Correct the email address on the customer.',
  ),
  ITEM_MISSING: error(
    '{line}: the item "{code}" does not exist in "{organisation}", and the connection only uses existing items.',
    'Create the item in Xero, or allow creating missing items.',
  ),
  ITEM_NAME_TRUNCATED: warning(
    '{line}: the product name is longer than 50 characters, so the new Xero item is named "{name}".',
    'Shorten the product name if you prefer another item name.',
  ),
  MAPPING_FAILED: error(
    '{invoice}: the invoice could not be mapped ({detail}).',
    'Report this to the Stellarise administrator with the invoice id.',
  ),
} as const satisfies Record<string, MessageEntry>;

export type FindingCode = keyof typeof MESSAGES;

export type FindingParams = Record<string, string | number>;

function fill(template: string, params: FindingParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Build a finding from the catalogue: the message is the template followed by the fix. */
export function finding(code: FindingCode, field: string, params: FindingParams): Finding {
  const entry: MessageEntry = MESSAGES[code];
  return {
    severity: entry.severity,
    code,
    field,
    message: `${fill(entry.template, params)} ${fill(entry.fix, params)}`,
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * Findings that depend on Xero's side of the snapshot (its contacts, items and currencies). The
 * pre-flight check in the browser cannot see those, and the relay checks everything else before
 * it asks Xero anything.
 */
export const XERO_SIDE_FINDINGS: readonly FindingCode[] = [
  'CONTACT_NEEDS_REVIEW',
  'CONTACT_NAME_TAKEN',
  'CONTACT_MISSING',
  'ITEM_MISSING',
  'CURRENCY_NOT_ENABLED',
];
