import * as fs from 'fs';
import * as path from 'path';
import { plainData } from '../spec/plain-data';
import { redactText } from '../spec/safe-value';
import { UsageError } from '../spec/usage-error';

/**
 * Loads a `.ts`/`.js` spec module the way a user expects it to work:
 * - `import { defineApp } from 'orquesta'` resolves to the orquesta that is running (inside a clone
 *   right after `npm ci`, in another project that installed the package, or via npx), so the
 *   README's spec style works without a separate library build;
 * - `.ts` files (the spec and any `.ts` it imports) are transpiled with the `typescript` package,
 *   without type-checking (run `tsc` for that), with source maps for error positions;
 * - every problem (a syntax error, a missing import, a throw at load time, a wrong export) becomes
 *   a `SpecModuleError` (exit 2) naming the user's file and line, without orquesta's stack frames.
 */
export class SpecModuleError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'SpecModuleError';
  }
}

type TypeScript = typeof import('typescript');
type NodeModule = import('module') & {
  _compile(code: string, filename: string): void;
  paths: string[];
  filename: string;
  exports: unknown;
  loaded: boolean;
};
type ModuleInternals = typeof import('module') & {
  _nodeModulePaths(dir: string): string[];
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _extensions: Record<string, (module: NodeModule, filename: string) => void>;
  SourceMap: new (payload: unknown) => { findEntry(line: number, column: number): SourceMapEntry };
};
interface SourceMapEntry {
  readonly originalSource?: string;
  readonly originalLine?: number;
  readonly originalColumn?: number;
}

/** Package names a spec may import to get orquesta's library API. */
const SELF_NAMES = new Set(['orquesta']);

/** Where orquesta itself lives (a clone or node_modules/orquesta): frames from here are internal. */
const OWN_ROOT = path.resolve(__dirname, '..', path.basename(__dirname) === 'lib' ? '' : '..');

/** Returns the module's exports. */
export function loadSpecModule(file: string, cwd: string, library: () => unknown): Record<string, unknown> {
  const Module = nodeModuleLoader();
  const maps = new Map<string, { findEntry(line: number, column: number): SourceMapEntry }>();
  const ts = findTypeScript(cwd);
  const ext = path.extname(file);
  if ((ext === '.ts' || ext === '.mts' || ext === '.cts' || ext === '.mjs') && !ts) {
    throw new SpecModuleError(
      `${display(file, cwd)}: loading a ${ext} spec needs the 'typescript' package (npm i -D typescript), or write the spec as .json or .yaml`,
    );
  }

  const compile = (module: NodeModule, filename: string): void => {
    const source = fs.readFileSync(filename, 'utf8');
    const code = ts && needsTranspile(filename, source) ? transpile(ts, source, filename, cwd, maps, Module) : source;
    module._compile(code, filename);
  };

  const originalLoad = Module._load;
  const originalTs = Module._extensions['.ts'];
  Module._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
    if (SELF_NAMES.has(request)) return library();
    return originalLoad.call(this, request, parent, isMain);
  };
  if (ts) Module._extensions['.ts'] = compile;
  try {
    const m = new Module(file) as NodeModule;
    m.filename = file;
    m.paths = Module._nodeModulePaths(path.dirname(file));
    compile(m, file);
    m.loaded = true;
    const mod = checkExports(m.exports, file, cwd);
    // Read the whole spec now (getters and proxies included), so validation never runs user code.
    return { ...mod, default: plainData(mod.default ?? mod.app) };
  } catch (error) {
    if (error instanceof SpecModuleError) throw error;
    throw new SpecModuleError(describeLoadError(error, file, cwd, maps));
  } finally {
    Module._load = originalLoad;
    if (originalTs) Module._extensions['.ts'] = originalTs;
    else delete Module._extensions['.ts'];
  }
}

/**
 * Node's own CommonJS loader. Test runners hand out a subclass of it as 'module' (jest does); the
 * hooks must sit on the loader the spec's own `require` calls go through, which is the base class.
 */
function nodeModuleLoader(): ModuleInternals {
  const given = require('module') as ModuleInternals;
  const base = Object.getPrototypeOf(given) as Partial<ModuleInternals>;
  return typeof base?._load === 'function' ? (base as ModuleInternals) : given;
}

function findTypeScript(cwd: string): TypeScript | undefined {
  try {
    return require(require.resolve('typescript', { paths: [cwd, __dirname] })) as TypeScript;
  } catch {
    return undefined;
  }
}

/** TypeScript always; JavaScript only when it uses ES module syntax (`import`/`export`). */
function needsTranspile(filename: string, source: string): boolean {
  if (/\.[mc]?ts$/.test(filename) || filename.endsWith('.mjs')) return true;
  return /^\s*(import\s[^(]|export\s)/m.test(source);
}

function transpile(
  ts: TypeScript,
  source: string,
  filename: string,
  cwd: string,
  maps: Map<string, { findEntry(line: number, column: number): SourceMapEntry }>,
  Module: ModuleInternals,
): string {
  const out = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: true,
      allowJs: true,
    },
    fileName: filename,
    reportDiagnostics: true,
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const lines = errors.slice(0, 5).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const at = where ? `:${where.line + 1}:${where.character + 1}` : '';
      return `${display(filename, cwd)}${at}: syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')} (TS${d.code})`;
    });
    if (errors.length > 5) lines.push(`… and ${errors.length - 5} more`);
    throw new SpecModuleError(`the spec module does not parse:\n  ${lines.join('\n  ')}`);
  }
  if (out.sourceMapText) maps.set(filename, new Module.SourceMap(JSON.parse(out.sourceMapText)));
  return out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '');
}

