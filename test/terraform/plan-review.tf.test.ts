/**
 * Plan review from REAL terraform output: the eks and kops stacks of a base and a changed spec are
 * planned offline (fake credentials, the provider's skip settings, the hashicorp/aws mirror where
 * the machine has one), and the PR summary is built from `terraform show -json`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildComparison } from '../../src/analysis/build-comparison';
import { PRICE_CATALOG } from '../../src/analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../src/analysis/inventory/read-synth-output';
import { SpawnRunner } from '../../src/lifecycle/command-runner';
import { renderPlanComment } from '../../src/lifecycle/plan/plan-comment';
import { diffPlans, summarisePlan, type PlanSummary } from '../../src/lifecycle/plan/plan-summary';
import { targetDelta } from '../../src/lifecycle/plan/report-delta';
import { planStack } from '../../src/lifecycle/plan/terraform-plan';
import { synthesize } from '../../src/synth/synthesize';
import { getTarget } from '../../src/targets/registry';
import type { TargetId } from '../../src/targets/cluster-target';
import { offlineTerraformEnv } from '../terraform-env';
import { exampleSpec } from '../util';

const TARGETS: TargetId[] = ['eks', 'kops'];
const roots: Record<'base' | 'head', string> = { base: '', head: '' };
const plans: Record<string, any> = {};

beforeAll(async () => {
  Object.assign(process.env, offlineTerraformEnv());
  const specs = {
    base: exampleSpec(),
    // The change a careless PR makes to save money: one zone, one control-plane node, one NAT.
    head: exampleSpec({ cluster: { zones: 1, natGateways: 'single', kops: { controlPlaneCount: 1 } } }),
  };
  const now = new Date('2026-11-22T10:00:00Z');
  const runner = new SpawnRunner();
  for (const side of ['base', 'head'] as const) {
    roots[side] = fs.mkdtempSync(path.join(os.tmpdir(), `orquesta-plan-review-${side}-`));
    synthesize(specs[side], TARGETS.map(getTarget), { root: roots[side], now, offlinePlan: true });
  }
  await Promise.all(
    (['base', 'head'] as const).flatMap((side) =>
      TARGETS.map(async (t) => {
        const outcome = await planStack(path.join(roots[side], 'cdktf.out', 'stacks', t), runner, { offline: true });
        if (!('json' in outcome)) throw new Error(`${side}/${t}: ${outcome.unavailable}`);
        plans[`${side}/${t}`] = outcome.json;
      }),
    ),
  );
});

afterAll(() => {
  for (const root of Object.values(roots)) if (root) fs.rmSync(root, { recursive: true, force: true });
});

function count(summary: PlanSummary, type: string, action: keyof PlanSummary['byType'][string]): number {
  return summary.byType[type]?.[action] ?? 0;
}

test('a fresh plan creates every synthesized resource', () => {
  for (const t of TARGETS) {
    const synthesized = JSON.parse(fs.readFileSync(path.join(roots.base, 'cdktf.out', 'stacks', t, 'cdk.tf.json'), 'utf8'));
    const resources = Object.values(synthesized.resource as Record<string, object>).reduce(
      (n, byName) => n + Object.keys(byName).length,
      0,
    );
    const s = summarisePlan(plans[`base/${t}`]);
    expect(s.create).toHaveLength(resources);
    expect(s.update.length + s.replace.length + s.delete.length).toBe(0);
  }
});

test('kops base -> head: two control-plane groups and four etcd volumes go, the NLB stays', () => {
  const d = diffPlans(plans['base/kops'], plans['head/kops']);
  expect(count(d, 'aws_autoscaling_group', 'delete')).toBe(2);
  expect(count(d, 'aws_ebs_volume', 'delete')).toBe(4);
  expect(count(d, 'aws_nat_gateway', 'delete')).toBe(2);
  expect(d.delete).not.toContain(expect.stringMatching(/^aws_lb\./));
  expect(d.create).toEqual([]);
});

test('eks base -> head: NAT gateways 3 -> 1 and two subnets go (EKS keeps a second private subnet)', () => {
  const d = diffPlans(plans['base/eks'], plans['head/eks']);
  expect(count(d, 'aws_nat_gateway', 'delete')).toBe(2);
  expect(count(d, 'aws_eip', 'delete')).toBe(2);
  // Two subnets go; EKS keeps a second private subnet because its control plane needs two zones.
  expect(count(d, 'aws_subnet', 'delete')).toBe(2);
  expect(d.create).toEqual([]);
  // Node group subnet ids are unknown until apply, so an offline plan-to-plan diff cannot show its
  // update; the Prometheus collector's subnet list shrinks (3 -> 2), which the diff does see.
  expect(d.update).toEqual([expect.stringMatching(/^aws_prometheus_scraper\./)]);
});

test('the cost and fault-tolerance delta lines, and the PR comment built from the real plans', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const compare = (root: string) =>
    buildComparison({ synthesized: TARGETS.map((t) => readSynthOutput(root, t)), catalog: PRICE_CATALOG, now });
  const base = compare(roots.base);
  const head = compare(roots.head);
  const side = (c: typeof base, t: TargetId) => ({ report: c.report.targets[t], inventory: c.inventories.find((i) => i.target === t)! });
  const kops = targetDelta(side(base, 'kops'), side(head, 'kops'));
  expect(kops.faultChanges).toEqual(
    expect.arrayContaining([
      'control plane 3 → 1 nodes: etcd now tolerates 0 failures',
      'node pool zones 3 → 1: zone loss no longer survived',
    ]),
  );
  expect(kops.deltaUsd).toBeLessThan(0);
  const eks = targetDelta(side(base, 'eks'), side(head, 'eks'));
  expect(eks.faultChanges).toContain('node pool zones 3 → 1: zone loss no longer survived');
  expect(eks.lines.filter((l) => l.address.startsWith('aws_nat_gateway.') && l.afterUsd === 0)).toHaveLength(2);

  const comment = renderPlanComment(
    TARGETS.map((t) => ({
      target: t,
      displayName: getTarget(t).displayName,
      plan: { summary: diffPlans(plans[`base/${t}`], plans[`head/${t}`]) },
      delta: t === 'kops' ? kops : eks,
    })),
  );
  expect(comment).toContain('⚠️ control plane 3 → 1 nodes: etcd now tolerates 0 failures');
  expect(comment).toMatch(/\| kops-style on EC2 \| [^|]*−\d+ destroy[^|]* \|/);
  expect(comment.length).toBeLessThan(65_536);
});
