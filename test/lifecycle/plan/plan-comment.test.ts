import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { analyseInventory } from '../../../src/analysis/build-comparison';
import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import { variantInventory } from '../../../src/analysis/sweep/variant';
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderPlanComment, type TargetPlan } from '../../../src/lifecycle/plan/plan-comment';
import { actionOf, summarisePlan } from '../../../src/lifecycle/plan/plan-summary';
import { targetDelta } from '../../../src/lifecycle/plan/report-delta';
import type { Inventory } from '../../../src/analysis/inventory/inventory';
import { eksInventory, kopsInventory } from '../../analysis/inventory-fixture';

const side = (inventory: Inventory) => ({ inventory, report: analyseInventory(inventory, PRICE_CATALOG) });

describe('plan summary', () => {
  test.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete'], 'delete'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['no-op'], undefined],
    [['read'], undefined],
  ] as const)('actions %j are %s', (actions, expected) => {
    expect(actionOf(actions)).toBe(expected);
  });

  test('groups resource changes, skips data sources and no-ops', () => {
    const s = summarisePlan({
      resource_changes: [
        { address: 'aws_nat_gateway.nat_b', type: 'aws_nat_gateway', change: { actions: ['delete'] } },
        { address: 'aws_nat_gateway.nat_c', type: 'aws_nat_gateway', change: { actions: ['delete'] } },
        { address: 'aws_eks_node_group.apps', type: 'aws_eks_node_group', change: { actions: ['update'] } },
        { address: 'aws_launch_template.apps', type: 'aws_launch_template', change: { actions: ['delete', 'create'] } },
        { address: 'aws_vpc.vpc', type: 'aws_vpc', change: { actions: ['no-op'] } },
        { address: 'data.aws_partition.current', type: 'aws_partition', mode: 'data', change: { actions: ['read'] } },
      ],
    });
    expect(s).toEqual({
      create: [],
      update: ['aws_eks_node_group.apps'],
      replace: ['aws_launch_template.apps'],
      delete: ['aws_nat_gateway.nat_b', 'aws_nat_gateway.nat_c'],
      byType: { aws_nat_gateway: { delete: 2 }, aws_eks_node_group: { update: 1 }, aws_launch_template: { replace: 1 } },
    });
  });
});

describe('cost and fault-tolerance delta', () => {
  test('kops control plane 3 -> 1: etcd tolerates 0 failures, upgrade no longer survived, cheaper', () => {
    const d = targetDelta(side(kopsInventory(3)), side(kopsInventory(1)));
    expect(d.faultChanges).toEqual(
      expect.arrayContaining([
        'control plane 3 → 1 nodes: etcd now tolerates 0 failures',
        'control-plane availability 99.98% → 99.49%',
        'control plane tolerates 1 → 0 zone losses',
      ]),
    );
    expect(d.faultChanges.some((c) => c.startsWith('control-plane upgrade no longer survived'))).toBe(true);
    expect(d.deltaUsd).toBeLessThan(0);
    expect(d.lines.map((l) => l.address)).toEqual(
      expect.arrayContaining(['aws_autoscaling_group.control_plane_1', 'aws_autoscaling_group.control_plane_2']),
    );
    expect(d.lines.find((l) => l.address === 'aws_autoscaling_group.control_plane_0')).toBeUndefined();
  });

  test('node pool zones 3 -> 1: zone loss no longer survived; per-zone NATs go with the zones', () => {
    const before = eksInventory();
    const d = targetDelta(side(before), side(variantInventory(before, { zones: 1 })));
    expect(d.faultChanges).toContain('node pool zones 3 → 1: zone loss no longer survived');
    expect(d.lines.find((l) => l.address === 'aws_nat_gateway.nat_b')).toMatchObject({ afterUsd: 0 });
  });

  test('more nodes: cost up by exactly the added nodes and disks', () => {
    const before = eksInventory();
    const d = targetDelta(side(before), side(variantInventory(before, { nodes: 5 })));
    expect(d.faultChanges).toContain('worker nodes 3 → 5');
    expect(d.lines[0].address).toBe('aws_eks_node_group.apps');
    expect(d.deltaUsd).toBe(d.lines.reduce((s, l) => Math.round((s + l.deltaUsd) * 100) / 100, 0));
  });

  test('no base: the whole cost is the delta and no fault changes are claimed', () => {
    const d = targetDelta(undefined, side(eksInventory()));
    expect(d.beforeUsd).toBeNull();
    expect(d.deltaUsd).toBe(d.afterUsd);
    expect(d.faultChanges).toEqual([]);
  });
});

