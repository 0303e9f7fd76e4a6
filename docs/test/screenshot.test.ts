/**
 * One look at the built index page in Debian's chromium: styled, with the page list, and loading
 * nothing from the network. The screenshot is a CI artifact (test-results/docs-index.png).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildDocs } from '../../scripts/build-docs';
import { REPO_ROOT } from './support';

const CHROMIUM = '/usr/bin/chromium';

let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'stl-docs-shot-'));
  await buildDocs({ outDir });
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent && process.env.CI !== 'true') {
  console.warn(
    `SKIPPED: the docs screenshot needs Debian's chromium at ${CHROMIUM} (it is required when CI=true).`,
  );
}
const inChromium = chromiumPresent || process.env.CI === 'true' ? it : it.skip;

describe('the index page in Chromium', () => {
  inChromium(
    'renders with the style sheet, the page list and no request leaving the machine',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`file://${path.join(outDir, 'index.html')}`);
        const resultsDir = path.join(REPO_ROOT, 'test-results');
        mkdirSync(resultsDir, { recursive: true });
        await page.screenshot({ path: path.join(resultsDir, 'docs-index.png') });
        expect(await page.title()).toBe('Stellarise Connector documentation · Stellarise documentation');
        const header = await page
          .locator('header.top')
          .evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(header).toBe('rgb(15, 108, 189)');
        await expect(page.locator('nav.pages a[aria-current="page"]').textContent()).resolves.toBe(
          'Overview',
        );
        expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
