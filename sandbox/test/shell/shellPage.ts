/** What the browser tests do on the shell's pages, in a user's terms. */
import type { Locator, Page } from 'playwright-core';

export const RIBBON = {
  syncToXero: '#stl\\.invoice\\.SyncToXero\\.Button',
  syncSelected: '#stl\\.invoice\\.SyncSelected\\.Button',
} as const;

export const RIBBON_CONNECTION = {
  connect: '#stl\\.stl_connection\\.ConnectToXero\\.Button',
} as const;

export async function openShell(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url}${hash}`);
  await page.waitForSelector(`main[data-ready="${hash}"]`);
}

export async function openRecord(page: Page, url: string, entity: string, id: string): Promise<void> {
  await openShell(page, url, `#/form/${entity}/${id}`);
}

export async function openTab(page: Page, label: string): Promise<void> {
  await page.getByRole('tab', { name: label, exact: true }).click();
}

export function field(page: Page, column: string): Locator {
  return page.locator(`#field-${column}`);
}

export function control(page: Page, name: string): Locator {
  return page.locator(`.pcf-host[data-control="${name}"]`);
}

export async function openXeroPanel(page: Page): Promise<Locator> {
  const toggle = page.locator('.xero-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.locator('.xero-content');
}

/** Waits until the element's text matches (the page updates itself; no sleeps). */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 20_000): Promise<string> {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  return (await locator.first().innerText()).trim();
}

/** Waits until an input shows a non-empty value matching the pattern. */
export async function waitForValue(locator: Locator, pattern: RegExp, timeout = 20_000): Promise<string> {
  const handle = await locator.elementHandle({ timeout });
  await locator
    .page()
    .waitForFunction(
      ([el, source]) => new RegExp(source).test((el as HTMLInputElement).value),
      [handle, pattern.source] as const,
      { timeout },
    );
  return locator.inputValue();
}

export async function closeXeroPanel(page: Page): Promise<void> {
  const toggle = page.locator('.xero-toggle');
  if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
}
