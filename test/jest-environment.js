// Jest's node environment, plus V8 code caching of the modules the test files load.
//
// Jest gives every test file a fresh module registry, so each of the ~90 files compiles again the
// modules it loads: with the four targets that is ~20 MB of provider, cdktf and cdk8s JavaScript,
// and compiling it was a sixth of the run's CPU time. This environment runs in the worker process
// (outside the test's sandbox) and wraps the `vm.compileFunction` jest compiles each module with:
// the first compile of a source in a worker keeps V8's code cache, later compiles of the same
// source (the next test files in that worker) start from it. Only compilation is shared; every
// file still evaluates its modules afresh in its own context, so isolation between files is as
// before. V8 checks each cache against the source and its flags and compiles normally when one
// does not fit (`cachedDataRejected`).
const vm = require('vm');
const { TestEnvironment } = require('jest-environment-node');

const PATCHED = Symbol.for('orquesta.jest.compileFunctionCache');

function installCompileCache() {
  if (vm.compileFunction[PATCHED]) return;
  const compile = vm.compileFunction;
  /** Per filename: the source compiled last and V8's code cache for it. */
  const cache = new Map();
  const cached = function compileFunction(code, params, options = {}) {
    const filename = options.filename;
    const hit = filename === undefined ? undefined : cache.get(filename);
    if (hit !== undefined && hit.code === code) {
      const fn = compile(code, params, { ...options, cachedData: hit.data });
      if (!fn.cachedDataRejected) return fn;
    }
    const fn = compile(code, params, { ...options, produceCachedData: true });
    // Copied into this realm's Buffer: the one V8 returns belongs to the test file's context and
    // would keep that whole context alive for as long as the cache holds it.
    if (filename !== undefined && fn.cachedData) cache.set(filename, { code, data: Buffer.from(fn.cachedData) });
    return fn;
  };
  cached[PATCHED] = true;
  vm.compileFunction = cached;
}

class OrquestaTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    installCompileCache();
  }
}

module.exports = OrquestaTestEnvironment;
