import { Testing } from 'cdktf';
import { AWS_INSTANCE_CATALOG, AWS_SPOT_INSTANCE_TYPES } from '../../../src/targets/eks/instance-types';
import { resourcesOfType } from '../../util';
import { ref, synthEks } from './eks-test-util';

Testing.setupJest();

describe('EksNodeGroup day-2 settings', () => {
  const base = synthEks();
  const [group] = resourcesOfType(base.json, 'aws_eks_node_group');

  test('a name prefix and create-before-destroy: a replaced group comes up before the old one drains', () => {
    expect(group.node_group_name).toBeUndefined();
    expect(group.node_group_name_prefix).toBe('apps-');
    expect(group.lifecycle.create_before_destroy).toBe(true);
    // The launch template is replaced the same way (name prefix, created first).
    const [template] = resourcesOfType(base.json, 'aws_launch_template');
    expect(template.name).toBeUndefined();
    expect(template.name_prefix).toBe('orquesta-demo-eks-apps-');
    expect(template.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('desired_size is left to the autoscaler after creation; min and max come from the pool', () => {
    expect(group.lifecycle.ignore_changes).toEqual(['scaling_config[0].desired_size']);
    expect(group.scaling_config).toEqual({ min_size: 3, desired_size: 3, max_size: 6 });
  });

  test('the node version is the cluster version, so an upgrade rolls the nodes in the same apply', () => {
    expect(group.version).toEqual(ref('aws_eks_cluster', 'Cluster'));
    expect(group.version).toMatch(/\.version\}$/);
  });

  test('an explicit AMI update path: release_version from a variable, empty keeps the current release', () => {
    expect(group.ami_type).toBe('AL2023_x86_64_STANDARD');
    expect(group.release_version).toBe('${var.eks_node_ami_release_version == "" ? null : var.eks_node_ami_release_version}');
    expect(base.json.variable.eks_node_ami_release_version).toEqual(
      expect.objectContaining({ type: 'string', default: '', description: expect.stringContaining('/aws/service/eks/optimized-ami/') }),
    );
  });

  test('rolling updates replace one node at a time', () => {
    expect(group.update_config).toEqual({ max_unavailable: 1 });
  });

  test('cluster-autoscaler auto-discovery tags on the group', () => {
    expect(group.tags).toEqual({ 'k8s.io/cluster-autoscaler/enabled': 'true', 'k8s.io/cluster-autoscaler/orquesta-demo': 'owned' });
  });

  test('on-demand by default; spot pools use SPOT with a diversified list of same-shape instance types', () => {
    expect(group.capacity_type).toBe('ON_DEMAND');
    expect(group.instance_types).toEqual(['m6i.large']);
    const spot = synthEks({
      nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6, capacity: 'spot' }],
    });
    const [spotGroup] = resourcesOfType(spot.json, 'aws_eks_node_group');
    expect(spotGroup.capacity_type).toBe('SPOT');
    expect(spotGroup.instance_types).toEqual(['m6i.large', 'm6a.large', 'm5.large', 'm7i.large']);
    for (const [first, list] of Object.entries(AWS_SPOT_INSTANCE_TYPES)) {
      expect(list[0]).toBe(first);
      for (const type of list) expect(AWS_INSTANCE_CATALOG.shapes[type]).toEqual(AWS_INSTANCE_CATALOG.shapes[first]);
    }
    expect(Object.keys(AWS_SPOT_INSTANCE_TYPES).sort()).toEqual(Object.values(AWS_INSTANCE_CATALOG.bySizeClass).sort());
  });
});
