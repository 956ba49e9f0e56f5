import { analyseInventory } from '../../../src/analysis/build-comparison';
import { PRICE_CATALOG } from '../../../src/analysis/cost/catalog/price-catalog';
import type { Inventory } from '../../../src/analysis/inventory/inventory';
import { analyseDisruption } from '../../../src/lifecycle/plan/disruption';
import { renderPlanComment } from '../../../src/lifecycle/plan/plan-comment';
import type { ResourceChange } from '../../../src/lifecycle/plan/plan-summary';
import { summarisePlan } from '../../../src/lifecycle/plan/plan-summary';
import { targetDelta } from '../../../src/lifecycle/plan/report-delta';
import { eksInventory, kopsInventory, workload } from '../../analysis/inventory-fixture';

const side = (inventory: Inventory) => ({ inventory, report: analyseInventory(inventory, PRICE_CATALOG) });
const EKS = side(eksInventory());

const NODE_GROUP_BEFORE = {
  instance_types: ['m6i.large'],
  scaling_config: [{ desired_size: 3, min_size: 3, max_size: 6 }],
  launch_template: [{ id: 'lt-1', version: '1' }],
  version: '1.35',
};

function rc(
  address: string,
  actions: string[],
  before: object,
  after: object,
  extra: Partial<ResourceChange['change']> = {},
): ResourceChange {
  return { address, type: address.split('.')[0], mode: 'managed', change: { actions, before, after, ...extra } };
}

describe('analyseDisruption: node pools', () => {
  test('a replacement with create-before-destroy drains the old nodes after the new group exists and keeps serving', () => {
    const d = analyseDisruption(
      {
        resource_changes: [
          rc(
            'aws_eks_node_group.apps',
            ['create', 'delete'],
            NODE_GROUP_BEFORE,
            { ...NODE_GROUP_BEFORE, instance_types: ['m6i.xlarge'] },
            {
              replace_paths: [['instance_types']],
            },
          ),
        ],
      },
      { base: EKS, head: EKS },
      'base-state',
    );
    expect(d.disruptive).toEqual([
      expect.objectContaining({
        kind: 'node-pool',
        action: 'replace',
        createBeforeDestroy: true,
        nodes: 3,
        keepsServing: true,
        because: ['instance_types'],
      }),
    ]);
    expect(d.disruptive[0].summary).toContain('the new group exists first, then 3 nodes are drained');
  });

  test('a replacement that destroys first deletes every node of the only pool: an outage', () => {
    const d = analyseDisruption(
      {
        resource_changes: [
          rc('aws_eks_node_group.apps', ['delete', 'create'], NODE_GROUP_BEFORE, NODE_GROUP_BEFORE, {
            replace_paths: [['instance_types']],
          }),
        ],
      },
      { base: EKS, head: EKS },
      'state',
    );
    expect(d.disruptive[0]).toMatchObject({ createBeforeDestroy: false, keepsServing: false });
    expect(d.disruptive[0].summary).toContain('all 3 nodes are deleted BEFORE the new group exists: every replica of web-api stops');
  });

  test('a node-count change is safe: updated in place, nothing replaced', () => {
    const after = { ...NODE_GROUP_BEFORE, scaling_config: [{ desired_size: 4, min_size: 3, max_size: 6 }] };
    const d = analyseDisruption(
      { resource_changes: [rc('aws_eks_node_group.apps', ['update'], NODE_GROUP_BEFORE, after)] },
      { base: EKS },
      'state',
    );
    expect(d.disruptive).toEqual([]);
    expect(d.safe).toEqual([expect.objectContaining({ attributes: ['scaling_config'] })]);
    expect(d.safe[0].summary).toContain('updated in place (node count)');
  });

  test('a version bump rolls the group node by node; a PDB that allows no eviction blocks it', () => {
    const after = { ...NODE_GROUP_BEFORE, version: '1.36' };
    const plan = { resource_changes: [rc('aws_eks_node_group.apps', ['update'], NODE_GROUP_BEFORE, after)] };
    expect(analyseDisruption(plan, { base: EKS }, 'state').disruptive[0]).toMatchObject({
      action: 'roll',
      because: ['version'],
      keepsServing: true,
    });
    const strict = side(eksInventory({ workload: workload({ disruptionBudget: { minAvailable: 3 } }) }));
    const blocked = analyseDisruption(plan, { base: strict }, 'state').disruptive[0];
    expect(blocked.keepsServing).toBe(false);
    expect(blocked.summary).toContain('PodDisruptionBudget allows no eviction');
  });

  test('an auto-scaling group whose launch template changes rolls only with an instance refresh', () => {
    const kops = side(kopsInventory(3));
    const before = { desired_capacity: 3, launch_template: [{ id: 'lt-1', version: '1' }], tag: [] };
    const after = { ...before, launch_template: [{ id: 'lt-1', version: '2' }] };
    const without = analyseDisruption(
      { resource_changes: [rc('aws_autoscaling_group.apps', ['update'], before, after)] },
      { base: kops },
      'state',
    );
    expect(without.disruptive).toEqual([]);
    expect(without.safe[0].summary).toContain('running instances keep the old launch template');
    const withRefresh = { ...after, instance_refresh: [{ strategy: 'Rolling' }] };
    const rolled = analyseDisruption(
      { resource_changes: [rc('aws_autoscaling_group.apps', ['update'], before, withRefresh)] },
      { base: kops },
      'state',
    );
    expect(rolled.disruptive[0]).toMatchObject({ kind: 'node-pool', action: 'roll', nodes: 3, keepsServing: true });
  });
});

