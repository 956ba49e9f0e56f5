/**
 * Day-2 plan review from REAL terraform plans: the example is the base "as if deployed" (a state
 * built from its plan, offline), and three ordinary PR changes are planned against it, so the aws
 * provider itself decides what is updated in place and what is replaced. Nothing reaches AWS.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildComparison } from '../../src/analysis/build-comparison';
import { PRICE_CATALOG } from '../../src/analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../src/analysis/inventory/read-synth-output';
import { SpawnRunner } from '../../src/lifecycle/command-runner';
import { analyseDisruption, type DisruptionReport } from '../../src/lifecycle/plan/disruption';
import { planAgainstState, wouldBeState, type PlanAgainstBaseResult } from '../../src/lifecycle/plan/plan-against-base';
import { renderPlanComment } from '../../src/lifecycle/plan/plan-comment';
import { summarisePlan, type PlanJson } from '../../src/lifecycle/plan/plan-summary';
import { targetDelta, type Side } from '../../src/lifecycle/plan/report-delta';
import { synthesize } from '../../src/synth/synthesize';
import type { TargetId } from '../../src/targets/cluster-target';
import { getTarget } from '../../src/targets/registry';
import { offlineTerraformEnv } from '../terraform-env';
import { exampleSpec } from '../util';

const TARGETS: TargetId[] = ['eks', 'kops'];
type Head = 'size' | 'count' | 'version';
const HEADS: Record<Head, ReturnType<typeof exampleSpec>> = {
  size: exampleSpec({ cluster: { nodePools: [{ name: 'apps', sizeClass: 'large', minNodes: 3, desiredNodes: 3, maxNodes: 6 }] } }),
  count: exampleSpec({ cluster: { nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 4, maxNodes: 6 }] } }),
  version: exampleSpec({ cluster: { kubernetesVersion: '1.36' } }),
};
const NOW = new Date('2026-11-22T10:00:00Z');
const NODE_HOLDERS = new Set(['aws_eks_node_group', 'aws_autoscaling_group', 'aws_eks_cluster']);

let scratch = '';
const results: Record<string, PlanAgainstBaseResult> = {};
const disruption: Record<string, DisruptionReport> = {};
const sides: Record<string, Side> = {};

function side(root: string, t: TargetId): Side {
  const c = buildComparison({ synthesized: [readSynthOutput(root, t)], catalog: PRICE_CATALOG, now: NOW });
  return { report: c.report.targets[t], inventory: c.inventories[0] };
}

beforeAll(async () => {
  Object.assign(process.env, offlineTerraformEnv());
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-plan-disruption-'));
  const roots: Record<string, string> = {};
  for (const [name, spec] of Object.entries({ base: exampleSpec(), ...HEADS })) {
    roots[name] = path.join(scratch, name);
    synthesize(spec, TARGETS.map(getTarget), { root: roots[name], now: NOW, offlinePlan: true });
  }
  const runner = new SpawnRunner({ stdout: () => undefined, stderr: () => undefined });
  await Promise.all(
    TARGETS.map(async (t) => {
      const stack = (root: string) => path.join(root, 'cdktf.out', 'stacks', t);
      const workDir = path.join(scratch, `work-${t}`);
      const state = await wouldBeState(stack(roots.base), runner, { offline: true, workDir });
      if ('unavailable' in state) throw new Error(`${t}: ${state.unavailable}`);
      sides[`base/${t}`] = side(roots.base, t);
      for (const head of Object.keys(HEADS) as Head[]) {
        const r = await planAgainstState(state, stack(roots[head]), runner, { offline: true, workDir, name: head });
        if ('unavailable' in r) throw new Error(`${t}/${head}: ${r.unavailable}`);
        results[`${head}/${t}`] = r;
        sides[`${head}/${t}`] = side(roots[head], t);
        disruption[`${head}/${t}`] = analyseDisruption(r.plan, { base: sides[`base/${t}`], head: sides[`${head}/${t}`] }, 'base-state');
      }
    }),
  );
}, 1_800_000);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

const changes = (plan: PlanJson) =>
  (plan.resource_changes ?? []).filter((rc) => rc.mode !== 'data' && !rc.change.actions.every((a) => a === 'no-op'));

test.each(TARGETS)('%s: the would-be base state converges (the base plans clean against it)', (t) => {
  const r = results[`count/${t}`];
  expect(r.rounds).toBeLessThanOrEqual(4);
  expect(r.residual).toBeLessThanOrEqual(2);
});

test.each(TARGETS.flatMap((t) => (Object.keys(HEADS) as Head[]).map((h) => [t, h] as const)))(
  '%s, head %s: no node group, auto-scaling group or cluster is deleted before its replacement exists',
  (t, h) => {
    const early = changes(results[`${h}/${t}`].plan).filter(
      (rc) => NODE_HOLDERS.has(rc.type) && rc.change.actions.join() === 'delete,create',
    );
    expect(early.map((rc) => rc.address)).toEqual([]);
    expect(changes(results[`${h}/${t}`].plan).filter((rc) => NODE_HOLDERS.has(rc.type) && rc.change.actions.join() === 'delete')).toEqual(
      [],
    );
  },
);

test.each(TARGETS)('%s: desiredNodes 3 -> 4 replaces nothing and is reported safe', (t) => {
  const s = summarisePlan(results[`count/${t}`].plan);
  expect(s.replace).toEqual([]);
  expect(s.delete).toEqual([]);
  expect(disruption[`count/${t}`].disruptive).toEqual([]);
  expect(disruption[`count/${t}`].replacesCluster).toBe(false);
});

test('eks: sizeClass medium -> large replaces the node group with create-before-destroy, flagged in the comment', () => {
  const d = disruption['size/eks'];
  const pool = d.disruptive.find((x) => x.type === 'aws_eks_node_group');
  expect(pool).toMatchObject({ kind: 'node-pool', action: 'replace', createBeforeDestroy: true, nodes: 3, keepsServing: true });
  expect(pool!.because).toContain('instance_types');
  const comment = renderPlanComment([
    {
      target: 'eks',
      displayName: 'Amazon EKS',
      plan: { summary: summarisePlan(results['size/eks'].plan), basis: 'base-state' },
      delta: targetDelta(sides['base/eks'], sides['size/eks']),
      disruption: d,
    },
  ]);
  expect(comment).toMatch(
    /⚠️ EKS managed node group `aws_eks_node_group\.[^`]+` replaced \(create before destroy, because instance_types changed\)/,
  );
  expect(comment).toContain('keeps serving');
});

test('kops: sizeClass medium -> large rolls the worker group through an instance refresh instead of replacing it', () => {
  const d = disruption['size/kops'];
  const roll = d.disruptive.find((x) => x.kind === 'node-pool');
  expect(roll).toBeDefined();
  expect(['roll', 'replace']).toContain(roll!.action);
  if (roll!.action === 'replace') expect(roll!.createBeforeDestroy).toBe(true);
  expect(d.replacesCluster).toBe(false);
});

test.each(TARGETS)('%s: one minor version up never replaces the cluster or every control-plane member at once', (t) => {
  const d = disruption[`version/${t}`];
  expect(d.replacesCluster).toBe(false);
  expect(
    changes(results[`version/${t}`].plan).filter((rc) => rc.type === 'aws_eks_cluster' && rc.change.actions.includes('delete')),
  ).toEqual([]);
});
