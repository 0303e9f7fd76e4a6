/**
 * Numbering by the connection's stl_numbering:
 * - Xero numbers: no InvoiceNumber / CreditNoteNumber; Xero numbers the document;
 * - Dynamics number: the invoice's invoicenumber;
 * - manual number: stl_manualnumber, which must then be filled in.
 * Reference (sales invoices and credit notes; Xero has no Reference on bills): the invoice's
 * stl_reference, else the Dynamics invoice number when it is not already the document number.
 * Xero takes at most 255 characters in each.
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
  if (ctx.doc.xeroType !== 'ACCPAY') {
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
