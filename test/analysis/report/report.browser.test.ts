import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { renderHtmlReport } from '../../../src/analysis/report/html-report';
import { exampleSpec } from '../../util';
import { CHROMIUM_ARGS, browserAvailability } from './browser-availability';
import { FIXTURE_REPORT } from './fixture-report';
import { TOPOLOGY_REPORT } from './topology-fixture';

/*
 * Opens the rendered report in headless Chromium, as a reader would, and checks that it loads
 * without errors or network requests, that the charts and tables are laid out on a laptop and on a
 * phone, and that it names its spec; then the topology figures: visible and inside their figure,
 * node boxes that do not overlap, the CSS toggle switching views, and on a 420 px wide screen the
 * figure scrolls sideways inside itself while the page does not. Both share one Chromium (one
 * launch per run). Without a Chromium the suite is skipped with one line saying how to enable it,
 * unless CI or ORQUESTA_REQUIRE_BROWSER=1 make it required (browser-availability.ts).
 */

const BROWSER = browserAvailability();
if (BROWSER.mode === 'skip') process.stderr.write(`${BROWSER.message}\n`);
/** A common laptop screen. */
const VIEWPORT = { width: 1366, height: 768 };
/** A common phone (iPhone 12-15 CSS width). */
const PHONE = { width: 390, height: 844 };
/**
 * Screenshots of what the checks looked at are taken only when ORQUESTA_TEST_OUTPUT names a folder
 * to keep them in (never the user's report/): PNG-encoding four full pages is a second of a run,
 * and nothing asserts on the pictures.
 */
const OUTPUT_DIR = process.env.ORQUESTA_TEST_OUTPUT;

/** Saves a screenshot of `what` as `name` in ORQUESTA_TEST_OUTPUT, when it is set. */
async function keepScreenshot(what: Page | Locator, name: string): Promise<void> {
  if (OUTPUT_DIR === undefined) return;
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, name);
  await ('goto' in what ? what.screenshot({ path, fullPage: true }) : what.screenshot({ path }));
  expect(existsSync(path)).toBe(true);
  process.stdout.write(`screenshot: ${path}\n`);
}
const SOURCE = { origin: 'apps/my-app.ts', spec: exampleSpec() };

const describeBrowser = BROWSER.mode === 'skip' ? describe.skip : describe;

const IDS = ['eks', 'gke', 'aks', 'kops'] as const;
const NARROW = { width: 420, height: 900 };

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The geometry of SVG elements on the page, without their stroke: Chromium's getBoundingClientRect
 * pads paths by the stroke's miter limit, which would make boxes 8 px apart appear to touch. One
 * round trip to the page for all of them.
 */
async function geometriesOf(locator: Locator): Promise<Box[]> {
  return locator.evaluateAll((elements) =>
    elements.map((el) => {
      // The test compiles without the DOM lib: the two SVGGraphicsElement methods it needs.
      const g = el as unknown as { getBBox(): Box; getScreenCTM(): { a: number; d: number; e: number; f: number } };
      const b = g.getBBox();
      const m = g.getScreenCTM();
      return { x: b.x * m.a + m.e, y: b.y * m.d + m.f, width: b.width * m.a, height: b.height * m.d };
    }),
  );
}

function overlaps(a: Box, b: Box): boolean {
  const e = 0.5;
  return a.x + e < b.x + b.width && b.x + e < a.x + a.width && a.y + e < b.y + b.height && b.y + e < a.y + a.height;
}

