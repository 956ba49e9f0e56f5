import { existsSync } from 'fs';

/**
 * Whether the headless-browser suites run here. Without a Chromium they are skipped with one line
 * saying how to enable them, except in CI (`CI` set) or with `ORQUESTA_REQUIRE_BROWSER=1`, where a
 * missing browser fails the run so a strict pipeline cannot pass without the browser checks.
 */
export type BrowserAvailability =
  | { readonly mode: 'run'; readonly executablePath: string }
  | { readonly mode: 'skip'; readonly message: string }
  | { readonly mode: 'fail'; readonly message: string };

/** Where Debian/Ubuntu and Chrome installs put the binary; CHROMIUM_PATH overrides them all. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function browserAvailability(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): BrowserAvailability {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CANDIDATES;
  const found = candidates.find((file) => exists(file));
  if (found) return { mode: 'run', executablePath: found };
  const where = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist` : `no Chromium at ${CANDIDATES.join(', ')}`;
  const howTo = 'install one (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary';
  const strict = Boolean(env.CI) || env.ORQUESTA_REQUIRE_BROWSER === '1';
  if (strict) {
    const why = env.CI ? 'CI is set' : 'ORQUESTA_REQUIRE_BROWSER=1';
    return { mode: 'fail', message: `browser tests required (${why}) but ${where}: ${howTo}` };
  }
  return { mode: 'skip', message: `browser tests skipped: ${where}; to run them, ${howTo}` };
}

/** Flags for a root user on a machine with no network beyond the package registries (see the machine notes). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
