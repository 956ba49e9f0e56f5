import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAppSpec } from '../../src/cli/load-app-spec';
import { UsageError } from '../../src/spec/usage-error';
import { WEB_API_EXAMPLE } from '../../src/examples/web-api';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-load-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return name;
}

function errorOf(name: string): string {
  try {
    loadAppSpec(name, dir);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${name} loaded without an error`);
}

const EXAMPLE_JSON = JSON.stringify(WEB_API_EXAMPLE, null, 2);

describe('loadAppSpec: every way a spec file can be wrong is a usage error naming the file and line', () => {
  test.each<[string, string, string, string | RegExp]>([
    [
      'duplicate key',
      'dup.json',
      '{\n  "workload": {},\n  "cluster": {\n    "zones": 3,\n    "zones": 1\n  }\n}',
      'dup.json:5:5: invalid JSON: duplicate key "zones" in cluster (first at 4:5): JSON.parse would silently keep the last one',
    ],
    ['trailing comma', 'comma.json', '{\n  "a": 1,\n}', 'comma.json:2:9: invalid JSON: trailing comma before }'],
    [
      'single quotes',
      'quote.json',
      "{\n  'a': 1\n}",
      'quote.json:2:3: invalid JSON: expected a key in double quotes, found a single quote (JSON strings use double quotes)',
    ],
    [
      'truncated file',
      'short.json',
      '{\n  "workload": {',
      'short.json:2:16: invalid JSON: expected a key in double quotes, found the end of the file',
    ],
    ['text after the value', 'extra.json', '{}\n}', "extra.json:2:1: invalid JSON: unexpected '}' after the end of the JSON value"],
    [
      'yaml duplicate key',
      'dup.yaml',
      'workload:\n  name: a\ncluster:\n  zones: 3\n  zones: 1\n',
      /^dup\.yaml:5:3: invalid YAML: Map keys must be unique/,
    ],
    [
      'yaml bad indentation',
      'indent.yaml',
      'workload:\n  name: a\n    image: x\n',
      /^indent\.yaml:2:9: invalid YAML: Nested mappings are not allowed in compact mappings/,
    ],
    [
      'a TypeScript syntax error',
      'syntax.ts',
      "export default {\n  workload: { name: 'a' \n  cluster: {},\n};\n",
      /^the spec module does not parse:\n {2}syntax\.ts:3:3: syntax error: ',' expected\. \(TS1005\)/,
    ],
    [
      'a module that throws',
      'throws.ts',
      "const x: number = 1;\n\nfunction boom(): never {\n  throw new Error('no region configured');\n}\nexport default boom();\n",
      'the spec module failed to load: throws.ts:4:9: Error: no region configured\n  called from throws.ts:6:16',
    ],
    [
      'a missing import',
      'missing.ts',
      "import leftPad from 'left-pad-not-installed';\nexport default leftPad;\n",
      "the spec module failed to load: missing.ts:1:1: cannot find module 'left-pad-not-installed' imported by the spec; install it (npm i left-pad-not-installed) or fix the import",
    ],
    [
      'a missing relative import',
      'rel.ts',
      "import { base } from './nowhere';\nexport default base;\n",
      "the spec module failed to load: rel.ts:1:1: cannot find module './nowhere' imported by the spec; install it (npm i …) or fix the import",
    ],
    [
      'a JS syntax error',
      'broken.js',
      'module.exports = {\n  default: {,\n};\n',
      /^the spec module failed to load: broken\.js:2: SyntaxError: Unexpected token ','/,
    ],
    [
      'CommonJS module.exports = spec',
      'cjs.js',
      `module.exports = ${EXAMPLE_JSON};\n`,
      "cjs.js: the spec is assigned to module.exports itself (CommonJS 'module.exports = {...}'); orquesta reads the 'default' or 'app' export: write 'module.exports = { default: defineApp({...}) }' or 'export default defineApp({...})'",
    ],
    [
      'an exported Promise',
      'promise.ts',
      `export default Promise.resolve(${EXAMPLE_JSON});\n`,
      "promise.ts: the default export is a Promise (an async function's result or a top-level await?); export the spec object itself: orquesta reads the spec synchronously",
    ],
    [
      'a function',
      'fn.ts',
      'export default function spec() { return {}; }\n',
      'fn.ts: the default export is a function; export the spec object it returns (export default defineApp({...}))',
    ],
    [
      'no default export',
      'named.ts',
      'export const spec = {};\n',
      "named.ts: export the spec as 'default' or 'app' (export default defineApp({...})); the module exports only: spec",
    ],
    [
      'a getter that throws while the spec is read',
      'getter.ts',
      "const spec = {\n  get workload(): never {\n    throw new Error('env WORKLOAD not set');\n  },\n};\nexport default spec;\n",
      'the spec module failed to load: getter.ts:3:11: Error: env WORKLOAD not set',
    ],
    [
      'an unknown extension',
      'app.toml',
      'x = 1',
      "--app app.toml: unsupported extension '.toml'; allowed: .ts, .js, .cjs, .mjs, .json, .yaml, .yml",
    ],
  ])('%s', (_name, file, text, expected) => {
    const message = errorOf(write(file, text));
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
    expect(message).not.toMatch(/\/src\/cli\/|node:internal|at Module\./);
  });

  test('a UTF-8 BOM is accepted in JSON and YAML', () => {
    write('bom.json', `\ufeff${EXAMPLE_JSON}`);
    expect(loadAppSpec('bom.json', dir).spec).toEqual(WEB_API_EXAMPLE);
    write('bom.yaml', '\ufeffworkload:\n  name: a\n');
    expect(loadAppSpec('bom.yaml', dir).spec).toEqual({ workload: { name: 'a' } });
  });

  test('parse errors never quote the text around them (it may hold a secret)', () => {
    const message = errorOf(write('secret.json', '{ "password": "hunter2" x }'));
    expect(message).toBe("secret.json:1:25: invalid JSON: expected ',' or '}' after a value, found 'x'");
    const yaml = errorOf(write('secret.yaml', 'token: "abc\n  : : :\n'));
    expect(yaml).not.toContain('abc');
  });

  test("the README's style works: import { defineApp } from 'orquesta' in a .ts spec outside the project", () => {
    write(
      'my-app.ts',
      `import { defineApp } from 'orquesta';\nimport type { AppSpec } from 'orquesta';\nconst base = ${EXAMPLE_JSON} as AppSpec;\nexport default defineApp({ ...base, cluster: { ...base.cluster, zones: 2 } });\n`,
    );
    const loaded = loadAppSpec('my-app.ts', dir);
    expect((loaded.spec as { cluster: { zones: number } }).cluster.zones).toBe(2);
    expect(loaded.origin).toBe(path.join(dir, 'my-app.ts'));
  });

  test('a .ts spec can import another .ts file and an ES-module .js', () => {
    write(
      'shared/pools.ts',
      "export const pools = [{ name: 'apps', sizeClass: 'small' as const, minNodes: 1, desiredNodes: 2, maxNodes: 3 }];\n",
    );
    write(
      'esm-app.js',
      `import { pools } from './shared/pools';\nconst base = ${EXAMPLE_JSON};\nexport default { ...base, cluster: { ...base.cluster, nodePools: pools } };\n`,
    );
    const spec = loadAppSpec('esm-app.js', dir).spec as { cluster: { nodePools: Array<{ sizeClass: string }> } };
    expect(spec.cluster.nodePools[0].sizeClass).toBe('small');
  });
});
