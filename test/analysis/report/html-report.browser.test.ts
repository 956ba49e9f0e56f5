import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { renderHtmlReport } from '../../../src/analysis/report/html-report';
import { exampleSpec } from '../../util';
import { CHROMIUM_ARGS, browserAvailability } from './browser-availability';
import { FIXTURE_REPORT } from './fixture-report';

/*
 * Opens the rendered report in headless Chromium, as a reader would, and checks that it loads
 * without errors or network requests, that the charts and tables are laid out on a laptop and on a
 * phone, and that it names its spec. Without a Chromium the suite is skipped with one line saying
 * how to enable it, unless CI or ORQUESTA_REQUIRE_BROWSER=1 make it required (browser-availability.ts).
 */

const BROWSER = browserAvailability();
if (BROWSER.mode === 'skip') process.stderr.write(`${BROWSER.message}\n`);
/** A common laptop screen. */
const VIEWPORT = { width: 1366, height: 768 };
/** A common phone (iPhone 12-15 CSS width). */
const PHONE = { width: 390, height: 844 };
/** Screenshots go to a scratch folder (ORQUESTA_TEST_OUTPUT to keep them elsewhere), never the user's report/. */
const OUTPUT_DIR = process.env.ORQUESTA_TEST_OUTPUT ?? mkdtempSync(join(tmpdir(), 'orquesta-test-output-'));
const SCREENSHOT_PATH = join(OUTPUT_DIR, 'report-screenshot.png');
const SOURCE = { origin: 'apps/my-app.ts', spec: exampleSpec() };

const describeBrowser = BROWSER.mode === 'skip' ? describe.skip : describe;

describeBrowser('report/index.html in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  let fileUrl: string;

  beforeAll(async () => {
    if (BROWSER.mode === 'fail') throw new Error(BROWSER.message);
    if (BROWSER.mode !== 'run') return;
    const dir = mkdtempSync(join(tmpdir(), 'orquesta-test-html-'));
    const file = join(dir, 'index.html');
    writeFileSync(file, await renderHtmlReport(FIXTURE_REPORT, SOURCE));
    fileUrl = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: BROWSER.executablePath, args: [...CHROMIUM_ARGS] });
    page = await browser.newPage({ viewport: VIEWPORT });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(fileUrl, { waitUntil: 'load' });
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
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT_PATH, fullPage: true });
    expect(existsSync(SCREENSHOT_PATH)).toBe(true);
    process.stdout.write(`report screenshot: ${SCREENSHOT_PATH}\n`);
  });

  test('names the spec it describes: file, workload, cluster and pools', async () => {
    const text = await page.locator('#spec-source').innerText();
    expect(text).toContain('apps/my-app.ts');
    expect(text).toContain('web-api (namespace web-api): ghcr.io/orquesta-dev/web-api:1.4.2, 3–9 replicas (HPA at 70% CPU)');
    expect(text).toMatch(/apps: 3 × medium \(3–6 nodes\)/);
  });

  test('per-target details show they expand: a marker and a "show" hint that turns to "hide"', async () => {
    const summary = page.locator('#target-eks > summary');
    const marker = () => page.evaluate<string>("getComputedStyle(document.querySelector('#target-eks > summary'), '::before').content");
    await expect(marker()).resolves.toBe('"▸"');
    await expect(summary.locator('.more').isVisible()).resolves.toBe(true);
    await summary.click();
    await expect(marker()).resolves.toBe('"▾"');
    await summary.click();
  });

  test('works at phone width: no sideways scrolling of the page, charts fit, tables scroll in their box', async () => {
    const phone = await browser.newPage({ viewport: PHONE });
    try {
      await phone.goto(fileUrl, { waitUntil: 'load' });
      for (const id of ['eks', 'gke', 'aks', 'kops']) await phone.locator(`#target-${id} > summary`).click();
      await expect(phone.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);
      const chart = await phone.locator('#cost-breakdown-chart svg').boundingBox();
      expect(chart).not.toBeNull();
      expect((chart?.x ?? 0) + (chart?.width ?? Infinity)).toBeLessThanOrEqual(PHONE.width);
      await phone.screenshot({ path: join(OUTPUT_DIR, 'report-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
