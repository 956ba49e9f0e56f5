import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { renderHtmlReport } from '../../../src/analysis/report/html-report';
import { CHROMIUM_ARGS, browserAvailability } from './browser-availability';
import { TOPOLOGY_REPORT } from './topology-fixture';

/*
 * The topology figures of report/index.html in headless Chromium: visible and inside their figure,
 * node boxes that do not overlap, the CSS toggle switching views, and on a 420 px wide screen the
 * figure scrolls sideways inside itself while the page does not. Without a Chromium this suite skips
 * with one line, unless CI or ORQUESTA_REQUIRE_BROWSER=1 is set: then it fails.
 */

const IDS = ['eks', 'gke', 'aks', 'kops'] as const;
const NARROW = { width: 420, height: 900 };

const BROWSER = browserAvailability();
if (BROWSER.mode === 'skip') process.stderr.write(`topology: ${BROWSER.message}\n`);
const suite = BROWSER.mode === 'skip' ? describe.skip : describe;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A fresh temp folder per screenshot (never report/); the path is printed so it can be looked at. */
function screenshotPath(name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orquesta-test-topology-shot-')), name);
  process.stdout.write(`topology screenshot: ${path}\n`);
  return path;
}

/**
 * The geometry of an SVG element on the page, without its stroke: Chromium's getBoundingClientRect
 * pads paths by the stroke's miter limit, which would make boxes 8 px apart appear to touch.
 */
async function geometryOf(locator: Locator): Promise<Box> {
  return locator.evaluate((el) => {
    // The test compiles without the DOM lib: the two SVGGraphicsElement methods it needs.
    const g = el as unknown as { getBBox(): Box; getScreenCTM(): { a: number; d: number; e: number; f: number } };
    const b = g.getBBox();
    const m = g.getScreenCTM();
    return { x: b.x * m.a + m.e, y: b.y * m.d + m.f, width: b.width * m.a, height: b.height * m.d };
  });
}

function overlaps(a: Box, b: Box): boolean {
  const e = 0.5;
  return a.x + e < b.x + b.width && b.x + e < a.x + a.width && a.y + e < b.y + b.height && b.y + e < a.y + a.height;
}

suite('topology figures in headless Chromium', () => {
  let browser: Browser;
  let html: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (BROWSER.mode === 'fail') throw new Error(BROWSER.message);
    if (BROWSER.mode !== 'run') return;
    html = await renderHtmlReport(TOPOLOGY_REPORT);
    browser = await chromium.launch({ executablePath: BROWSER.executablePath, args: [...CHROMIUM_ARGS] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

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
      const boxes: Box[] = [];
      for (let i = 0; i < count; i++) boxes.push(await geometryOf(nodes.nth(i)));
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
    await page.screenshot({ path: screenshotPath('topology-wide.png'), fullPage: true });
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
    const last = await geometryOf(zones.nth((await zones.count()) - 1));
    expect(last.x).toBeGreaterThanOrEqual(figureBox.x);
    expect(last.x + last.width).toBeLessThanOrEqual(figureBox.x + figureBox.width);
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(NARROW.width);
    await figure.screenshot({ path: screenshotPath('topology-narrow.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