/** The spec is the `default` (or `app`) export; anything else gets a message saying what to write. */
function checkExports(exports: unknown, file: string, cwd: string): Record<string, unknown> {
  const where = display(file, cwd);
  if (isThenable(exports)) {
    throw new SpecModuleError(`${where}: the module exports a Promise; export the spec object itself (export default defineApp({...}))`);
  }
  const mod = (typeof exports === 'object' && exports !== null ? exports : {}) as Record<string, unknown>;
  const spec = mod.default ?? mod.app;
  if (spec === undefined) {
    if ('workload' in mod || 'cluster' in mod) {
      throw new SpecModuleError(
        `${where}: the spec is assigned to module.exports itself (CommonJS 'module.exports = {...}'); ` +
          "orquesta reads the 'default' or 'app' export: write 'module.exports = { default: defineApp({...}) }' or 'export default defineApp({...})'",
      );
    }
    const names = Object.keys(mod);
    throw new SpecModuleError(
      `${where}: export the spec as 'default' or 'app' (export default defineApp({...}))` +
        (names.length > 0 ? `; the module exports only: ${names.slice(0, 8).join(', ')}` : '; the module exports nothing'),
    );
  }
  if (isThenable(spec)) {
    throw new SpecModuleError(
      `${where}: the default export is a Promise (an async function's result or a top-level await?); ` +
        'export the spec object itself: orquesta reads the spec synchronously',
    );
  }
  if (typeof spec === 'function') {
    throw new SpecModuleError(
      `${where}: the default export is a function; export the spec object it returns (export default defineApp({...}))`,
    );
  }
  return mod;
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** `my-app.ts:12:5: TypeError: ...` plus the user's own frames; never orquesta's or Node's. */
function describeLoadError(
  error: unknown,
  file: string,
  cwd: string,
  maps: Map<string, { findEntry(line: number, column: number): SourceMapEntry }>,
): string {
  // Duck-typed: the module runs in Node's own realm, which under a test runner is not this one.
  const err = isErrorLike(error) ? error : new Error(String(error));
  const code = (err as { code?: string }).code;
  const frames = userFrames(err.stack ?? '', maps).map((f) => `${display(f.file, cwd)}:${f.line}:${f.column}`);
  // V8 syntax errors in plain .js carry the position as the first stack line: "/x/app.js:3".
  const syntaxAt = err.name === 'SyntaxError' ? /^(\/[^\n]+?):(\d+)\n/.exec(err.stack ?? '') : null;
  const where = frames[0] ?? (syntaxAt ? `${display(syntaxAt[1], cwd)}:${syntaxAt[2]}` : display(file, cwd));
  const firstLine = redactText(err.message.split('\n')[0]);
  let what: string;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    const name = /Cannot find module '([^']+)'/.exec(firstLine)?.[1] ?? firstLine;
    what = `cannot find module '${name}' imported by the spec; install it (npm i ${name.startsWith('.') ? '…' : name}) or fix the import`;
  } else if (code === 'ERR_REQUIRE_ESM') {
    what =
      'imports an ES module with require(); import it from a .ts spec (transpiled to CommonJS) or use a CommonJS build of that package';
  } else {
    what = `${err.name}: ${firstLine}`;
  }
  const more = frames.length > 1 ? `\n  called from ${frames.slice(1, 4).join(', ')}` : '';
  return `the spec module failed to load: ${where}: ${what}${more}`;
}

function isErrorLike(value: unknown): value is Error {
  return (
    typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).name === 'string'
  );
}

interface Frame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

function userFrames(stack: string, maps: Map<string, { findEntry(line: number, column: number): SourceMapEntry }>): Frame[] {
  const frames: Frame[] = [];
  // Frames below this loader are whoever called it (orquesta's CLI, a test), never the user's.
  const lines = stack.split('\n');
  const ours = lines.map((l) => l.includes(`(${__filename}:`));
  const compiles = lines.map((l, i) => ours[i] && /\bcompile \(/.test(l));
  // Loading: below the outermost compile; reading the spec afterwards (a getter): below our first frame.
  const outer = compiles.includes(true) ? compiles.lastIndexOf(true) : ours.indexOf(true);
  const own = (outer >= 0 ? lines.slice(0, outer) : lines).join('\n');
  for (const m of own.matchAll(/^\s+at (?:.*?\()?(\/[^():\n]+):(\d+):(\d+)\)?$/gm)) {
    const file = m[1];
    if (isInternal(file)) continue;
    const line = Number(m[2]);
    const column = Number(m[3]);
    const map = maps.get(file);
    const entry = map?.findEntry(line - 1, column - 1);
    frames.push(
      entry?.originalLine !== undefined
        ? { file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 }
        : { file, line, column },
    );
  }
  return frames;
}

function isInternal(file: string): boolean {
  if (file.includes(`${path.sep}node_modules${path.sep}`)) return true;
  return [path.join(OWN_ROOT, 'src'), path.join(OWN_ROOT, 'lib'), path.join(OWN_ROOT, 'bin')].some((dir) =>
    file.startsWith(`${dir}${path.sep}`),
  );
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
