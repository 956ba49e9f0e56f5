import * as fs from 'fs';
import * as path from 'path';
import { WEB_API_EXAMPLE } from '../examples/web-api';
import { UsageError } from '../spec/usage-error';

export { UsageError };

export interface LoadedSpec {
  /** The unvalidated spec: from a file it may have any shape. */
  readonly spec: unknown;
  /** Where it came from, for messages: a path or 'built-in example (web-api)'. */
  readonly origin: string;
}

/** Environment variable that names the spec file when `--app` is not given. */
export const APP_ENV = 'ORQUESTA_APP';

/**
 * Loads the user's spec: `.json`, `.yaml`/`.yml`, `.js`/`.cjs`, or `.ts` (transpiled with the
 * project's own `typescript`, without type-checking; run `tsc` for that). A module exports the spec
 * as `default` or `app`. Without a file, the built-in example is used.
 */
export function loadAppSpec(file: string | undefined, cwd = process.cwd()): LoadedSpec {
  const chosen = file ?? process.env[APP_ENV];
  if (!chosen) return { spec: WEB_API_EXAMPLE, origin: 'built-in example (web-api)' };
  const full = path.resolve(cwd, chosen);
  if (!fs.existsSync(full)) throw new UsageError(`--app ${chosen}: no such file (${full})`);
  const ext = path.extname(full);
  switch (ext) {
    case '.json':
      return { spec: parseOrExplain(full, () => JSON.parse(fs.readFileSync(full, 'utf8'))), origin: full };
    case '.yaml':
    case '.yml': {
      const YAML = require('yaml') as typeof import('yaml');
      return { spec: parseOrExplain(full, () => YAML.parse(fs.readFileSync(full, 'utf8'))), origin: full };
    }
    case '.js':
    case '.cjs':
      return { spec: pickExport(require(full), full), origin: full };
    case '.ts':
      return { spec: pickExport(requireTypeScript(full, cwd), full), origin: full };
    default:
      throw new UsageError(`--app ${chosen}: unsupported extension '${ext}'; allowed: .ts, .js, .cjs, .json, .yaml, .yml`);
  }
}

function parseOrExplain(file: string, parse: () => unknown): unknown {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(`${file}: cannot parse: ${(error as Error).message}`);
  }
}

function pickExport(mod: Record<string, unknown>, file: string): unknown {
  const spec = mod.default ?? mod.app;
  if (spec === undefined) throw new UsageError(`${file}: export the spec as 'default' or 'app' (e.g. export default defineApp({...}))`);
  return spec;
}

/** Transpiles a .ts spec module in memory; `import ... from 'orquesta'` resolves to this package. */
function requireTypeScript(file: string, cwd: string): Record<string, unknown> {
  let ts: typeof import('typescript');
  try {
    ts = require(require.resolve('typescript', { paths: [cwd, __dirname] }));
  } catch {
    throw new UsageError(
      `${file}: loading a .ts spec needs the 'typescript' package (npm i -D typescript), or pass a .js/.json/.yaml spec`,
    );
  }
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const Module = require('module') as typeof import('module') & {
    _nodeModulePaths(dir: string): string[];
  };
  const m = new Module(file) as import('module') & {
    _compile(code: string, filename: string): void;
    paths: string[];
    filename: string;
    exports: Record<string, unknown>;
  };
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(outputText, file);
  return m.exports;
}
