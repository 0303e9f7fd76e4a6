/**
 * Look-ups never adopt another document (docs/xero-behaviour.md#look-ups): the relay's marker (its
 * Url, else its number or Reference) plus the same type, contact, date and total; invoices only
 * among those the app created; credit notes only if Xero changed them after the first send.
 */
import { CreditNote, Invoice } from 'xero-node';
import type { InvoiceQuery, PagedQuery, XeroGateway } from '../../src/adapters/xero/gateway';
import { findOwnDocuments, type LookupTarget } from '../../src/push/lookup';

const CONTACT = 'c0000000-0000-4000-8000-000000000001';
const URL_OURS = 'https://org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=invoice&id=1';
const SENT_AT = Date.parse('2026-11-30T10:00:00Z');

function gateway(invoices: Partial<Invoice>[], creditNotes: Partial<CreditNote>[] = []) {
  const invoiceQueries: InvoiceQuery[] = [];
  const creditQueries: PagedQuery[] = [];
  const stub = {
    async getInvoices(_c: string, q: InvoiceQuery) {
      invoiceQueries.push(q);
      return { body: { invoices: invoices as Invoice[] }, status: 200, headers: {} };
    },
    async getCreditNotes(_c: string, q: PagedQuery) {
      creditQueries.push(q);
      return { body: { creditNotes: creditNotes as CreditNote[] }, status: 200, headers: {} };
    },
  };
  return { gateway: stub as unknown as XeroGateway, invoiceQueries, creditQueries };
}

const ours: Partial<Invoice> = {
  invoiceID: 'x-1',
  type: Invoice.TypeEnum.ACCREC,
  invoiceNumber: 'INV-0007',
  reference: 'PO-7730',
  url: URL_OURS,
  contact: { contactID: CONTACT },
  date: '2026-11-30',
  total: 55,
  status: Invoice.StatusEnum.AUTHORISED,
};

const target: LookupTarget = {
  kind: 'invoice',
  type: 'ACCREC',
  reference: 'PO-7730',
  url: URL_OURS,
  contactId: CONTACT,
  date: '2026-11-30',
  total: 55,
  sentAt: SENT_AT,
};

async function lookUp(docs: Partial<Invoice>[], t: LookupTarget = target) {
  return (await findOwnDocuments(gateway(docs).gateway, 'conn', [t]))[0];
}

describe('finding a row’s own invoice', () => {
  it('finds the invoice carrying its Url, contact, date and total', async () => {
    expect(await lookUp([ours])).toMatchObject({ kind: 'found', document: { xeroId: 'x-1' } });
  });

  it.each<[string, Partial<Invoice>]>([
    ['another record’s Url, though the Reference is the same', { url: `${URL_OURS}0` }],
    ['another contact', { contact: { contactID: 'c0000000-0000-4000-8000-000000000002' } }],
    ['another date', { date: '2026-11-29' }],
    ['another total', { total: 60 }],
    ['another type', { type: Invoice.TypeEnum.ACCPAY }],
    ['a voided status', { status: Invoice.StatusEnum.VOIDED }],
  ])('does not adopt an invoice with %s', async (_, change) => {
    expect(await lookUp([{ ...ours, ...change }])).toEqual({ kind: 'none' });
  });

  it('reads the date and total as Xero sends them (/Date()/ and a cent of rounding)', async () => {
    const doc = { ...ours, date: '/Date(1795996800000+0000)/', total: 55.01 };
    expect(await lookUp([doc])).toMatchObject({ kind: 'found' });
  });

  it('falls back to the Reference when Xero kept no Url on the invoice (xero-node#656)', async () => {
    expect(await lookUp([{ ...ours, url: undefined }])).toMatchObject({ kind: 'found' });
  });

  it('asks Xero only for invoices this app created, changed since a little before the first send', async () => {
    const { gateway: g, invoiceQueries } = gateway([ours]);
    await findOwnDocuments(g, 'conn', [target]);
    expect(invoiceQueries).toEqual([
      expect.objectContaining({ createdByMyApp: true, where: 'Reference=="PO-7730"' }),
    ]);
    expect(invoiceQueries[0].modifiedSince!.getTime()).toBeLessThan(SENT_AT);
  });

  it('reports two matching invoices as ambiguous rather than picking one', async () => {
    const two = [
      { ...ours, url: undefined },
      { ...ours, invoiceID: 'x-2', invoiceNumber: 'INV-0008', url: undefined },
    ];
    expect(await lookUp(two)).toEqual({ kind: 'ambiguous', numbers: ['INV-0007', 'INV-0008'] });
  });

  it('lets no invoice be claimed by two rows at once', async () => {
    const { gateway: g } = gateway([{ ...ours, url: undefined }]);
    const results = await findOwnDocuments(g, 'conn', [target, { ...target }]);
    expect(results.map((r) => r.kind)).toEqual(['ambiguous', 'ambiguous']);
  });
});

describe('the queries a look-up sends', () => {
  it('lists plain numbers in InvoiceNumbers and puts a number with a comma in a where term', async () => {
    const { gateway: g, invoiceQueries } = gateway([]);
    const numbered = (number: string): LookupTarget => ({ ...target, reference: undefined, number });
    await findOwnDocuments(g, 'conn', [numbered('SUP-1'), numbered('SUP,2')]);
    expect(invoiceQueries.map((q) => [q.invoiceNumbers, q.where])).toEqual([
      [['SUP-1'], undefined],
      [undefined, 'InvoiceNumber=="SUP,2"'],
    ]);
  });

  it('splits many references into short OR filters of at most 10 terms', async () => {
    const { gateway: g, invoiceQueries } = gateway([]);
    const targets = Array.from({ length: 25 }, (_, i) => ({ ...target, reference: `PO-${i}` }));
    await findOwnDocuments(g, 'conn', targets);
    expect(invoiceQueries.map((q) => q.where!.split(' OR ').length)).toEqual([10, 10, 5]);
  });
});

describe('finding a row’s own credit note', () => {
  const note: Partial<CreditNote> = {
    creditNoteID: 'cn-1',
    type: CreditNote.TypeEnum.ACCRECCREDIT,
    creditNoteNumber: 'CN-0004',
    reference: 'Return of one widget',
    contact: { contactID: CONTACT },
    date: '2026-11-30',
    total: 55,
    status: CreditNote.StatusEnum.AUTHORISED,
    updatedDateUTC: new Date(SENT_AT + 1000),
  };
  const creditTarget: LookupTarget = {
    kind: 'creditNote',
    type: 'ACCRECCREDIT',
    reference: 'Return of one widget',
    contactId: CONTACT,
    date: '2026-11-30',
    total: 55,
    sentAt: SENT_AT,
  };

  it('finds the credit note Xero changed after the first send', async () => {
    const { gateway: g } = gateway([], [note]);
    expect((await findOwnDocuments(g, 'conn', [creditTarget]))[0]).toMatchObject({ kind: 'found' });
  });

  it('never adopts a credit note untouched since before the first send: no app created it then', async () => {
    const { gateway: g } = gateway([], [{ ...note, updatedDateUTC: new Date(SENT_AT - 3_600_000) }]);
    expect((await findOwnDocuments(g, 'conn', [creditTarget]))[0]).toEqual({ kind: 'none' });
  });
});
