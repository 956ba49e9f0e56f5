import * as fs from 'fs';
import * as path from 'path';
import { WEB_API_EXAMPLE } from '../examples/web-api';
import { UsageError } from '../spec/usage-error';
import { JsonSyntaxError, parseJsonStrict } from './parse-json-strict';
import { display, loadSpecModule } from './spec-module';

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
 * Loads the user's spec: `.json` (strict: duplicate keys rejected, errors at line:column, a UTF-8
 * BOM accepted), `.yaml`/`.yml` (the same), or a module, `.ts`/`.js`/`.cjs`/`.mjs` (see
 * `loadSpecModule`: `import ... from 'orquesta'` resolves to the running orquesta). A module exports
 * the spec as `default` or `app`. Without a file, the built-in example is used. Every problem is a
 * `UsageError` (exit 2) naming the file and, where there is one, the line.
 */
export function loadAppSpec(file: string | undefined, cwd = process.cwd()): LoadedSpec {
  const chosen = file ?? process.env[APP_ENV];
  if (!chosen) return { spec: WEB_API_EXAMPLE, origin: 'built-in example (web-api)' };
  const full = path.resolve(cwd, chosen);
  if (!fs.existsSync(full)) throw new UsageError(`--app ${chosen}: no such file (${full})`);
  if (fs.statSync(full).isDirectory()) throw new UsageError(`--app ${chosen}: is a directory; name the spec file in it`);
  const ext = path.extname(full);
  switch (ext) {
    case '.json':
      return { spec: parseJsonFile(full, cwd), origin: full };
    case '.yaml':
    case '.yml':
      return { spec: parseYamlFile(full, cwd), origin: full };
    case '.js':
    case '.cjs':
    case '.mjs':
    case '.ts':
    case '.cts':
    case '.mts':
      return { spec: pickExport(loadSpecModule(full, cwd, library)), origin: full };
    default:
      throw new UsageError(`--app ${chosen}: unsupported extension '${ext}'; allowed: .ts, .js, .cjs, .mjs, .json, .yaml, .yml`);
  }
}

/** What `import ... from 'orquesta'` gives a spec module: this running copy of the library. */
function library(): unknown {
  return require('../index');
}

function readText(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJsonFile(file: string, cwd: string): unknown {
  try {
    return parseJsonStrict(readText(file));
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new UsageError(`${display(file, cwd)}:${error.line}:${error.column}: invalid JSON: ${error.reason}`);
    throw error;
  }
}

function parseYamlFile(file: string, cwd: string): unknown {
  const YAML = require('yaml') as typeof import('yaml');
  const doc = YAML.parseDocument(readText(file), { uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const at = problem.linePos?.[0];
    const where = at ? `:${at.line}:${at.col}` : '';
    // The first line only: yaml appends a snippet of the source, which may hold a secret.
    const reason = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
    throw new UsageError(`${display(file, cwd)}${where}: invalid YAML: ${reason}${more}`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

function pickExport(mod: Record<string, unknown>): unknown {
  return mod.default ?? mod.app;
}
