import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'orquesta.js');

/** The real entry point: the esbuild bundle (built by `npm ci`'s prepare script) behind bin/orquesta.js. */
describe('bin/orquesta.js', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-bin-cache-'));
  const run = (args: string[], cwd = process.cwd()) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ORQUESTA_CACHE_DIR: cacheDir } });
  afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  test('writes a V8 code cache on the first run and gives the same answer from it', () => {
    const first = run(['validate']);
    expect(first.status).toBe(0);
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const second = run(['validate']);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout.trim()).toBe('built-in example (web-api): valid for eks, gke, aks, kops');
  });

  test('an invalid spec exits 2 with every problem and writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-bin-spec-'));
    fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ workload: { name: 'Bad' }, cluster: { name: 'c', zones: 9 } }));
    const r = run(['synth', '--app', 'app.json'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('workload.name ("Bad") must be a DNS-1035 label');
    expect(r.stderr).toContain('cluster.zones (9) must be an integer in 1..3');
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith('.'))).toEqual(['app.json']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a corrupt cache is ignored and replaced', () => {
    for (const f of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, f), 'not a v8 cache');
    const r = run(['validate']);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(cacheDir, fs.readdirSync(cacheDir)[0])).length).toBeGreaterThan(1000);
  });
});

describe('the bundle is rebuilt only when its inputs change, and old code caches are pruned', () => {
  const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'build-if-changed.js');
  const check = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8', env: { ...process.env, ...env } });

  test("up to date after a build (jest's global setup builds first); a stamp for other inputs makes a build due", () => {
    expect(check()).toMatchObject({ status: 0, stdout: 'up to date\n' });
    const stamp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-stamp-')), 'stamp');
    fs.writeFileSync(stamp, 'an older hash\n');
    expect(check({ ORQUESTA_BUILD_STAMP: stamp })).toMatchObject({ status: 1, stdout: 'build due\n' });
  });

  test("writing a cache removes older bundles' caches for this Node version, keeps other versions' recent ones", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-bin-prune-'));
    const old = path.join(dir, `bundle-1-1-${process.version}.bin`);
    const otherNode = path.join(dir, 'bundle-1-1-v18.0.0.bin');
    const ancient = path.join(dir, 'bundle-2-2-v18.0.0.bin');
    for (const f of [old, otherNode, ancient]) fs.writeFileSync(f, 'x');
    const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    fs.utimesSync(ancient, monthAgo, monthAgo);
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { ...process.env, ORQUESTA_CACHE_DIR: dir } });
    expect(r.status).toBe(0);
    const left = fs.readdirSync(dir);
    expect(left).toContain('bundle-1-1-v18.0.0.bin');
    expect(left).not.toContain(path.basename(old));
    expect(left).not.toContain(path.basename(ancient));
    expect(left.filter((f) => f.endsWith(`-${process.version}.bin`))).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
