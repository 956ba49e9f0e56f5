import { spawnSync } from 'child_process';
import * as path from 'path';

/** Slow tier (npm run test:slow): runs the real browser suite (report.browser.test.ts) in a child jest, twice. */
describe('the browser suite without a browser', () => {
  // The real suite, run the way `npm test` runs it, with no browser: it skips (exit 0) and says so once;
  // with ORQUESTA_REQUIRE_BROWSER=1 it fails.
  const runSuite = (env: Record<string, string>) =>
    spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci=false', '--testPathPatterns', 'report\\.browser\\.test\\.ts$'], {
      cwd: path.join(__dirname, '../../..'),
      encoding: 'utf8',
      env: { ...process.env, CI: '', ...env },
    });

  test('the real suite skips with CHROMIUM_PATH=/nonexistent and fails when a browser is required', () => {
    const skipped = runSuite({ CHROMIUM_PATH: '/nonexistent' });
    const output = skipped.stdout + skipped.stderr;
    expect(skipped.status).toBe(0);
    expect(output.match(/browser tests skipped: CHROMIUM_PATH=\/nonexistent does not exist/g)).toHaveLength(1);
    expect(output).toMatch(/Tests:\s+\d+ skipped/);
    const required = runSuite({ CHROMIUM_PATH: '/nonexistent', ORQUESTA_REQUIRE_BROWSER: '1' });
    expect(required.status).toBe(1);
    expect(required.stdout + required.stderr).toContain('browser tests required (ORQUESTA_REQUIRE_BROWSER=1)');
  }, 60_000);
});
