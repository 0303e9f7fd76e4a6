/**
 * Numbering by stl_numbering (Xero numbers, the Dynamics number or stl_manualnumber) and the Reference
 * (stl_reference, else the Dynamics number); at most 255 characters each (docs/sync-rules.md). Bills
 * and purchase credit notes always carry a number: Xero keeps no Reference on them.
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { FIELD, type MappingContext } from './context';
import { finding, type Finding } from './findings';

const MAX = 255;
const MODES = CHOICES.numbering.values;

export interface Numbering {
  number?: string;
  reference?: string;
  findings: Finding[];
}

export function planNumbering(ctx: MappingContext): Numbering {
  const inv = ctx.snapshot.invoice;
  const mode = ctx.snapshot.connection[COLUMNS.connection.numbering] ?? MODES.xeroNumbers;
  const dynamicsNumber = inv[SYSTEM_COLUMNS.invoice.invoiceNumber]?.trim() || undefined;
  const findings: Finding[] = [];
  const base = { invoice: ctx.invoiceLabel };
  // Xero keeps no Reference on ACCPAY or ACCPAYCREDIT, so their number is the key the relay finds them by.
  const purchase = ctx.doc.xeroType === 'ACCPAY' || ctx.doc.xeroType === 'ACCPAYCREDIT';
  let number: string | undefined;
  if (mode === MODES.dynamicsNumber) {
    number = dynamicsNumber;
    if (!number)
      findings.push(
        finding('INVOICE_NUMBER_MISSING', FIELD.invoice(SYSTEM_COLUMNS.invoice.invoiceNumber), base),
      );
  } else if (mode === MODES.manualNumber) {
    number = inv[COLUMNS.invoice.manualNumber]?.trim() || undefined;
    if (!number)
      findings.push(finding('MANUAL_NUMBER_MISSING', FIELD.invoice(COLUMNS.invoice.manualNumber), base));
  } else if (purchase) {
    number = dynamicsNumber;
  }
  const numberWhat = ctx.doc.documentKind === 'creditNote' ? 'CreditNoteNumber' : 'InvoiceNumber';
  const numberField = FIELD.invoice(
    mode === MODES.manualNumber ? COLUMNS.invoice.manualNumber : SYSTEM_COLUMNS.invoice.invoiceNumber,
  );
  if (number && number.length > MAX) {
    findings.push(
      finding('NUMBER_TOO_LONG', numberField, {
        ...base,
        what: numberWhat,
        value: number,
        length: number.length,
        max: MAX,
      }),
    );
  }
  let reference: string | undefined;
  if (!purchase) {
    reference =
      inv[COLUMNS.invoice.reference]?.trim() || (number === dynamicsNumber ? undefined : dynamicsNumber);
    if (reference && reference.length > MAX) {
      findings.push(
        finding('NUMBER_TOO_LONG', FIELD.invoice(COLUMNS.invoice.reference), {
          ...base,
          what: 'Reference',
          value: reference,
          length: reference.length,
          max: MAX,
        }),
      );
    }
  }
  return { number, reference, findings };
}
