#!/usr/bin/env node
/**
 * Builds the CLI bundle (lib/orquesta.cjs) only when its inputs changed: `npm run compare` / `synth`
 * and `npm test` call this instead of rebuilding every time, so the bundle's mtime, and with it the
 * V8 code cache bin/orquesta.js keys on it, survives between runs. The inputs are hashed (every
 * file under src/, package.json, package-lock.json, this script); the hash is kept in a stamp next to
 * the bundle. `--force` builds regardless (that is `npm run build:cli`); `--check` only says whether a
 * build is due (exit 0 up to date, 1 due).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'lib', 'orquesta.cjs');
const STAMP = process.env.ORQUESTA_BUILD_STAMP ?? path.join(ROOT, 'lib', '.orquesta.cjs.inputs');

/** The esbuild options of the CLI bundle, in one place. */
const BUILD_OPTIONS = {
  entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  outfile: BUNDLE,
  logLevel: 'warning',
};

function inputsHash() {
  const hash = crypto.createHash('sha256');
  const files = fs
    .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .map((f) => path.join('src', f))
    .filter((f) => fs.statSync(path.join(ROOT, f)).isFile())
    .sort();
  for (const f of [...files, 'package.json', 'package-lock.json', path.join('scripts', 'build-if-changed.js')]) {
    const full = path.join(ROOT, f);
    if (!fs.existsSync(full)) continue;
    hash.update(f).update('\0').update(fs.readFileSync(full)).update('\0');
  }
  hash.update(process.version.split('.')[0]);
  return hash.digest('hex');
}

function main() {
  const force = process.argv.includes('--force');
  const hash = inputsHash();
  const current = fs.existsSync(BUNDLE) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash;
  if (process.argv.includes('--check')) {
    process.stdout.write(current ? 'up to date\n' : 'build due\n');
    process.exitCode = current ? 0 : 1;
    return;
  }
  if (current && !force) return;
  if (!force) process.stderr.write(`orquesta: building ${path.relative(process.cwd(), BUNDLE) || BUNDLE} (sources changed)\n`);
  // Written next to the bundle and renamed over it, so a CLI starting meanwhile never reads half a file.
  const [output] = require('esbuild').buildSync({ ...BUILD_OPTIONS, write: false }).outputFiles;
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  const partial = `${BUNDLE}.${process.pid}.tmp`;
  fs.writeFileSync(partial, output.contents);
  fs.renameSync(partial, BUNDLE);
  fs.writeFileSync(STAMP, `${hash}\n`);
}

main();
