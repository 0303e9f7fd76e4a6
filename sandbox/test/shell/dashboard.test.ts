/**
 * The Stellarise dashboards in Chromium, on npm start's own sandbox after a few syncs: the app
 * opens on the overview, whose tiles count the invoices by sync status; a tile opens its view;
 * the trends dashboard draws its charts from the chart XML; a sales user sees their own
 * invoices. Screenshots go to test-results/.
 */
import type { Page } from 'playwright-core';
import { CHOICES, COLUMNS, COMPONENTS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { pushRequestRecord } from '../../../webresources/scripts/syncRequest';
import { chromiumAvailable, launchBrowser, screenshot, type Browser } from './browser';
import { invoiceByName, invoiceId } from './demoData';
import { startShellSandbox, type Row, type ShellSandbox } from './fixture';
import { openShell, waitForText } from './shellPage';

const run = chromiumAvailable() ? describe : describe.skip;
jest.setTimeout(180_000);

const SYNCED = ['Demo: plain sales invoice', 'Demo: supplier bill', 'Demo: sales credit note'];
const FAILING = 'Demo: missing code';
const HS = CHOICES.syncHistoryStatus.values;
const SYNC = CHOICES.syncStatus.values;
const IC = COLUMNS.invoice;
const INVOICES = SYSTEM_TABLES.invoice.entitySet;

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  ms = 90_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

run('the Stellarise dashboards in Chromium', () => {
  let sandbox: ShellSandbox;
  let browser: Browser;
  let page: Page;
  const count = async (filter: string) =>
    (await sandbox.api.list(`${INVOICES}?$select=name&$filter=${filter}`)).length;

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startShellSandbox(), launchBrowser()]);
    page = await browser.page();
    // A few syncs, as the ribbon asks for them: one Queued history row per invoice.
    for (const name of [...SYNCED, FAILING]) {
      const id = await invoiceId(sandbox.api, name);
      await sandbox.api.create(
        TABLES.syncHistory.entitySet,
        pushRequestRecord({ id, name }, CHOICES.trigger.values.button),
      );
    }
    await until(
      'the syncs to finish',
      () => sandbox.api.list(`${TABLES.syncHistory.entitySet}?$select=${COLUMNS.syncHistory.status}`),
      (rows) =>
        rows.length === 4 &&
        rows.every((r) => ![HS.queued, HS.inProgress].includes(Number(r[COLUMNS.syncHistory.status]))),
    );
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  const tileCount = async (label: string) =>
    Number((await page.locator(`a.tile[data-tile="${label}"] .tile-count`).innerText()).replace(/,/g, ''));

  it('opens on the overview, whose tiles count the invoices by sync status, and a tile opens its view', async () => {
    await page.goto(sandbox.shellUrl);
    await page.waitForSelector('main[data-ready^="#/dashboard/"]');
    await page.locator('a.tile').nth(4).waitFor();
    const expected = {
      Synced: await count(`${IC.syncStatus} eq ${SYNC.synced}`),
      Failed: await count(`${IC.syncStatus} eq ${SYNC.failed}`),
      'Out of date': await count(`${IC.syncStatus} eq ${SYNC.outOfDate}`),
      Queued: await count(`${IC.syncStatus} eq ${SYNC.queued}`),
    };
    expect(expected).toEqual({ Synced: 3, Failed: 1, 'Out of date': 0, Queued: 0 });
    for (const [label, n] of Object.entries(expected))
      expect([label, await tileCount(label)]).toEqual([label, n]);
    // Needs review: a failed invoice with an attempt waiting for a person; the missing code is not one.
    expect(await tileCount('Needs review')).toBe(0);
    const failures = page.locator('[data-component="stl_LatestFailures"] tbody tr');
    expect(await waitForText(failures, /Demo: missing code/)).toMatch(/GL code/);
    await screenshot(page, 'dashboard-overview');

    await page.locator('a.tile[data-tile="Failed"]').click();
    await page.waitForSelector('main[data-ready^="#/list/invoice/"]');
    expect(await page.locator('.view-picker option:checked').innerText()).toBe(
      'Invoices that failed to sync',
    );
    await page.locator('.grid tbody a').first().waitFor();
    expect(await page.locator('.grid tbody a').allInnerTexts()).toEqual([FAILING]);
  });

  it('draws the trends charts from the chart XML: syncs per day by outcome, failures by message, Xero status', async () => {
    const plain = await invoiceByName(sandbox.api, SYNCED[0]);
    await fetch(`${sandbox.urls.xero}/_admin/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenantId: sandbox.xeroTenantId, invoiceId: plain[IC.xeroId] }),
    });
    const payments = await until(
      'the payment to come back from Xero',
      () => sandbox.api.list(`${TABLES.payment.entitySet}?$select=${COLUMNS.payment.amount}`),
      (rows: Row[]) => rows.length > 0,
    );
    await openShell(page, sandbox.shellUrl, '#/dashboard/');
    await page.locator('select[aria-label="Dashboard"]').selectOption({ label: COMPONENTS.trendsDashboard });
    await page.waitForSelector('[data-component="stl_InvoicesByXeroStatus"] svg');
    const marks = (component: string, series?: string) =>
      page
        .locator(`[data-component="${component}"] [data-value]${series ? `[data-series="${series}"]` : ''}`)
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    const sum = (values: number[]) => values.reduce((n, v) => n + v, 0);
    expect(sum(await marks('stl_SyncsPerDay', 'Succeeded'))).toBe(3);
    expect(sum(await marks('stl_SyncsPerDay', 'Failed'))).toBe(1);
    expect(await marks('stl_FailuresByMessage')).toEqual([1]);
    expect(sum(await marks('stl_InvoicesByXeroStatus'))).toBe(3);
    expect(sum(await marks('stl_PaymentsPerWeek'))).toBeCloseTo(
      sum(payments.map((p) => Number(p[COLUMNS.payment.amount]))),
      2,
    );
    expect(await page.locator('[data-component="stl_ConnectionHealth"] tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-trends');
  });

  it('shows a sales user their own invoices not yet in Xero', async () => {
    // The demo user's own invoice: created as that user, so they own it (the seed's belong to the relay).
    const customer = String((await invoiceByName(sandbox.api, SYNCED[0]))._customerid_value);
    await sandbox.api.create(INVOICES, {
      name: 'Dana’s own invoice',
      'customerid_account@odata.bind': `/${SYSTEM_TABLES.account.entitySet}(${customer})`,
      [IC.syncStatus]: SYNC.notSynced,
    });
    await openShell(page, sandbox.shellUrl, '#/dashboard/');
    await page
      .locator('select[aria-label="Dashboard"]')
      .selectOption({ label: COMPONENTS.myInvoicesDashboard });
    await page.locator('a.tile[data-tile="Not yet in Xero"]').waitFor();
    expect(await tileCount('Not yet in Xero')).toBe(1);
    expect(await tileCount('Failed')).toBe(0);
    const list = page.locator('[data-component="stl_MyNotInXero"] tbody a');
    expect(await waitForText(list, /Dana’s own invoice/)).toBe('Dana’s own invoice');
    await screenshot(page, 'dashboard-my-invoices');
  });
});
