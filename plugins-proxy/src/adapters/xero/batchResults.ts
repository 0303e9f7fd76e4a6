/**
 * Per-element outcomes of a `summarizeErrors=false` batch, which Xero answers 200 with the failed ones
 * marked; a payment with no errors and no id counts as failed (Xero-NetStandard#324).
 */

const NIL_GUID = '00000000-0000-0000-0000-000000000000';

export interface BatchElementResult<T> {
  index: number;
  ok: boolean;
  element: T;
  id?: string;
  /** ValidationErrors[].Message, verbatim. */
  messages: string[];
  /** Warnings[].Message, verbatim. */
  warnings: string[];
}

type Loose = Record<string, unknown>;

function field(element: Loose, camel: string): unknown {
  const pascal = camel.charAt(0).toUpperCase() + camel.slice(1);
  return element[camel] ?? element[pascal];
}

function messagesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const entry of list) {
    const message = entry && typeof entry === 'object' ? field(entry as Loose, 'message') : undefined;
    if (typeof message === 'string' && message !== '') out.push(message);
  }
  return out;
}

/**
 * Read each element of a batch answer. `idField` is the camelCase id name (`invoiceID`,
 * `creditNoteID`, `contactID`, `itemID`, `paymentID`, `allocationID`); PascalCase is read too.
 */
export function readBatchElements<T>(
  elements: readonly T[] | undefined,
  idField: string,
): BatchElementResult<T>[] {
  return (elements ?? []).map((element, index) => {
    const loose = (element ?? {}) as Loose;
    const rawId = field(loose, idField);
    const id = typeof rawId === 'string' && rawId !== '' && rawId !== NIL_GUID ? rawId : undefined;
    const messages = messagesOf(field(loose, 'validationErrors'));
    const flagged =
      field(loose, 'hasErrors') === true ||
      field(loose, 'hasValidationErrors') === true ||
      field(loose, 'statusAttributeString') === 'ERROR' ||
      messages.length > 0;
    const ok = !flagged && id !== undefined;
    if (!ok && messages.length === 0) {
      messages.push(
        id === undefined ? 'Xero returned no id for this element' : 'Xero marked this element as failed',
      );
    }
    return { index, ok, element, id, messages, warnings: messagesOf(field(loose, 'warnings')) };
  });
}
