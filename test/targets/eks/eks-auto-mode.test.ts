import { Testing } from 'cdktf';
import { extractAws } from '../../../src/analysis/inventory/extract-aws';
import { TfIndex } from '../../../src/analysis/inventory/terraform-json';
import { EKS_AUTO_NODE_CLASS_NAME, eksAutoModeObjects } from '../../../src/targets/eks/eks-auto-mode';
import { EKS_AUTO_MODE_EBS_PROVISIONER, eksKubernetes } from '../../../src/targets/eks/eks-kubernetes';
import { TEST_NOW, exampleSpec, resourcesOfType } from '../../util';
import { managedPolicies, ref, resourceNamed, synthEks } from './eks-test-util';

Testing.setupJest();

const TWO_POOLS = [
  { name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6 },
  { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 4, capacity: 'spot' },
] as const;

describe('EKS Auto Mode (cluster.eks.mode: auto)', () => {
  const auto = synthEks({ eks: { mode: 'auto' }, nodePools: TWO_POOLS });
  const [cluster] = resourcesOfType(auto.json, 'aws_eks_cluster');

  test('the cluster runs compute, block storage and load balancing itself, without self-managed add-ons', () => {
    expect(cluster.compute_config).toEqual({ enabled: true, node_pools: [] });
    expect(cluster.storage_config).toEqual({ block_storage: { enabled: true } });
    expect(cluster.kubernetes_network_config).toEqual({ elastic_load_balancing: { enabled: true } });
    expect(cluster.bootstrap_self_managed_addons).toBe(false);
  });

  test('the cluster role holds the Auto Mode policies and may tag its sessions', () => {
    expect(managedPolicies(auto.json, 'Cluster_Role_')).toEqual(
      [
        'AmazonEKSBlockStoragePolicy',
        'AmazonEKSClusterPolicy',
        'AmazonEKSComputePolicy',
        'AmazonEKSLoadBalancingPolicy',
        'AmazonEKSNetworkingPolicy',
      ].sort(),
    );
    const trust = Object.entries(auto.json.data.aws_iam_policy_document as Record<string, any>).find(([id]) =>
      id.startsWith('Cluster_Role_AssumeRolePolicy'),
    )![1];
    expect(trust.statement[0].actions).toEqual(['sts:AssumeRole', 'sts:TagSession']);
  });

  test('no managed node groups, no load-balancer controller, CSI or autoscaler identities', () => {
    expect(resourcesOfType(auto.json, 'aws_eks_node_group')).toHaveLength(0);
    expect(resourcesOfType(auto.json, 'aws_launch_template')).toHaveLength(0);
    expect(resourcesOfType(auto.json, 'aws_eks_pod_identity_association')).toHaveLength(0);
    const roleNames = resourcesOfType(auto.json, 'aws_iam_role').map((r) => r.name);
    expect(roleNames.filter((n) => /lb-controller|cluster-autoscaler|ebs-csi|vpc-cni/.test(n))).toEqual([]);
  });

  test('the NodeClass role has a minimal node role and an EC2 access entry with AmazonEKSAutoNodePolicy', () => {
    expect(managedPolicies(auto.json, 'AutoMode_NodeRole_')).toEqual([
      'AmazonEC2ContainerRegistryPullOnly',
      'AmazonEKSWorkerNodeMinimalPolicy',
    ]);
    expect(resourceNamed(auto.json, 'aws_eks_access_entry', 'NodeAccessEntry')).toEqual(
      expect.objectContaining({ type: 'EC2', principal_arn: ref('aws_iam_role', 'AutoMode_NodeRole') }),
    );
    expect(resourceNamed(auto.json, 'aws_eks_access_policy_association', 'NodeAccessPolicy').policy_arn).toMatch(
      /:eks::aws:cluster-access-policy\/AmazonEKSAutoNodePolicy$/,
    );
  });

  test('NodePools: one per spec pool, constrained to its instance types, capacity type and zones, limited to maxNodes', () => {
    const objects = eksAutoModeObjects(auto.spec) as Array<Record<string, any>>;
    const pools = objects.filter((o) => o.kind === 'NodePool');
    expect(pools.map((p) => p.metadata.name)).toEqual(['apps', 'batch']);
    const [apps, batch] = pools;
    const req = (pool: any, key: string) => pool.spec.template.spec.requirements.find((r: any) => r.key === key).values;
    expect(req(apps, 'node.kubernetes.io/instance-type')).toEqual(['m6i.large']);
    expect(req(apps, 'karpenter.sh/capacity-type')).toEqual(['on-demand']);
    expect(req(apps, 'topology.kubernetes.io/zone')).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(apps.spec.limits).toEqual({ cpu: '12', memory: '48Gi' });
    expect(req(batch, 'node.kubernetes.io/instance-type')).toEqual(['m6i.xlarge', 'm6a.xlarge', 'm5.xlarge', 'm7i.xlarge']);
    expect(req(batch, 'karpenter.sh/capacity-type')).toEqual(['spot']);
    expect(batch.spec.limits).toEqual({ cpu: '16', memory: '64Gi' });
    for (const pool of pools) {
      expect(pool.spec.template.metadata.labels).toEqual({ 'orquesta.dev/pool': pool.metadata.name });
      expect(pool.spec.template.spec.nodeClassRef).toEqual({
        group: 'eks.amazonaws.com',
        kind: 'NodeClass',
        name: EKS_AUTO_NODE_CLASS_NAME,
      });
      expect(pool.spec.disruption.budgets).toEqual([{ nodes: '1' }]);
    }
  });

  test('the NodeClass, network-policy switch and the alb IngressClass are rendered for deploy to apply', () => {
    const objects = eksAutoModeObjects(auto.spec) as Array<Record<string, any>>;
    const nodeClass = objects.find((o) => o.kind === 'NodeClass')!;
    expect(nodeClass.spec).toEqual(
      expect.objectContaining({
        role: 'orquesta-demo-eks-auto-node',
        networkPolicy: 'DefaultAllow',
        subnetSelectorTerms: [{ tags: { 'kubernetes.io/role/internal-elb': '1', 'kubernetes.io/cluster/orquesta-demo': 'shared' } }],
      }),
    );
    expect(resourcesOfType(auto.json, 'aws_iam_role').map((r) => r.name)).toContain(nodeClass.spec.role);
    expect(objects.find((o) => o.kind === 'ConfigMap')!.data).toEqual({ 'enable-network-policy-controller': 'true' });
    expect(objects.find((o) => o.kind === 'IngressClass')!.spec.controller).toBe('eks.amazonaws.com/alb');
  });

  test("volumes use Auto Mode's EBS provisioner", () => {
    const adaptation = eksKubernetes(auto.spec, { now: TEST_NOW });
    expect(adaptation.storageClass?.provisioner).toBe(EKS_AUTO_MODE_EBS_PROVISIONER);
    expect(eksKubernetes(exampleSpec(), { now: TEST_NOW }).storageClass?.provisioner).toBe('ebs.csi.aws.com');
  });

  test('the analysis sees the Auto Mode nodes and one management-fee billable per pool', () => {
    const extract = extractAws(new TfIndex(auto.json as any));
    expect(extract.nodeGroups.map((g) => [g.pool, g.instanceType, g.minNodes, g.desiredNodes, g.maxNodes, g.zones.length])).toEqual([
      ['apps', 'm6i.large', 3, 3, 6, 3],
      ['batch', 'm6i.xlarge', 0, 1, 4, 3],
    ]);
    const fees = extract.billables.filter((b) => b.kind === 'eks-auto-mode-fee');
    expect(fees).toEqual([
      expect.objectContaining({ pool: 'apps', instanceType: 'm6i.large', perNode: true, quantity: 1 }),
      expect.objectContaining({ pool: 'batch', instanceType: 'm6i.xlarge', perNode: true, quantity: 1 }),
    ]);
    // Managed node groups carry no fee.
    const mng = extractAws(new TfIndex(synthEks().json as any));
    expect(mng.billables.filter((b) => b.kind === 'eks-auto-mode-fee')).toEqual([]);
  });

  test('an Auto Mode cluster whose pool output is missing is an error, not a cluster without nodes', () => {
    const json = JSON.parse(JSON.stringify(auto.json));
    delete json.output.auto_mode_node_pools;
    expect(() => extractAws(new TfIndex(json))).toThrow('EKS Auto Mode is on but the stack has no auto_mode_node_pools output');
  });
});
