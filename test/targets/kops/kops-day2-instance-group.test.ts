import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { extractInventory } from '../../../src/analysis/inventory/extract-inventory';
import { readSynthOutput } from '../../../src/analysis/inventory/read-synth-output';
import { synthesize } from '../../../src/synth/synthesize';
import { KopsTarget } from '../../../src/targets/kops/kops-target';
import { KUBERNETES_VERSION_TAG, KopsInstanceGroup, type KopsInstanceGroupProps } from '../../../src/targets/kops/kops-instance-group';
import { KOPS_DRAIN_HOOK, KOPS_INSTANCE_WARMUP_SECONDS, kopsWorkerRoll } from '../../../src/targets/kops/kops-worker-roll';
import { TEST_NOW, exampleSpec } from '../../util';

const base: KopsInstanceGroupProps = {
  name: 'demo-kops-nodes-default',
  description: 'workers',
  instanceType: 'm6i.large',
  amiSsmParameter: '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id',
  rootVolumeGiB: 128,
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  minSize: 3,
  desiredSize: 3,
  maxSize: 6,
  securityGroupId: 'sg-1',
  instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/nodes',
  userData: '#!/bin/bash\necho hi\n',
  role: 'worker',
  pool: 'default',
  kubernetesVersion: '1.35',
  tags: { 'orquesta-cluster': 'demo' },
};

function synthGroup(props: Partial<KopsInstanceGroupProps>) {
  const json = JSON.parse(Testing.synthScope((scope) => new KopsInstanceGroup(scope, 'Group', { ...base, ...props }))) as {
    resource: Record<string, Record<string, Record<string, any>>>;
  };
  const one = (type: string) => Object.values(json.resource[type] ?? {})[0];
  return { json, asg: one('aws_autoscaling_group'), lt: one('aws_launch_template'), hook: one('aws_autoscaling_lifecycle_hook') };
}

const roll = kopsWorkerRoll(exampleSpec(), exampleSpec().cluster.nodePools[0]);

describe('worker groups change without losing capacity', () => {
  const { asg, lt, hook } = synthGroup({ roll });

  test('the group keeps its identity: a name prefix, create-before-destroy, and desired capacity left to the autoscaler', () => {
    expect(asg.name).toBeUndefined();
    expect(asg.name_prefix).toBe('demo-kops-nodes-default-');
    expect(asg.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['desired_capacity'] });
    expect(asg.desired_capacity).toBe(3);
  });

  test('a new launch-template version starts an instance refresh that launches before it terminates', () => {
    expect(asg.launch_template.version).toMatch(/latest_version/);
    expect(asg.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: {
        min_healthy_percentage: 100,
        max_healthy_percentage: 134,
        instance_warmup: String(KOPS_INSTANCE_WARMUP_SECONDS),
        skip_matching: true,
      },
    });
  });

  test('a terminating instance waits in a lifecycle hook for the drain job', () => {
    expect(hook).toMatchObject({
      name: KOPS_DRAIN_HOOK.name,
      lifecycle_transition: 'autoscaling:EC2_INSTANCE_TERMINATING',
      heartbeat_timeout: KOPS_DRAIN_HOOK.heartbeatTimeoutSeconds,
      default_result: 'CONTINUE',
    });
    expect(hook.autoscaling_group_name).toMatch(/^\$\{aws_autoscaling_group\.Group_[A-Z0-9]+\.name\}$/);
    expect(KOPS_DRAIN_HOOK.drainTimeoutSeconds).toBeLessThan(KOPS_DRAIN_HOOK.heartbeatTimeoutSeconds);
  });

  test('the Kubernetes version is not in a worker launch template, so a version bump cannot start a roll', () => {
    for (const spec of lt.tag_specifications as Array<{ tags: Record<string, string> }>) {
      expect(spec.tags[KUBERNETES_VERSION_TAG]).toBeUndefined();
    }
    const asgTags = asg.tag as Array<{ key: string; value: string; propagate_at_launch: boolean }>;
    expect(asgTags).toContainEqual({ key: KUBERNETES_VERSION_TAG, value: '1.35', propagate_at_launch: true });
  });
});