/** One Chromium for every test in this file. */
let browser: Browser;
beforeAll(async () => {
  if (BROWSER.mode === 'fail') throw new Error(BROWSER.message);
  if (BROWSER.mode !== 'run') return;
  browser = await chromium.launch({ executablePath: BROWSER.executablePath, args: [...CHROMIUM_ARGS] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describeBrowser('report/index.html in headless Chromium', () => {
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
    page = await browser.newPage({ viewport: VIEWPORT });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(fileUrl, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await page?.close();
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

  test('per-target details open to show line items and scenarios', async () => {
    const details = page.locator('#target-kops');
    await expect(details.locator('table.items').isVisible()).resolves.toBe(false);
    await details.locator('summary').click();
    await expect(details.locator('table.items').isVisible()).resolves.toBe(true);
    await expect(details.locator('table.items tbody tr').count()).resolves.toBe(FIXTURE_REPORT.targets.kops.lineItems.length);
    await expect(details.locator('table.scenarios tbody tr').count()).resolves.toBe(4);
    await keepScreenshot(page, 'report-screenshot.png');
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
      await keepScreenshot(phone, 'report-phone.png');
    } finally {
      await phone.close();
    }
  });
});

describeBrowser('topology figures in headless Chromium', () => {
  let html: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (BROWSER.mode === 'fail') throw new Error(BROWSER.message);
    if (BROWSER.mode !== 'run') return;
    html = await renderHtmlReport(TOPOLOGY_REPORT);
  }, 120_000);

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Written right before loading: other jest runs on this machine clear /tmp/orquesta-test-* when they end.
    const file = join(mkdtempSync(join(tmpdir(), 'orquesta-test-topology-')), 'index.html');
    writeFileSync(file, html);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return page;
  }

  test('every figure: the shown view is visible, inside its figure, its node boxes do not overlap; the toggle switches views', async () => {
    const page = await open({ width: 1366, height: 900 });
    for (const id of IDS) {
      const figure = page.locator(`#topology-${id}`);
      const figureBox = (await figure.boundingBox())!;
      const shown = figure.locator('.topology-view:visible');
      await expect(shown.count()).resolves.toBe(1);
      await expect(shown.getAttribute('data-view')).resolves.toBe('before');
      const svgBox = (await shown.locator('svg').boundingBox())!;
      expect(svgBox.width).toBeGreaterThan(400);
      expect(svgBox.x).toBeGreaterThanOrEqual(figureBox.x);
      expect(svgBox.x + svgBox.width).toBeLessThanOrEqual(figureBox.x + figureBox.width);
      expect(svgBox.y + svgBox.height).toBeLessThanOrEqual(figureBox.y + figureBox.height);
      const nodes = shown.locator('g[class*="__nodes_marks"] path');
      const count = await nodes.count();
      expect(count).toBe(TOPOLOGY_REPORT.targets[id].topology!.nodes.length);
      const boxes = await geometriesOf(nodes);
      expect(boxes).toHaveLength(count);
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(svgBox.x);
        expect(b.x + b.width).toBeLessThanOrEqual(svgBox.x + svgBox.width + 0.5);
      }
      const pairs = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter((b) => overlaps(a, b))
          .map((b) => [a, b]),
      );
      expect(pairs).toEqual([]);
    }
    // The CSS-only toggle: choosing "Zone loss" shows that view alone, with the stopped replicas marked.
    const kops = page.locator('#topology-kops');
    await kops.locator('label', { hasText: 'Zone loss' }).click();
    await expect(kops.locator('.topology-view:visible').getAttribute('data-view')).resolves.toBe('zone-loss');
    const stopped = Object.values(TOPOLOGY_REPORT.targets.kops.scenarios.find((s) => s.id === 'zone-loss')!.detail!.stoppedReplicas);
    await expect(kops.locator('.topology-view:visible g.zone_loss__replicas_marks path[aria-label$=": stopped"]').count()).resolves.toBe(
      stopped.reduce((s, n) => s + n, 0),
    );
    await keepScreenshot(page, 'topology-wide.png');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('at 420 px wide the figure scrolls inside itself at full size; the page does not scroll sideways', async () => {
    const page = await open(NARROW);
    const figure = page.locator('#topology-kops');
    await figure.scrollIntoViewIfNeeded();
    const figureBox = (await figure.boundingBox())!;
    expect(figureBox.x).toBeGreaterThanOrEqual(0);
    expect(figureBox.x + figureBox.width).toBeLessThanOrEqual(NARROW.width);
    const scroller = figure.locator('.topology-view:visible .topology-scroll');
    const sizes = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth);
    // Not shrunk to fit: the SVG keeps its own width, so its 11–12 px labels stay readable.
    const svg = scroller.locator('svg');
    const natural = Number(await svg.getAttribute('width'));
    expect((await svg.boundingBox())!.width).toBeCloseTo(natural, 0);
    // Scrolling the figure brings the last zone into view, inside the figure.
    await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const zones = scroller.locator('g[class*="__zones_marks"] path');
    const last = (await geometriesOf(zones)).at(-1)!;
    expect(last.x).toBeGreaterThanOrEqual(figureBox.x);
    expect(last.x + last.width).toBeLessThanOrEqual(figureBox.x + figureBox.width);
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(NARROW.width);
    await keepScreenshot(figure, 'topology-narrow.png');
    expect(problems).toEqual([]);
    await page.close();
  });
});
