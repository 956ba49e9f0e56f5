import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

function sources(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const ALL = [...sources('src'), ...sources('stacks'), ...sources('test'), ...sources('scripts')];

describe('architecture', () => {
  test('no provider barrels anywhere: deep imports only (barrels make compile and synth ~10x slower)', () => {
    const offenders = ALL.filter((f) => importsOf(f).some((i) => /^@cdktf\/provider-(aws|google|azurerm)$/.test(i)));
    expect(offenders).toEqual([]);
  });

  // spec -> targets/k8s -> synth/analysis -> cli: a layer may import only from layers before it.
  const LAYERS: Array<[string, string[]]> = [
    ['src/spec', ['src/targets', 'src/k8s', 'src/synth', 'src/analysis', 'src/cli']],
    ['src/k8s', ['src/targets', 'src/synth', 'src/analysis', 'src/cli']],
    ['src/targets', ['src/synth', 'src/analysis', 'src/cli']],
    ['src/synth', ['src/analysis', 'src/cli']],
    ['src/analysis', ['src/cli', 'src/lifecycle']],
  ];
  test.each(LAYERS)('%s does not import from later layers', (layer, forbidden) => {
    const offenders = sources(layer).flatMap((file) =>
      importsOf(file)
        .filter((i) => i.startsWith('.'))
        .map((i) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), i)))
        .filter((target) => forbidden.some((f) => target.startsWith(`${f}/`)))
        .map((target) => `${file} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  test("product code never hard-codes this machine's provider mirror", () => {
    const offenders = [...sources('src'), ...sources('stacks')].filter((f) =>
      fs.readFileSync(path.join(ROOT, f), 'utf8').includes('/opt/tf-plugins'),
    );
    expect(offenders).toEqual([]);
  });

  test('the lockfile has an entry for every optional (platform) dependency it names, or `npm ci` fails on a fresh clone', () => {
    // Seen here: @swc/core 1.16.22 names platform packages this registry lacks; npm install writes the
    // lock without them and `npm ci` then refuses it (../shared/TOOLCHAIN.md has the jest 30 twin).
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const missing = Object.entries(lock.packages).flatMap(([at, pkg]) =>
      Object.keys(pkg.optionalDependencies ?? {})
        .filter((dep) => !lock.packages[`node_modules/${dep}`] && !lock.packages[`${at}/node_modules/${dep}`])
        .map((dep) => `${at || '(root)'} -> ${dep}`),
    );
    expect(missing).toEqual([]);
  });

  test('no source file grows into a god file (split before ~400 lines)', () => {
    const long = [...sources('src'), ...sources('stacks')]
      .map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length] as const)
      .filter(([f, lines]) => lines > 450 && !f.includes('/catalog/'));
    expect(long).toEqual([]);
  });
});