describe('spot pools', () => {
  const { asg } = synthGroup({ roll, capacity: 'spot' });

  test('use a mixed-instances policy of same-shape types, all spot, price-capacity-optimized, with capacity rebalance', () => {
    expect(asg.launch_template).toBeUndefined();
    expect(asg.capacity_rebalance).toBe(true);
    expect(asg.mixed_instances_policy.instances_distribution).toEqual({
      on_demand_base_capacity: 0,
      on_demand_percentage_above_base_capacity: 0,
      spot_allocation_strategy: 'price-capacity-optimized',
    });
    expect(asg.mixed_instances_policy.launch_template.override.map((o: { instance_type: string }) => o.instance_type)).toEqual([
      'm6i.large',
      'm6a.large',
      'm5.large',
      'm5a.large',
    ]);
    expect(asg.instance_refresh.preferences.min_healthy_percentage).toBe(100);
  });
});

describe('control-plane members are never rolled by EC2', () => {
  const { asg, lt, hook } = synthGroup({ role: 'control-plane', pool: undefined, minSize: 1, desiredSize: 1, maxSize: 1 });

  test('fixed name, no instance refresh, no drain hook, and the version stays on the launch template', () => {
    expect(asg.name).toBe('demo-kops-nodes-default');
    expect(asg.instance_refresh).toBeUndefined();
    expect(asg.lifecycle).toBeUndefined();
    expect(hook).toBeUndefined();
    expect(lt.tag_specifications[0].tags[KUBERNETES_VERSION_TAG]).toBe('1.35');
  });

  test('a worker group without a roll policy is refused', () => {
    expect(() => synthGroup({ roll: undefined })).toThrow(/roll \(missing\) is required for a worker group/);
  });
});

describe('kopsWorkerRoll follows the PodDisruptionBudget', () => {
  test.each([
    // [replicas, budget, desired nodes, nodes at once, max healthy %]
    [3, { maxUnavailable: 1 }, 3, 1, 134],
    [6, { maxUnavailable: 4 }, 3, 2, 167],
    [6, { minAvailable: 5 }, 3, 1, 134],
    [9, { maxUnavailable: 9 }, 3, 3, 200],
    [3, { minAvailable: 2 }, 4, 1, 125],
  ] as const)('%i replicas, %j, %i nodes: %i node(s) at once, max healthy %i%%', (replicas, budget, nodes, atOnce, maxHealthy) => {
    const spec = exampleSpec({
      workload: { replicas, autoscaling: undefined, disruptionBudget: budget },
      cluster: { nodePools: [{ name: 'default', sizeClass: 'medium', minNodes: 1, desiredNodes: nodes, maxNodes: 10 }] },
    });
    const result = kopsWorkerRoll(spec, spec.cluster.nodePools[0]);
    expect(result.nodesAtOnce).toBe(atOnce);
    expect(result.minHealthyPercentage).toBe(100);
    expect(result.maxHealthyPercentage).toBe(maxHealthy);
  });
});

describe('the stack with a spot pool', () => {
  test("the inventory still finds the pool's instance type through the mixed-instances policy", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-kops-day2-'));
    try {
      const spec = exampleSpec({
        cluster: { nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6, capacity: 'spot' }] },
      });
      synthesize(spec, [new KopsTarget()], { root, now: TEST_NOW });
      const inventory = extractInventory(readSynthOutput(root, 'kops'));
      expect(inventory.nodeGroups.map((g) => [g.pool, g.instanceType, g.desiredNodes])).toEqual([['apps', 'm6i.large', 3]]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a Kubernetes minor without pins is refused for kops, with its path', () => {
    const spec = exampleSpec({ cluster: { kubernetesVersion: '1.33' } });
    expect(new KopsTarget().validate(spec)).toEqual([expect.objectContaining({ path: 'cluster.kubernetesVersion', value: '1.33' })]);
  });
});

describe('the AMI update path', () => {
  test('a pinned parameter version reaches the launch template, so bumping it is a launch-template change', () => {
    const pinned = synthGroup({ roll, amiSsmParameter: `${base.amiSsmParameter}:42` });
    const bumped = synthGroup({ roll, amiSsmParameter: `${base.amiSsmParameter}:43` });
    expect(pinned.lt.image_id).toBe(`resolve:ssm:${base.amiSsmParameter}:42`);
    expect(bumped.lt.image_id).toBe(`resolve:ssm:${base.amiSsmParameter}:43`);
    // Same template and group (ids and name prefix), new content: an in-place update that starts the refresh.
    expect(Object.keys(pinned.json.resource.aws_launch_template)).toEqual(Object.keys(bumped.json.resource.aws_launch_template));
    expect(pinned.asg.name_prefix).toBe(bumped.asg.name_prefix);
  });
});
