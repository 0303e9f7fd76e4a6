// The page an OnlineInvoiceUrl points to: a plain summary of the invoice, enough for the demo.
import type { HttpReply } from './http/messages';
import type { Store } from './store';

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export function onlineInvoicePage(store: Store, path: string): HttpReply {
  const [, , tenantId, invoiceId] = path.split('/');
  const invoice = tenantId && invoiceId ? store.invoices.get(tenantId, invoiceId) : undefined;
  if (!invoice || invoice.Status === 'DRAFT')
    return { status: 404, text: '<!doctype html><p>Invoice not found</p>' };
  const contact = store.contacts.get(tenantId, invoice.ContactID);
  const lines = invoice.LineItems.map(
    (l) =>
      `<tr><td>${escape(l.Description)}</td><td>${l.Quantity}</td><td>${l.UnitAmount}</td><td>${l.LineAmount}</td></tr>`,
  ).join('');
  return {
    status: 200,
    text: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Invoice ${escape(invoice.InvoiceNumber)}</title></head>
<body><h1>Invoice ${escape(invoice.InvoiceNumber)}</h1><p>To: ${escape(contact?.Name ?? '')}</p>
<table><thead><tr><th>Description</th><th>Qty</th><th>Unit</th><th>Amount</th></tr></thead><tbody>${lines}</tbody></table>
<p>Total ${invoice.CurrencyCode} ${invoice.Total.toFixed(2)} · Amount due ${invoice.AmountDue.toFixed(2)} · ${invoice.Status}</p></body></html>`,
  };
}