describe('PR comment', () => {
  const plan = (overrides: Partial<TargetPlan> = {}): TargetPlan => ({
    target: 'kops',
    displayName: 'kops-style on EC2',
    plan: {
      summary: summarisePlan({
        resource_changes: [{ address: 'aws_launch_template.cp', type: 'aws_launch_template', change: { actions: ['delete', 'create'] } }],
      }),
    },
    delta: targetDelta(side(kopsInventory(3)), side(kopsInventory(1))),
    ...overrides,
  });

  test('has the sticky marker, a summary row, replacements called out and the delta lines', () => {
    const body = renderPlanComment([
      plan(),
      plan({ target: 'gke', displayName: 'Google GKE', plan: { unavailable: 'terraform init failed: no credentials' } }),
    ]);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toMatch(/\| kops-style on EC2 \| \*\*±1 replace\*\* \| \$[\d,.]+ → \$[\d,.]+ \(−\$[\d,.]+\) \| \d+ changes \|/);
    expect(body).toContain('| Google GKE | _terraform init failed: no credentials_ |');
    expect(body).toContain('**replaced** (destroyed and re-created): `aws_launch_template.cp`');
    expect(body).toContain('⚠️ control plane 3 → 1 nodes: etcd now tolerates 0 failures');
    expect(body).toContain('<details><summary>Monthly cost by resource</summary>');
  });

  test("stays under GitHub's limit for a huge plan by dropping detail and pointing at the artifact", () => {
    const many = Array.from({ length: 4000 }, (_, i) => ({
      address: `aws_route53_record.record_with_a_long_name_${i}`,
      type: `aws_route53_record_type_${i}`,
      change: { actions: ['create'] },
    }));
    const huge = plan({ plan: { summary: summarisePlan({ resource_changes: many }) } });
    const body = renderPlanComment([huge, huge, huge, huge]);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toContain('the full summary is in the orquesta-plan artifact');
    expect(body).toContain('| kops-style on EC2 | +4000 add');
  });

  test('truncates even the compact form under a tiny limit and says so', () => {
    const body = renderPlanComment([plan()], { limit: 400, fullSummaryPointer: 'plan-report/summary.md' });
    expect(body.length).toBeLessThanOrEqual(400);
    expect(body).toContain('truncated');
    expect(body).toContain('plan-report/summary.md');
  });
});

describe('GitHub workflow', () => {
  const workflow = YAML.parse(fs.readFileSync(path.join(__dirname, '../../../.github/workflows/plan.yml'), 'utf8'));
  const steps: Array<{ name?: string; uses?: string; run?: string; if?: string; with?: Record<string, string> }> = workflow.jobs.plan.steps;

  test('runs on pull requests with permission to comment', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  test('installs, synthesizes the base, plans, keeps the artifact and posts one sticky comment', () => {
    const text = steps.map((s) => `${s.name ?? ''} ${s.uses ?? ''} ${s.run ?? ''}`);
    const order = ['npm ci', 'git worktree add', 'bin/orquesta.js plan', 'upload-artifact', 'github-script'];
    const positions = order.map((needle) => text.findIndex((t) => t.includes(needle)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const script = steps.find((s) => s.uses?.startsWith('actions/github-script'))!.with!.script;
    expect(script).toContain(COMMENT_MARKER);
    expect(script).toContain('updateComment');
  });

  test('credentials come from secrets only when present, and plans fall back to the delta only', () => {
    const creds = steps.filter((s) => /credentials/i.test(s.name ?? ''));
    expect(creds.map((s) => s.if)).toEqual(["env.HAS_AWS == 'true'", "env.HAS_GCP == 'true'", "env.HAS_AZURE == 'true'"]);
    expect(steps.find((s) => s.name?.startsWith('Plan'))!.run).toContain('--no-terraform');
  });
});
