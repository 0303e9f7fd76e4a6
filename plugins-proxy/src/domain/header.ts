/**
 * The document header: dates in the organisation's time zone, currency, branding theme and
 * whether Xero should email the document after the sync.
 */
import { CHOICES, COLUMNS, PRIMARY_IDS, SYSTEM_COLUMNS, TABLES } from '../../../solution/names';
import { FIELD, ofConnection, type MappingContext } from './context';
import { isValidTimeZone, toOrgDate } from './dates';
import { finding, type Finding } from './findings';
import { lookupKey } from './lookupKey';

export interface Header {
  date: string;
  dueDate?: string;
  currencyCode?: string;
  brandingThemeID?: string;
  emailAfterSync: boolean;
  findings: Finding[];
}

function dates(ctx: MappingContext, findings: Finding[]): { date: string; dueDate?: string } {
  const inv = ctx.snapshot.invoice;
  const IC = SYSTEM_COLUMNS.invoice;
  const tz = ctx.snapshot.timeZone;
  const base = { invoice: ctx.invoiceLabel };
  if (!isValidTimeZone(tz))
    findings.push(finding('TIME_ZONE_INVALID', 'snapshot.timeZone', { ...base, timeZone: tz }));
  const read = (column: typeof IC.dateDelivered | typeof IC.dueDate): string | undefined => {
    const raw = inv[column];
    if (!raw) return undefined;
    const date = toOrgDate(raw, tz);
    if (date === null)
      findings.push(finding('DATE_INVALID', FIELD.invoice(column), { ...base, column, value: raw }));
    return date ?? undefined;
  };
  let date = read(IC.dateDelivered);
  if (!date && !inv[IC.dateDelivered]) {
    findings.push(
      finding('DATE_MISSING', FIELD.invoice(IC.dateDelivered), { ...base, today: ctx.snapshot.today }),
    );
  }
  if (date && date > ctx.snapshot.today) {
    findings.push(
      finding('DATE_IN_FUTURE', FIELD.invoice(IC.dateDelivered), {
        ...base,
        date,
        today: ctx.snapshot.today,
      }),
    );
  }
  date ??= ctx.snapshot.today;
  if (ctx.doc.documentKind === 'creditNote') return { date };
  const dueDate = read(IC.dueDate);
  if (!dueDate && !inv[IC.dueDate] && ctx.status !== 'DRAFT') {
    findings.push(finding('DUE_DATE_MISSING', FIELD.invoice(IC.dueDate), base));
  }
  return { date, dueDate };
}

function currency(ctx: MappingContext, findings: Finding[]): string {
  const org = ctx.snapshot.xero.organisation;
  const base = org.baseCurrency.toUpperCase();
  const code = ctx.snapshot.currency?.[SYSTEM_COLUMNS.transactionCurrency.isoCode]?.toUpperCase();
  const field = FIELD.invoice(SYSTEM_COLUMNS.invoice.currencyId);
  if (!code) {
    findings.push(finding('CURRENCY_MISSING', field, { invoice: ctx.invoiceLabel, base }));
    return base;
  }
  if (code !== base && !org.multiCurrency) {
    findings.push(
      finding('CURRENCY_NOT_ENABLED', field, {
        invoice: ctx.invoiceLabel,
        currency: code,
        base,
        organisation: ctx.organisationName,
      }),
    );
  }
  return code;
}

function brandingTheme(ctx: MappingContext, findings: Finding[]): string | undefined {
  const fromInvoice = ctx.snapshot.invoice[lookupKey(COLUMNS.invoice.brandingThemeId)];
  const fromDefaults = ctx.snapshot.defaults?.[lookupKey(COLUMNS.defaults.brandingThemeId)];
  const id = fromInvoice || fromDefaults;
  if (!id) return undefined;
  const row = ctx.snapshot.brandingThemes.find(
    (t) => t[PRIMARY_IDS.brandingTheme]?.toLowerCase() === id.toLowerCase(),
  );
  const xeroId = row?.[COLUMNS.brandingTheme.xeroBrandingThemeId];
  if (!row || !xeroId || !ofConnection(ctx, row)) {
    const field = fromInvoice
      ? FIELD.invoice(COLUMNS.invoice.brandingThemeId)
      : `${TABLES.defaults.logicalName}.${COLUMNS.defaults.brandingThemeId}`;
    findings.push(
      finding('BRANDING_THEME_UNKNOWN', field, {
        invoice: ctx.invoiceLabel,
        source: id,
        connection: ctx.connectionName,
      }),
    );
    return undefined;
  }
  return xeroId;
}

function email(ctx: MappingContext, findings: Finding[]): boolean {
  const E = CHOICES.invoiceEmailOnSync.values;
  const choice = ctx.snapshot.invoice[COLUMNS.invoice.emailOnSync];
  const wanted =
    choice === E.emailAfterSync
      ? true
      : choice === E.dontEmail
        ? false
        : ctx.snapshot.connection[COLUMNS.connection.emailOnSync] === true;
  if (!wanted) return false;
  const field = FIELD.invoice(COLUMNS.invoice.emailOnSync);
  if (ctx.doc.xeroType !== 'ACCREC') {
    findings.push(finding('EMAIL_NOT_SALES', field, { invoice: ctx.invoiceLabel, document: ctx.doc.label }));
    return false;
  }
  if (ctx.status === 'DRAFT') {
    findings.push(finding('EMAIL_ON_DRAFT', field, { invoice: ctx.invoiceLabel }));
    return false;
  }
  return true;
}

export function planHeader(ctx: MappingContext): Header {
  const findings: Finding[] = [];
  const { date, dueDate } = dates(ctx, findings);
  return {
    date,
    dueDate,
    currencyCode: currency(ctx, findings),
    brandingThemeID: brandingTheme(ctx, findings),
    emailAfterSync: email(ctx, findings),
    findings,
  };
}
