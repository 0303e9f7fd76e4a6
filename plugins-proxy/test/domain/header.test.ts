import { CHOICES, COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { lookupKey } from '../../src/domain/snapshot';
import { codesOf, IDS, INVOICE, snapshot, wireDoc } from './fixtures';

const CC = COLUMNS.connection;
const E = CHOICES.invoiceEmailOnSync.values;
const PS = CHOICES.pushStatus.values;

describe('dates', () => {
  it.each([
    [
      'an instant late in the UTC day as the next Sydney day',
      '2026-11-30T14:30:00Z',
      'Australia/Sydney',
      '2026-12-01',
    ],
    ['the same instant as the UTC day in London', '2026-11-30T14:30:00Z', 'Europe/London', '2026-11-30'],
    ['a date-only value as it is', '2026-11-15', 'Pacific/Auckland', '2026-11-15'],
  ])('takes %s', (_, delivered, timeZone, expected) => {
    const result = mapInvoice(snapshot({ invoice: { [INVOICE.dateDelivered]: delivered }, timeZone }));
    expect(wireDoc(result).Date).toBe(expected);
  });

  it('uses today with a warning when Date Delivered is empty', () => {
    const result = mapInvoice(snapshot({ invoice: { [INVOICE.dateDelivered]: null } }));
    expect(wireDoc(result).Date).toBe('2026-12-01');
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['DATE_MISSING', 'warning']]);
  });

  it('warns when Date Delivered is after today', () => {
    const result = mapInvoice(snapshot({ invoice: { [INVOICE.dateDelivered]: '2027-01-15' } }));
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['DATE_IN_FUTURE', 'warning']]);
  });

  it('blocks a date that is not a date', () => {
    expect(codesOf(mapInvoice(snapshot({ invoice: { [INVOICE.dateDelivered]: 'soon' } })))).toContain(
      'DATE_INVALID',
    );
  });

  it('sends DueDate from duedate', () => {
    expect(wireDoc(mapInvoice(snapshot())).DueDate).toBe('2026-12-31');
  });

  it('warns when an approved invoice has no due date', () => {
    expect(codesOf(mapInvoice(snapshot({ invoice: { [INVOICE.dueDate]: null } })))).toEqual([
      'DUE_DATE_MISSING',
    ]);
  });
});

describe('currency', () => {
  it('sends the invoice currency', () => {
    const result = mapInvoice(snapshot({ currency: 'NZD', organisation: { multiCurrency: true } }));
    expect(wireDoc(result).CurrencyCode).toBe('NZD');
    expect(result.blocked).toBe(false);
  });

  it('blocks a foreign currency when the organisation has no multi-currency', () => {
    const f = mapInvoice(snapshot({ currency: 'NZD' })).findings.find(
      (x) => x.code === 'CURRENCY_NOT_ENABLED',
    );
    expect(f?.message).toContain('"Demo Company (AU)"');
  });
});

describe('branding theme, status and line amount types', () => {
  it('takes the branding theme from the defaults when the invoice has none', () => {
    expect(wireDoc(mapInvoice(snapshot())).BrandingThemeID).toBe(IDS.xeroBranding);
  });

  it('blocks a branding theme that is not synced', () => {
    const s = snapshot({ invoice: { [lookupKey(COLUMNS.invoice.brandingThemeId)]: IDS.brandingThemeOther } });
    expect(codesOf(mapInvoice(s))).toContain('BRANDING_THEME_UNKNOWN');
  });

  it.each([
    [PS.draft, 'DRAFT'],
    [PS.submitted, 'SUBMITTED'],
    [PS.authorised, 'AUTHORISED'],
  ])('pushes status %p as %s', (choice, status) => {
    expect(wireDoc(mapInvoice(snapshot({ connection: { [CC.pushStatus]: choice } }))).Status).toBe(status);
  });

  it.each([
    [CHOICES.lineAmountType.values.taxExclusive, 'Exclusive'],
    [CHOICES.lineAmountType.values.taxInclusive, 'Inclusive'],
    [CHOICES.lineAmountType.values.noTax, 'NoTax'],
  ])('sends line amount type %p as %s', (choice, type) => {
    expect(
      wireDoc(mapInvoice(snapshot({ connection: { [CC.lineAmountType]: choice } }))).LineAmountTypes,
    ).toBe(type);
  });
});

describe('email on sync', () => {
  it('emails an approved sales invoice when the connection asks for it', () => {
    expect(mapInvoice(snapshot({ connection: { [CC.emailOnSync]: true } })).emailAfterSync).toBe(true);
  });

  it('lets the invoice turn off the connection setting', () => {
    const s = snapshot({
      connection: { [CC.emailOnSync]: true },
      invoice: { [COLUMNS.invoice.emailOnSync]: E.dontEmail },
    });
    expect(mapInvoice(s).emailAfterSync).toBe(false);
  });

  it.each([
    ['a Draft', { [CC.pushStatus]: PS.draft }, {}, 'EMAIL_ON_DRAFT'],
    [
      'a bill',
      {},
      { [COLUMNS.invoice.documentType]: CHOICES.documentType.values.purchaseInvoice },
      'EMAIL_NOT_SALES',
    ],
  ])('blocks email requested on %s', (_, connection, invoice, code) => {
    const result = mapInvoice(
      snapshot({ connection, invoice: { [COLUMNS.invoice.emailOnSync]: E.emailAfterSync, ...invoice } }),
    );
    expect(codesOf(result)).toContain(code);
    expect(result.emailAfterSync).toBe(false);
  });
});
