/**
 * The invoice as Dynamics shows it, in Chromium: the Sales invoice form with our Xero tab merged
 * in (lines grid, totals, header, then Xero), the Xero panel's pre-flight check on a fresh open of
 * every demo invoice (the panel loads after init and asks for a render through
 * context.factory.requestRender), the Xero tabs of the invoice product and product forms, and
 * after a sync the panel, the status control and the history agreeing. Its own sandbox, so no
 * other test has synced anything before the pre-flight checks run.
 */
import type { Page } from 'playwright-core';
import { DEMO_INVOICES } from '../../seed';
import { chromiumAvailable, launchBrowser, screenshot, type Browser } from './browser';
import { demoInvoices, invoiceByName, invoiceId } from './demoData';
import { startShellSandbox, type ShellSandbox } from './fixture';
import { control, field, openRecord, openTab, waitForText, waitForValue } from './shellPage';

const run = chromiumAvailable() ? describe : describe.skip;
jest.setTimeout(120_000);

const SYNC_OUTCOME_MS = 60_000;
const XERO_STATUS = 'stl_Stellarise.XeroStatus';
const XERO_PANEL = 'stl_Stellarise.XeroPanel';
const DEMO = demoInvoices();

run('the invoice form in Chromium', () => {
  let sandbox: ShellSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startShellSandbox(), launchBrowser()]);
    page = await browser.page();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  function flow(title: string, body: () => Promise<void>) {
    it(title, async () => {
      try {
        await body();
      } catch (error) {
        await screenshot(page, `failed-${title.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(
          () => undefined,
        );
        throw error;
      }
    });
  }

  /** A new page load of the invoice, then its Xero tab: nothing else re-renders the panel. */
  async function openXeroTabFresh(id: string) {
    await page.goto('about:blank');
    await openRecord(page, sandbox.shellUrl, 'invoice', id);
    await openTab(page, 'Xero');
    return control(page, XERO_PANEL);
  }

  for (const invoice of DEMO_INVOICES) {
    flow(`shows the pre-flight check of "${invoice.name}" on a fresh open of its Xero tab`, async () => {
      const row = await invoiceByName(sandbox.api, invoice.name);
      const panel = await openXeroTabFresh(String(row.invoiceid));
      const preflight = panel.getByRole('region', { name: 'Pre-flight check' });
      await preflight.first().waitFor({ timeout: 15_000 });
      const dynamicsTotal = await preflight.locator('[data-testid="Totals_Dynamics"]').innerText();
      expect(dynamicsTotal).toBe(Number(row.totalamount).toFixed(2));
      expect(await preflight.locator('[data-testid="Totals_Xero"]').innerText()).toMatch(/^-?\d+\.\d{2}$/);
      const findings = await preflight.locator('[data-testid="finding"]').allInnerTexts();
      const text = await preflight.first().innerText();
      if (invoice.lines.some((l) => l.retiredGlCode)) expect(findings.join('\n')).toMatch(/GL code/);
      if (findings.length === 0)
        expect(text).toContain('No problems found: Xero will accept this invoice as it is.');
      else for (const finding of findings) expect(finding.trim().length).toBeGreaterThan(10);
      expect(await panel.locator('[data-testid="skeleton"]').count()).toBe(0);
      if (invoice.name === DEMO.plain || invoice.name === DEMO.missingCode)
        await screenshot(page, `preflight-${invoice.name.replace(/[^a-z0-9]+/gi, '-')}`);
    });
  }

  flow(
    'shows the Sales invoice form with the lines, the totals and the header, then the Xero tab',
    async () => {
      const id = await invoiceId(sandbox.api, DEMO.plain);
      await openRecord(page, sandbox.shellUrl, 'invoice', id);
      expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Summary', 'Details', 'Xero']);
      const lines = page.locator('[data-subgrid="invoicedetailsGrid"] tbody tr');
      await lines.first().waitFor();
      expect(await lines.allInnerTexts()).toEqual([
        expect.stringContaining('Widget'),
        expect.stringContaining('Gadget'),
      ]);
      const totals = page.locator('section[data-section="totals"]');
      expect(await totals.innerText()).toContain('Product Line Item Totals');
      expect(await field(page, 'totalamount').inputValue()).toBe('25.85');
      expect(await page.locator('.record-header-fields').innerText()).toMatch(
        /Owner[\s\S]*Status Reason[\s\S]*Total Amount/,
      );
      await screenshot(page, 'invoice-form-summary');
    },
  );

  flow(
    'lets the GL code, tax rate and tracking be seen on the invoice product form, from the lines grid',
    async () => {
      const id = await invoiceId(sandbox.api, DEMO.plain);
      await openRecord(page, sandbox.shellUrl, 'invoice', id);
      await page.locator('[data-subgrid="invoicedetailsGrid"] tbody a', { hasText: 'Widget' }).click();
      await page.waitForSelector('main[data-ready^="#/form/invoicedetail/"]');
      await openTab(page, 'Xero');
      for (const label of ['GL code', 'Tax rate', 'Tracking option 1', 'Tracking option 2'])
        expect(await page.locator('.tab-panel:not([hidden])').innerText()).toContain(label);

      // A write-in line with its own GL code shows that code on its Xero tab.
      const writeIns = await invoiceId(sandbox.api, DEMO.writeIns);
      const [line] = await sandbox.api.list(
        `invoicedetails?$select=invoicedetailid&$filter=_invoiceid_value eq ${writeIns} and _stl_glcodeid_value ne null`,
      );
      await openRecord(page, sandbox.shellUrl, 'invoicedetail', String(line.invoicedetailid));
      await openTab(page, 'Xero');
      expect((await field(page, 'stl_glcodeid').innerText()).trim()).not.toMatch(/^(---)?$/);
      await screenshot(page, 'invoice-product-xero-tab');
    },
  );

  flow('syncs from the panel, after which the panel, the status control and the history agree', async () => {
    const id = await invoiceId(sandbox.api, DEMO.plain);
    const panel = await openXeroTabFresh(id);
    await panel.locator('[data-testid="sync"]').click();
    const status = control(page, XERO_STATUS);
    await waitForText(status, /(^|\s)Synced/, SYNC_OUTCOME_MS);
    const xeroNumber = await waitForValue(field(page, 'stl_xeronumber'), /^INV-/);
    const number = panel.locator('[data-testid="detail"]', { hasText: 'Xero number' });
    await waitForText(number, new RegExp(`${xeroNumber}$`));
    await waitForText(panel.locator('[data-testid="status"]'), /^Synced$/);
    await waitForText(panel.locator('[data-testid="history"]').first(), /^Succeeded/);
    const grid = page.locator('[data-subgrid="stl_synchistory_grid"] tbody tr').first();
    await waitForText(grid.locator('td[data-column="stl_status"]'), /^Succeeded$/, SYNC_OUTCOME_MS);

    expect(await panel.locator('[data-testid="detail"]').allInnerTexts()).not.toContainEqual(
      expect.stringContaining('Not in Xero yet'),
    );
    expect(await panel.locator('[data-testid="history"]').allInnerTexts()).not.toContainEqual(
      expect.stringMatching(/^Queued/),
    );
    // Date and time: when it was last synced is a moment, not a day.
    expect(await field(page, 'stl_lastsyncedon').getAttribute('type')).toBe('datetime-local');
    expect(await field(page, 'stl_lastsyncedon').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(await status.innerText()).toMatch(/Last synced:\s*\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}/);
    await screenshot(page, 'synced-agreement');
  });
});
