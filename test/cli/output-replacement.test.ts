import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';

let mockFailPricing = false;
jest.mock('../../src/analysis/build-comparison', () => {
  const actual = jest.requireActual('../../src/analysis/build-comparison');
  return {
    ...actual,
    buildComparison: (...args: unknown[]) => {
      if (mockFailPricing) throw new Error("no price for 'ec2:m6i.large' in aws region 'us-east-1' in the price catalog");
      return actual.buildComparison(...args);
    },
  };
});

function io(cwd: string): CliIo & { out: jest.Mock; err: jest.Mock } {
  return { cwd, out: jest.fn(), err: jest.fn() } as never;
}

/** Every file under `dir` (relative) with its content, for before/after comparisons. */
function tree(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) out[f] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

describe('output replacement: only what was asked for, and only once everything succeeded', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-test-output-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('synth --target eks replaces eks and leaves the other targets and their manifest entries', async () => {
    const first = io(root);
    const code = await main(['synth', '--target', 'eks,gke'], first);
    expect(first.err.mock.calls).toEqual([]);
    expect(code).toBe(0);
    const before = tree(root);
    fs.writeFileSync(path.join(root, 'dist/k8s/gke/marker.txt'), 'kept');
    const spec = path.join(root, 'one-zone.json');
    const { WEB_API_EXAMPLE } = await import('../../src/examples/web-api');
    fs.writeFileSync(spec, JSON.stringify({ ...WEB_API_EXAMPLE, cluster: { ...WEB_API_EXAMPLE.cluster, zones: 2 } }));

    expect(await main(['synth', '--target', 'eks', '--app', spec], io(root))).toBe(0);
    const after = tree(root);
    expect(after['cdktf.out/stacks/eks/cdk.tf.json']).not.toBe(before['cdktf.out/stacks/eks/cdk.tf.json']);
    for (const target of ['gke']) {
      expect(after[`cdktf.out/stacks/${target}/cdk.tf.json`]).toBe(before[`cdktf.out/stacks/${target}/cdk.tf.json`]);
      expect(after[`dist/k8s/${target}/web-api.yaml`]).toBe(before[`dist/k8s/${target}/web-api.yaml`]);
    }
    expect(after['dist/k8s/gke/marker.txt']).toBe('kept');
    const manifest = JSON.parse(after['cdktf.out/manifest.json']) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks)).toEqual(['eks', 'gke']);
    expect(fs.readdirSync(path.join(root, '.orquesta'))).toEqual([]);
  });

  test('compare writes nothing (no stacks, manifests or report) when pricing fails', async () => {
    const before = tree(root);
    mockFailPricing = true;
    try {
      const a = io(root);
      expect(await main(['compare', '--target', 'eks'], a)).toBe(1);
      expect(a.err.mock.calls[0][0]).toContain("no price for 'ec2:m6i.large'");
    } finally {
      mockFailPricing = false;
    }
    expect(tree(root)).toEqual(before);
    expect(fs.readdirSync(path.join(root, '.orquesta'))).toEqual([]);
  });

  test('compare --json prints the report that report/comparison.json holds, and the Markdown names the spec', async () => {
    const a = io(root);
    expect(await main(['compare', '--target', 'eks', '--json'], a)).toBe(0);
    const printed = JSON.parse(a.out.mock.calls.map((c) => c[0]).join('\n'));
    const written = JSON.parse(fs.readFileSync(path.join(root, 'report/comparison.json'), 'utf8'));
    expect(printed).toEqual(written);
    expect(Object.keys(printed.targets)).toEqual(['eks']);
    expect(a.err.mock.calls[0][0]).toBe('wrote report/comparison.json, report/comparison.md, report/index.html');
    expect(fs.readFileSync(path.join(root, 'report/comparison.md'), 'utf8')).toContain('- **Spec:** `built-in example (web-api)`');
  });
});
