#!/usr/bin/env node
/**
 * Regenerates the README's topology figure (docs/topology.png). Not part of `npm test`.
 *
 *   node scripts/screenshot-topology.js [--target=kops] [--out=docs/topology.png]
 *
 * Builds the CLI, runs `orquesta compare` on the built-in example in a temp folder (so report/ of
 * this checkout is left alone), opens the generated report/index.html in headless Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium), shows the zone-loss view when the report has its
 * detail (else the placement as computed), and screenshots that target's figure. Fails when the
 * PNG is 150 KB or more, so the README stays light.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const arg = (name, fallback) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `--${name}=${fallback}`).split('=')[1];
const TARGET = arg('target', 'kops');
const OUT = path.resolve(ROOT, arg('out', 'docs/topology.png'));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MAX_BYTES = 150 * 1024;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function main() {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: set CHROMIUM_PATH`);
  run('npm', ['run', '-s', 'build:cli'], ROOT);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-topology-png-'));
  try {
    run(process.execPath, [path.join(ROOT, 'bin', 'orquesta.js'), 'compare', '--no-color'], tmp);
    const { chromium } = require('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 780, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(`file://${path.join(tmp, 'report', 'index.html')}`, { waitUntil: 'load' });
      const figure = page.locator(`#topology-${TARGET}`);
      if ((await figure.count()) === 0) throw new Error(`the report has no topology figure for '${TARGET}'`);
      const zoneLoss = figure.locator('input[value="zone-loss"]');
      const view = (await zoneLoss.count()) > 0 ? 'zone-loss' : 'before';
      if (view === 'zone-loss') await figure.locator(`label[for="${await zoneLoss.getAttribute('id')}"]`).click();
      fs.mkdirSync(path.dirname(OUT), { recursive: true });
      await figure.screenshot({ path: OUT });
      const bytes = fs.statSync(OUT).size;
      if (bytes >= MAX_BYTES) throw new Error(`${OUT} is ${bytes} bytes; keep it under ${MAX_BYTES}`);
      process.stdout.write(`wrote ${path.relative(ROOT, OUT)} (${TARGET}, ${view} view, ${Math.round(bytes / 1024)} KB)\n`);
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
