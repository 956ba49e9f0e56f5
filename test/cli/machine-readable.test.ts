import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { STARTER_SPEC } from '../../src/cli/starter/starter-spec';
import { loadAppSpec } from '../../src/cli/load-app-spec';
import { ALL_TARGETS } from '../../src/targets/registry';
import { prepareAppSpec } from '../../src/targets/validate-for-targets';

function io(cwd: string): CliIo & { out: jest.Mock; err: jest.Mock } {
  return { cwd, out: jest.fn(), err: jest.fn() } as never;
}
const stdout = (a: { out: jest.Mock }) => a.out.mock.calls.map((c) => c[0]).join('\n');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--json output', () => {
  test('validate --json: valid', async () => {
    const a = io(dir);
    expect(await main(['validate', '--json'], a)).toBe(0);
    expect(JSON.parse(stdout(a))).toEqual({
      valid: true,
      spec: 'built-in example (web-api)',
      targets: ['eks', 'gke', 'aks', 'kops'],
      problems: [],
    });
  });

  test('validate --json: every problem with path, value, requirement and allowed; exit 2', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ workload: { name: 'Bad', replicaz: 3 }, cluster: { name: 'c', regions: { aws: 'us-east-9' } } }),
    );
    const a = io(dir);
    expect(await main(['validate', '--app', 'bad.json', '--target', 'eks', '--json'], a)).toBe(2);
    const result = JSON.parse(stdout(a));
    expect(result.valid).toBe(false);
    expect(result.targets).toEqual(['eks']);
    expect(result.problems.map((p: { path: string }) => p.path)).toEqual([
      'workload.replicaz',
      'workload.name',
      'workload.image',
      'workload.port',
      'workload.resources',
      'workload.exposure',
      'cluster.regions.aws',
    ]);
    expect(result.problems[6]).toEqual({
      path: 'cluster.regions.aws',
      value: 'us-east-9',
      requirement: "is not an AWS region; did you mean 'us-east-1'? supported (regions with prices in the catalog): us-east-1, eu-west-1",
      allowed: ['us-east-1', 'eu-west-1'],
      message: expect.stringMatching(/^cluster\.regions\.aws \("us-east-9"\) is not an AWS region/),
    });
    expect(a.err.mock.calls[0][0]).toBe(`orquesta validate: 7 problem(s) in ${path.join(dir, 'bad.json')}`);
  });

  test('an unreadable spec with --json: { error: { kind: usage } } on stdout, the message on stderr', async () => {
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "a": 1,, }');
    const a = io(dir);
    expect(await main(['validate', '--app', 'broken.json', '--json'], a)).toBe(2);
    expect(JSON.parse(stdout(a))).toEqual({
      error: { kind: 'usage', message: "broken.json:1:10: invalid JSON: expected a key in double quotes, found ','" },
    });
    expect(a.err.mock.calls[0][0]).toBe("orquesta validate: broken.json:1:10: invalid JSON: expected a key in double quotes, found ','");
  });

  test('lab list --json: the recorded labs with their computed state', async () => {
    const a = io(dir);
    expect(await main(['lab', 'list', '--json'], a)).toBe(0);
    const result = JSON.parse(stdout(a));
    expect(result.labs).toEqual([]);
    expect(result.finders.map((f: { cloud: string }) => f.cloud)).toEqual(['aws', 'gcp', 'azure']);
  });
});

describe('orquesta init', () => {
  test('writes a commented starter spec that loads to exactly the starter and validates on every target', async () => {
    const a = io(dir);
    expect(await main(['init'], a)).toBe(0);
    expect(a.out.mock.calls[0][0]).toBe('wrote my-app.ts: a starter spec for my-app on cluster my-cluster');
    const text = fs.readFileSync(path.join(dir, 'my-app.ts'), 'utf8');
    expect(text).toContain("import { defineApp } from 'orquesta';");
    expect(text).toContain('npx orquesta validate --app my-app.ts');
    expect(text.split('\n').filter((l) => l.includes('//')).length).toBeGreaterThan(20);
    const loaded = loadAppSpec('my-app.ts', dir).spec;
    expect(loaded).toEqual(STARTER_SPEC);
    expect(prepareAppSpec(loaded, ALL_TARGETS).workload.name).toBe('my-app');
  });

  test('refuses to overwrite without --force (exit 2, file unchanged); --force overwrites', async () => {
    fs.writeFileSync(path.join(dir, 'mine.ts'), 'my own work');
    const a = io(dir);
    expect(await main(['init', 'mine.ts'], a)).toBe(2);
    expect(a.err.mock.calls[0][0]).toBe('orquesta init: mine.ts exists; pass --force to overwrite it (nothing was written)');
    expect(fs.readFileSync(path.join(dir, 'mine.ts'), 'utf8')).toBe('my own work');
    expect(await main(['init', 'mine.ts', '--force'], io(dir))).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'mine.ts'), 'utf8')).toContain('defineApp');
  });

  test.each(['starter.yaml', 'starter.json'])('%s: the other formats load to the same starter', async (file) => {
    expect(await main(['init', file], io(dir))).toBe(0);
    expect(loadAppSpec(file, dir).spec).toEqual(STARTER_SPEC);
  });

  test('an unsupported extension is a usage error', async () => {
    const a = io(dir);
    expect(await main(['init', 'spec.toml'], a)).toBe(2);
    expect(a.err.mock.calls[0][0]).toBe("orquesta init: init: unsupported extension '.toml'; allowed: .ts, .yaml, .yml, .json");
    expect(fs.existsSync(path.join(dir, 'spec.toml'))).toBe(false);
  });
});
