import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { renderHtmlReport } from '../../../src/analysis/report/html-report';
import { FIXTURE_REPORT } from './fixture-report';

/*
 * Opens the rendered report in headless Chromium, as a reader would, and checks that it loads
 * without errors or network requests and that the charts and tables are laid out. Needs Debian's
 * chromium (`apt-get install chromium`) or CHROMIUM_PATH; without one it fails rather than skips.
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags for a root user on a machine with no network beyond the package registries (see the machine notes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A common laptop screen. */
const VIEWPORT = { width: 1366, height: 768 };
const SCREENSHOT_PATH = resolve(__dirname, '../../../report/test-screenshot.png');

describe('report/index.html in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: install it with 'apt-get install -y chromium' ` +
          `or set CHROMIUM_PATH to a Chromium binary. The browser test does not skip without one.`,
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'orquesta-test-html-'));
    const file = join(dir, 'index.html');
    writeFileSync(file, await renderHtmlReport(FIXTURE_REPORT));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: VIEWPORT });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('loads with no console errors, page errors, or requests beyond the file itself', () => {
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([]);
  });

  test.each(['#cost-breakdown-chart', '#cost-availability-chart'])(
    '%s: the chart SVG is visible, sized and inside its figure',
    async (selector) => {
      const svg = page.locator(`${selector} svg`);
      await expect(svg.isVisible()).resolves.toBe(true);
      const chart = await svg.boundingBox();
      const figure = await page.locator(selector).boundingBox();
      expect(chart).not.toBeNull();
      expect(figure).not.toBeNull();
      if (chart === null || figure === null) return;
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(200);
      expect(chart.x).toBeGreaterThanOrEqual(figure.x);
      expect(chart.x + chart.width).toBeLessThanOrEqual(figure.x + figure.width);
      await expect(page.locator(`${selector} figcaption`).isVisible()).resolves.toBe(true);
    },
  );

  test('the summary table has one column per target and every row filled', async () => {
    const headers = page.locator('#summary thead th[scope="col"]');
    await expect(headers.allInnerTexts()).resolves.toEqual([
      'Amazon EKS\nus-east-1',
      'Google GKE\nus-central1',
      'Azure AKS\neastus',
      'kops-style on EC2\nus-east-1',
    ]);
    const rows = page.locator('#summary tbody tr');
    const count = await rows.count();
    expect(count).toBe(12);
    for (let i = 0; i < count; i++) await expect(rows.nth(i).locator('td').count()).resolves.toBe(4);
    await expect(page.locator('#summary strong.best').first().innerText()).resolves.toBe('$317.06');
  });

  test('fits a laptop screen: no sideways scrolling of the page', async () => {
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(VIEWPORT.width);
  });

  test('per-target details open to show line items and scenarios; then a full-page screenshot is saved', async () => {
    const details = page.locator('#target-kops');
    await expect(details.locator('table.items').isVisible()).resolves.toBe(false);
    await details.locator('summary').click();
    await expect(details.locator('table.items').isVisible()).resolves.toBe(true);
    await expect(details.locator('table.items tbody tr').count()).resolves.toBe(FIXTURE_REPORT.targets.kops.lineItems.length);
    await expect(details.locator('table.scenarios tbody tr').count()).resolves.toBe(4);
    mkdirSync(resolve(SCREENSHOT_PATH, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT_PATH, fullPage: true });
    expect(existsSync(SCREENSHOT_PATH)).toBe(true);
    process.stdout.write(`report screenshot: ${SCREENSHOT_PATH}\n`);
  });
});
