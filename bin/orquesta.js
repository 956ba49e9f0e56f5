#!/usr/bin/env node
// Runs the CLI from one esbuild bundle of the sources (built by `npm ci` via the prepare script, or
// `npm run build:cli`): one file instead of ~900 modules, byte-identical output.
// The bundle is compiled with a V8 code cache kept in the temp directory (Node 20 has no built-in
// module compile cache): after the first run, start-up drops from ~0.4 s to ~0.2 s. The cache is
// keyed by the bundle's size and mtime, V8 itself rejects data from another Node version, and any
// problem with it just means compiling from source.
// Each rebuild of the bundle makes a new cache file (several MB): when one is written, the caches of
// older bundles for this Node version, anything older than a week and leftover partial files go.
// A closed pipe (`orquesta compare | head`) ends the process quietly, as Unix tools do.
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const Module = require('module');

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const bundle = path.join(__dirname, '..', 'lib', 'orquesta.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    `orquesta: ${path.relative(process.cwd(), bundle)} is missing; run 'npm run build:cli' in ${path.dirname(__dirname)}\n`,
  );
  process.exit(1);
}

const stat = fs.statSync(bundle);
const cacheDir = process.env.ORQUESTA_CACHE_DIR ?? path.join(os.tmpdir(), 'orquesta-v8-cache');
const cacheFile = path.join(cacheDir, `bundle-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}.bin`);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
const bundleModule = { exports: {} };
script
  .runInThisContext()
  .call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, path.dirname(bundle));

bundleModule.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written after the run, so the functions V8 compiled lazily are in the cache too.
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const partial = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cacheFile);
      pruneCache(cacheDir, path.basename(cacheFile));
    } catch {
      // A read-only or full temp directory only costs the cache.
    }
  }
});

/** Removes cache files that can never be used again; `keep` is the one just written. */
function pruneCache(dir, keep) {
  const version = `-${process.version}.bin`;
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of fs.readdirSync(dir)) {
    if (name === keep || !name.startsWith('bundle-')) continue;
    const file = path.join(dir, name);
    try {
      const mtime = fs.statSync(file).mtimeMs;
      const partial = !name.endsWith('.bin');
      const stale = partial ? mtime < Date.now() - 60_000 : name.endsWith(version) || mtime < weekAgo;
      if (stale) fs.rmSync(file, { force: true });
    } catch {
      // Another process may be pruning or writing too.
    }
  }
}
