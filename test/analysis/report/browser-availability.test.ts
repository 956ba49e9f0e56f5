import { browserAvailability } from './browser-availability';

const none = () => false;

describe('browser suites without a browser', () => {
  test('found: run with that binary; CHROMIUM_PATH wins over the usual places', () => {
    expect(browserAvailability({}, (f) => f === '/usr/bin/chromium')).toEqual({ mode: 'run', executablePath: '/usr/bin/chromium' });
    expect(browserAvailability({ CHROMIUM_PATH: '/opt/c/chrome' }, (f) => f === '/opt/c/chrome')).toEqual({
      mode: 'run',
      executablePath: '/opt/c/chrome',
    });
    expect(browserAvailability({ CHROMIUM_PATH: '/nonexistent' }, (f) => f === '/usr/bin/chromium').mode).toBe('skip');
  });

  test('missing on a workstation: skip with one line saying how to enable them', () => {
    expect(browserAvailability({ CHROMIUM_PATH: '/nonexistent' }, none)).toEqual({
      mode: 'skip',
      message:
        'browser tests skipped: CHROMIUM_PATH=/nonexistent does not exist; to run them, install one (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary',
    });
  });

  test.each([
    [{ CI: 'true' }, 'CI is set'],
    [{ ORQUESTA_REQUIRE_BROWSER: '1' }, 'ORQUESTA_REQUIRE_BROWSER=1'],
  ])('missing with %p: fail', (env, why) => {
    const result = browserAvailability(env, none);
    expect(result.mode).toBe('fail');
    expect(result).toHaveProperty('message', expect.stringContaining(`browser tests required (${why})`));
  });
});
