/**
 * The demo shell in Chromium, one browser and one sandbox (npm start's own) for the file: the
 * flows a user of the Stellarise app goes through, each ending with a screenshot under
 * test-results/ (a CI artifact).
 */
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, screenshot, type Browser } from './browser';
import { RETIRED_GL_CODE } from '../../seed/codes';
import { createConnection, demoInvoices, invoiceId, replaceCodeOnLines } from './demoData';
import { startShellSandbox, type ShellSandbox } from './fixture';
import {
  closeXeroPanel,
  control,
  field,
  openRecord,
  openShell,
  RIBBON_CONNECTION,
  openTab,
  openXeroPanel,
  RIBBON,
  waitForText,
  waitForValue,
} from './shellPage';

const run = chromiumAvailable() ? describe : describe.skip;
jest.setTimeout(120_000);

/**
 * How long a sync may take from the click to its outcome on the page: the relay usually needs a
 * second or two, but a job sometimes waits for the worker's next poll.
 */
const SYNC_OUTCOME_MS = 60_000;

const XERO_STATUS = 'stl_Stellarise.XeroStatus';
const XERO_PANEL = 'stl_Stellarise.XeroPanel';
const DEMO = demoInvoices();

run('demo shell in Chromium', () => {
  let sandbox: ShellSandbox;
  let browser: Browser;
  let page: Page;

  // On a fresh clone startSandbox builds the solution first (about a minute on 2 cores).
  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startShellSandbox(), launchBrowser()]);
    page = await browser.page();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  /** Opens the invoice's Xero tab and returns the status control the form binds. */
  async function openInvoiceXeroTab(id: string) {
    await openRecord(page, sandbox.shellUrl, 'invoice', id);
    await openTab(page, 'Xero');
    const panel = control(page, XERO_PANEL);
    return (await panel.count()) > 0 ? panel : control(page, XERO_STATUS);
  }

  /** A test that leaves a screenshot of what the user saw when it fails, too. */
  function flow(title: string, body: () => Promise<void>) {
    it(title, async () => {
      try {
        await body();
      } catch (error) {
        const slug = title.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
        await screenshot(page, `failed-${slug}`).catch(() => undefined);
        throw error;
      }
    });
  }

  async function syncFromRibbonUntilSynced(id: string) {
    const status = await openInvoiceXeroTab(id);
    await page.locator(RIBBON.syncToXero).click();
    await waitForText(status, /(^|\s)Synced/, SYNC_OUTCOME_MS);
    return waitForValue(field(page, 'stl_xeronumber'), /^\S+/);
  }

  flow(
    'syncs the demo invoice from the ribbon: Synced, the Xero number, and the invoice in the Xero panel',
    async () => {
      const id = await invoiceId(sandbox.api, DEMO.plain);
      const status = await openInvoiceXeroTab(id);
      expect(await waitForText(status, /Not synced/)).toMatch(/Not synced/);

      await page.locator(RIBBON.syncToXero).click();
      await waitForText(status, /(^|\s)Synced/, SYNC_OUTCOME_MS);
      const xeroNumber = await waitForValue(field(page, 'stl_xeronumber'), /^INV-/);
      // The ribbon, not the panel, started the sync: the panel must reread the invoice, not only the badge.
      const panelNumber = control(page, XERO_PANEL).locator('[data-testid="detail"]', {
        hasText: 'Xero number',
      });
      const endsWithNumber = new RegExp(`${xeroNumber}$`);
      expect(await waitForText(panelNumber, endsWithNumber)).toMatch(endsWithNumber);

      const xero = await openXeroPanel(page);
      const row = xero.locator(`tr[data-invoice-number="${xeroNumber}"]`);
      await waitForText(row, /AUTHORISED/);
      await screenshot(page, 'sync-from-form');
      expect(await row.innerText()).toContain('Acme');
    },
  );

  flow('syncs the write-in invoice, with its write-in lines in Xero', async () => {
    const id = await invoiceId(sandbox.api, DEMO.writeIns);
    const xeroNumber = await syncFromRibbonUntilSynced(id);
    const invoices = (await (
      await fetch(`${sandbox.urls.xero}/_admin/tenants/${sandbox.xeroTenantId}/invoices`)
    ).json()) as { InvoiceNumber: string; LineItems: { Description: string }[] }[];
    const inXero = invoices.find((i) => i.InvoiceNumber === xeroNumber);
    await screenshot(page, 'write-in-synced');
    expect(inXero?.LineItems.map((l) => l.Description)).toEqual(
      expect.arrayContaining(DEMO.writeInDescriptions),
    );
  });

  flow('queues three invoices with Sync selected on the grid and shows each one Synced', async () => {
    const names = DEMO.bulk;
    expect(names).toHaveLength(3);
    // As a user gets there: the app's Invoices page, which opens on the Invoices (Xero) view.
    await openShell(page, sandbox.shellUrl, '#/list/stl_synchistory');
    await page.getByRole('link', { name: 'Invoices', exact: true }).click();
    expect(await waitForText(page.locator('.grid thead'), /Xero sync status/)).toMatch(/Xero number/);
    await closeXeroPanel(page);
    for (const name of names) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    await page.locator(RIBBON.syncSelected).click();
    const confirm = page.getByRole('dialog');
    await waitForText(confirm, /Queue 3 invoices for Xero\?/);
    await confirm.getByRole('button', { name: 'OK' }).click();
    const summary = page.getByRole('dialog');
    expect(await waitForText(summary, /3 invoices queued/)).toContain('3 invoices queued.');
    await summary.getByRole('button', { name: 'OK' }).click();
    for (const name of names) {
      const row = page.locator('.grid tbody tr', { hasText: name });
      await waitForText(row.locator('td[data-column="stl_syncstatus"]'), /^Synced$/, SYNC_OUTCOME_MS);
    }
    await screenshot(page, 'sync-selected');
  });

  flow('shows the invoice Paid after a payment is recorded in Xero from the side panel', async () => {
    const id = await invoiceId(sandbox.api, DEMO.plain);
    await openInvoiceXeroTab(id);
    const xeroNumber = await waitForValue(field(page, 'stl_xeronumber'), /^INV-/);
    const xero = await openXeroPanel(page);
    const row = xero.locator(`tr[data-invoice-number="${xeroNumber}"]`);
    await row.getByRole('button', { name: 'Record payment in Xero' }).click();
    await waitForText(row, /PAID/);
    expect(await waitForValue(field(page, 'stl_xerostatus'), /^PAID$/, SYNC_OUTCOME_MS)).toBe('PAID');
    await page
      .locator('[data-subgrid="stl_payment_grid"] tbody a')
      .first()
      .waitFor({ timeout: SYNC_OUTCOME_MS });
    await screenshot(page, 'paid-in-xero');
  });

  flow('connects a new connection through the Xero consent page from the Connect button', async () => {
    // Every demo organisation already has its connection, so Xero gets a new one to connect to.
    const organisation = 'Shell Browser Test Ltd';
    await fetch(`${sandbox.urls.xero}/_admin/organisations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: organisation }),
    });
    const id = await createConnection(sandbox.api, organisation);
    await openRecord(page, sandbox.shellUrl, 'stl_connection', id);
    const [consent] = await Promise.all([
      page.waitForEvent('popup'),
      page.locator(RIBBON_CONNECTION.connect).click(),
    ]);
    await consent.waitForLoadState();
    for (const box of await consent.getByRole('checkbox').all()) await box.uncheck();
    await consent.getByRole('checkbox', { name: organisation }).check();
    await screenshot(consent, 'connect-consent-page');
    await consent.getByRole('button', { name: 'Allow access' }).click();
    await consent.waitForLoadState();
    // The relay lists every organisation the Xero user has connected the app to, so it asks which.
    const chooser = consent.getByRole('button', { name: 'Use this organisation' });
    if ((await chooser.count()) > 0) {
      await consent.getByRole('radio', { name: organisation }).check();
      await chooser.click();
      await consent.waitForLoadState();
    }
    await screenshot(consent, 'connect-relay-page');
    await consent.close();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const health = control(page, 'stl_Stellarise.ConnectionHealth');
    expect(await waitForText(health, /(^|\s)Connected/, 30_000)).toMatch(/Connected/);
    await screenshot(page, 'connect-connected');
  });

  flow('opens the documentation from the SiteMap in the main area', async () => {
    await openShell(page, sandbox.shellUrl, '#/list/invoice');
    await page.getByRole('link', { name: 'Documentation' }).click();
    const docs = page.frameLocator('iframe.webresource');
    await docs.locator('h1').first().waitFor();
    await screenshot(page, 'documentation');
    expect(await docs.locator('h1').first().innerText()).not.toBe('');
  });

  flow('opens the syncing page of the documentation from the help link of the Xero panel', async () => {
    const id = await invoiceId(sandbox.api, DEMO.writeIns);
    const panel = await openInvoiceXeroTab(id);
    const help = panel
      .getByRole('link', { name: /how syncing works/i })
      .or(panel.getByRole('button', { name: /how syncing works/i }));
    if ((await control(page, XERO_PANEL).count()) === 0)
      throw new Error('The invoice form binds no XeroPanel control');
    await help.first().click();
    const docs = page.frameLocator('iframe.webresource');
    await docs.locator('h1').first().waitFor();
    await screenshot(page, 'documentation-from-panel');
    expect(await page.locator('iframe.webresource').getAttribute('src')).toMatch(/syncing\.html$/);
  });

  flow(
    'shows why the missing-code invoice failed, and syncs it after the code on the line is fixed',
    async () => {
      const id = await invoiceId(sandbox.api, DEMO.missingCode);
      const status = await openInvoiceXeroTab(id);
      await page.locator(RIBBON.syncToXero).click();
      await waitForText(status, /Failed/, SYNC_OUTCOME_MS);
      await page.locator('[data-subgrid="stl_synchistory_grid"] tbody a').first().click();
      const message = await waitForValue(field(page, 'stl_message'), /GL code/);
      await screenshot(page, 'missing-code-message');
      expect(message).toContain('"Consulting": the GL code on the line is not in the chart of accounts');

      expect(await replaceCodeOnLines(sandbox.api, id, RETIRED_GL_CODE.code, '200')).toBe(1);
      expect(await syncFromRibbonUntilSynced(id)).toMatch(/^INV-/);
      await screenshot(page, 'missing-code-retried');
    },
  );
});
