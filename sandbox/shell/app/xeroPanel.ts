/**
 * The Xero side panel (right, collapsible): what the Xero emulator holds for the demo
 * organisation, i.e. invoices, contacts and payments, read through the shell server's pass-through
 * to the emulator's admin API, and "Record payment in Xero" on an unpaid invoice, which is what a
 * bookkeeper would do in Xero itself. It refreshes while open.
 */
import { clear, h } from './dom';

type Json = Record<string, unknown>;
type Kind = 'invoices' | 'contacts' | 'payments';

const REFRESH_MS = 2500;

async function admin(path: string, body?: Json): Promise<unknown> {
  const reply = await fetch(`/xero-admin/${path}`, {
    method: body ? 'POST' : 'GET',
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await reply.json()) as unknown;
  if (!reply.ok) throw new Error(String((json as { error?: string }).error ?? `HTTP ${reply.status}`));
  return json;
}

const money = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : '');
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function xeroDate(v: unknown): string {
  const ms = /\/Date\((\d+)/.exec(text(v));
  return ms ? new Date(Number(ms[1])).toISOString().slice(0, 10) : text(v).slice(0, 10);
}

export function createXeroPanel(): HTMLElement {
  let kind: Kind = 'invoices';
  let open = false;
  let tenant: { tenantId: string; name: string } | undefined;
  const body = h('div', { className: 'xero-body' });
  const status = h('div', { className: 'xero-status', role: 'status' });
  const tabs = h('div', { className: 'xero-tabs', role: 'tablist' });
  const panel = h('aside', { className: 'xero-panel collapsed', 'aria-label': 'Xero' });
  const toggle = h('button', { type: 'button', className: 'xero-toggle', 'aria-expanded': 'false' }, 'Xero');

  const row = (cells: (string | Node)[]) => h('tr', {}, ...cells.map((c) => h('td', {}, c)));
  const table = (headers: string[], rows: HTMLElement[]) =>
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', {}, x)))),
      h('tbody', {}, ...rows),
    );

  async function recordPayment(invoice: Json): Promise<void> {
    if (!tenant) return;
    status.textContent = `Recording a payment on ${text(invoice.InvoiceNumber)}…`;
    try {
      await admin('payments', { tenantId: tenant.tenantId, invoiceId: invoice.InvoiceID });
      status.textContent = `Payment of ${money(invoice.AmountDue)} recorded in Xero on ${text(invoice.InvoiceNumber)}.`;
    } catch (error) {
      status.textContent = `Xero refused the payment on ${text(invoice.InvoiceNumber)}: ${(error as Error).message}`;
    }
    await refresh();
  }

  function render(items: Json[]): HTMLElement {
    if (kind === 'invoices')
      return table(
        ['Number', 'Contact', 'Status', 'Total', 'Due', ''],
        items.map((i) => {
          const payable = i.Status === 'AUTHORISED' && Number(i.AmountDue) > 0;
          const button = payable
            ? h('button', { type: 'button', onClick: () => void recordPayment(i) }, 'Record payment in Xero')
            : '';
          const tr = row([
            text(i.InvoiceNumber),
            text((i.Contact as Json | undefined)?.Name),
            text(i.Status),
            money(i.Total),
            money(i.AmountDue),
            button,
          ]);
          tr.setAttribute('data-invoice-number', text(i.InvoiceNumber));
          return tr;
        }),
      );
    if (kind === 'contacts')
      return table(
        ['Name', 'Email', 'Status'],
        items.map((c) => row([text(c.Name), text(c.EmailAddress), text(c.ContactStatus)])),
      );
    return table(
      ['Date', 'Invoice', 'Amount', 'Status'],
      items.map((p) =>
        row([
          xeroDate(p.Date),
          text((p.Invoice as Json | undefined)?.InvoiceNumber),
          money(p.Amount),
          text(p.Status),
        ]),
      ),
    );
  }

  async function refresh(): Promise<void> {
    try {
      tenant ??= ((await admin('tenants')) as { tenantId: string; name: string }[])[0];
      if (!tenant) {
        body.replaceChildren('The Xero emulator has no organisation.');
        return;
      }
      const items = (await admin(`tenants/${tenant.tenantId}/${kind}`)) as Json[];
      const sorted = [...items].reverse();
      body.replaceChildren(
        h('div', { className: 'xero-org' }, tenant.name),
        sorted.length ? render(sorted) : `No ${kind} in Xero yet.`,
      );
    } catch (error) {
      body.replaceChildren(`Could not read the Xero emulator: ${(error as Error).message}`);
    }
  }

  for (const k of ['invoices', 'contacts', 'payments'] as Kind[]) {
    const button = h(
      'button',
      { type: 'button', role: 'tab', 'aria-selected': String(k === kind), 'data-kind': k },
      k[0].toUpperCase() + k.slice(1),
    );
    button.addEventListener('click', () => {
      kind = k;
      for (const b of Array.from(tabs.children)) b.setAttribute('aria-selected', String(b === button));
      void refresh();
    });
    tabs.append(button);
  }
  toggle.addEventListener('click', () => {
    open = !open;
    panel.classList.toggle('collapsed', !open);
    toggle.setAttribute('aria-expanded', String(open));
    if (open) void refresh();
    else clear(body);
  });
  window.setInterval(() => {
    if (open) void refresh();
  }, REFRESH_MS);
  panel.append(toggle, h('div', { className: 'xero-content' }, h('h2', {}, 'Xero'), tabs, status, body));
  return panel;
}