describe('analyseDisruption: clusters and control planes', () => {
  test('replacing the cluster is flagged and marks the plan as replacing the cluster', () => {
    const d = analyseDisruption(
      { resource_changes: [rc('aws_eks_cluster.cluster', ['delete', 'create'], {}, {}, { replace_paths: [['vpc_config']] })] },
      { base: EKS },
      'state',
    );
    expect(d.replacesCluster).toBe(true);
    expect(d.disruptive[0]).toMatchObject({ kind: 'cluster', keepsServing: false });
    expect(d.disruptive[0].summary).toContain('--allow-replace');
  });

  test.each([
    [3, 1, false],
    [3, 2, true],
    [5, 2, false],
    [5, 3, true],
  ])('kops: %i members, %i control-plane groups replaced at once -> quorum lost: %s', (members, replaced, lost) => {
    const kops = side(kopsInventory(members));
    const tagged = { tag: [{ key: 'orquesta.dev/role', value: 'control-plane' }], desired_capacity: 1 };
    const changes = Array.from({ length: replaced }, (_, i) =>
      rc(`aws_autoscaling_group.control_plane_${i}`, ['delete', 'create'], tagged, tagged),
    );
    const d = analyseDisruption({ resource_changes: changes }, { base: kops }, 'state');
    expect(d.disruptive.filter((x) => x.kind === 'control-plane' && x.type === 'aws_autoscaling_group')).toHaveLength(replaced);
    expect(d.replacesCluster).toBe(lost);
    expect(d.disruptive.some((x) => x.type === 'etcd')).toBe(lost);
  });

  test('load balancers and volumes that are replaced say what the user loses', () => {
    const d = analyseDisruption(
      { resource_changes: [rc('aws_lb.api', ['delete', 'create'], {}, {}), rc('aws_ebs_volume.etcd', ['delete'], {}, {})] },
      { base: EKS },
      'state',
    );
    expect(d.disruptive.map((x) => [x.kind, x.action])).toEqual([
      ['load-balancer', 'replace'],
      ['volume', 'delete'],
    ]);
    expect(d.disruptive[1].summary).toContain('data on it is lost');
  });

  test('creates, no-ops and types that disrupt nothing are ignored', () => {
    const d = analyseDisruption(
      { resource_changes: [rc('aws_eks_node_group.new', ['create'], {}, {}), rc('aws_iam_role.r', ['delete', 'create'], {}, {})] },
      { base: EKS },
      'state',
    );
    expect(d).toEqual({ basis: 'state', disruptive: [], safe: [], replacesCluster: false });
  });
});

test('the PR comment shows a ⚠ line per disruptive change with its serving verdict and a safe note per in-place change', () => {
  const plan = {
    resource_changes: [
      rc('aws_eks_node_group.apps', ['delete', 'create'], NODE_GROUP_BEFORE, NODE_GROUP_BEFORE, { replace_paths: [['instance_types']] }),
      rc('aws_eks_node_group.batch', ['update'], NODE_GROUP_BEFORE, { ...NODE_GROUP_BEFORE, scaling_config: [{ desired_size: 5 }] }),
    ],
  };
  const comment = renderPlanComment([
    {
      target: 'eks',
      displayName: 'Amazon EKS',
      plan: { summary: summarisePlan(plan), basis: 'base-state' },
      delta: targetDelta(EKS, EKS),
      disruption: analyseDisruption(plan, { base: EKS }, 'base-state'),
    },
  ]);
  expect(comment).toContain('_(vs the base revision as if deployed)_');
  expect(comment).toMatch(
    /- ⚠️ EKS managed node group `aws_eks_node_group\.apps` replaced \(destroy before create, because instance_types changed\).* — \*\*outage\*\*/,
  );
  expect(comment).toContain('- ✅ safe: EKS managed node group `aws_eks_node_group.batch` updated in place (node count)');
});
