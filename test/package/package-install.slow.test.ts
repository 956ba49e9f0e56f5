import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * Slow tier (npm run test:slow, ~2-3 minutes on 2 cores: `npm pack` runs the prepare build, and the
 * install copies ~1.1 GB of provider bindings out of npm's cache). The README's spec style, checked
 * the way a user meets it: in another project that installs the packed package, and in this clone.
 * The install uses npm's cache first (--prefer-offline) and the registry for anything missing.
 */

const ROOT = path.join(__dirname, '..', '..');
const SPEC = `import { defineApp } from 'orquesta';

export default defineApp({
  workload: {
    name: 'web-api',
    image: 'ghcr.io/acme/web-api:1.4.2',
    port: 8080,
    resources: { requests: { cpuMillicores: 250, memoryMiB: 256 }, limits: { cpuMillicores: 500, memoryMiB: 512 } },
    exposure: { type: 'public' },
  },
  cluster: { name: 'shop', zones: 2 },
});
`;
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
const run = (cmd: string, args: string[], cwd: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });

describe('the package, installed into another project', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-package-'));
  const project = path.join(scratch, 'project');
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  beforeAll(() => {
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], ROOT)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/orquesta.js', 'lib/orquesta.cjs', 'lib/src/index.js', 'lib/src/index.d.ts']));
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
    npm(['install', '--prefer-offline', '--no-package-lock', path.join(scratch, packed[0].filename), 'typescript@5.9.3'], project);
    fs.writeFileSync(path.join(project, 'my-app.ts'), SPEC);
  }, 600_000);

  test("npx orquesta validate loads a my-app.ts that imports { defineApp } from 'orquesta'", () => {
    const r = run('npx', ['--no-install', 'orquesta', 'validate', '--app', 'my-app.ts'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`${path.join(project, 'my-app.ts')}: valid for eks, gke, aks, kops`);
  });

  test('npx orquesta init writes a starter that validates there too', () => {
    expect(run('npx', ['--no-install', 'orquesta', 'init', 'starter.ts'], project).status).toBe(0);
    const r = run('npx', ['--no-install', 'orquesta', 'validate', '--app', 'starter.ts'], project);
    expect(r.stdout.trim()).toBe(`${path.join(project, 'starter.ts')}: valid for eks, gke, aks, kops`);
  });

  test("the spec type-checks against the package's types, and a wrong field does not", () => {
    const tsc = (file: string) =>
      run(
        process.execPath,
        [
          path.join(project, 'node_modules/typescript/bin/tsc'),
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--module',
          'commonjs',
          '--moduleResolution',
          'node',
          file,
        ],
        project,
      );
    expect(tsc('my-app.ts')).toMatchObject({ status: 0, stdout: '' });
    fs.writeFileSync(path.join(project, 'typo.ts'), SPEC.replace('zones: 2', 'zonez: 2'));
    expect(tsc('typo.ts').stdout).toContain("'zonez' does not exist in type 'ClusterSpec'");
  });

  test('the library API is importable from plain Node', () => {
    const r = run(
      process.execPath,
      ['-e', "const o = require('orquesta'); console.log(typeof o.defineApp, typeof o.prepareAppSpec, o.ALL_TARGETS.length)"],
      project,
    );
    expect(r.stdout.trim()).toBe('function function 4');
  });
});

describe('inside this clone after the prepare build', () => {
  test("a script at the repository root can require('orquesta') (package self-reference through exports)", () => {
    const file = path.join(ROOT, `.orquesta-self-reference-${process.pid}.js`);
    fs.writeFileSync(file, "console.log(typeof require('orquesta').defineApp);\n");
    try {
      expect(run(process.execPath, [file], ROOT).stdout.trim()).toBe('function');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
