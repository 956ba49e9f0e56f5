import { Testing } from 'cdktf';
import { resourcesOfType } from '../../util';
import { policyDocument, ref, resourceNamed, synthEks } from './eks-test-util';

Testing.setupJest();

describe('EksControllerIdentities', () => {
  const { json } = synthEks();

  test.each([
    ['LoadBalancerControllerAssociation', 'aws-load-balancer-controller', 'LoadBalancerControllerRole'],
    ['ClusterAutoscalerAssociation', 'cluster-autoscaler', 'ClusterAutoscalerRole'],
  ])('%s binds kube-system/%s to its own Pod Identity role, after the agent runs', (id, serviceAccount, roleId) => {
    expect(resourceNamed(json, 'aws_eks_pod_identity_association', id)).toEqual(
      expect.objectContaining({
        cluster_name: ref('aws_eks_cluster', 'Cluster'),
        namespace: 'kube-system',
        service_account: serviceAccount,
        role_arn: ref('aws_iam_role', roleId),
        depends_on: expect.arrayContaining(['aws_eks_addon.eks_pod_identity_agent']),
      }),
    );
    const [trust] = policyDocument(json, `Controllers_${roleId}_AssumeRolePolicy`).statement;
    expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }]);
  });

  test('the LB controller policy: creations need the cluster tag on the request, changes need it on the resource', () => {
    const { statement } = policyDocument(json, 'Controllers_LoadBalancerControllerRole_InlinePolicyDocument');
    const find = (action: string, conditionVariable?: string) =>
      statement.filter(
        (s) => s.actions.includes(action) && (!conditionVariable || (s.condition ?? []).some((c: any) => c.variable === conditionVariable)),
      );
    expect(find('elasticloadbalancing:CreateLoadBalancer', 'aws:RequestTag/elbv2.k8s.aws/cluster')).toHaveLength(1);
    expect(find('elasticloadbalancing:DeleteLoadBalancer', 'aws:ResourceTag/elbv2.k8s.aws/cluster')).toHaveLength(1);
    expect(find('elasticloadbalancing:DeleteLoadBalancer')).toHaveLength(1);
    expect(find('ec2:DeleteSecurityGroup', 'aws:ResourceTag/elbv2.k8s.aws/cluster')).toHaveLength(1);
    expect(find('iam:CreateServiceLinkedRole')[0].condition).toEqual([
      { test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] },
    ]);
    // ARNs in the stack's partition.
    const arns = statement.flatMap((s) => s.resources).filter((r: string) => r.startsWith('arn:'));
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) expect(arn).toMatch(/^arn:\$\{data\.aws_partition\.Partition\.partition\}:/);
  });

  test('cluster-autoscaler may resize and terminate only in groups tagged for this cluster', () => {
    const { statement } = policyDocument(json, 'Controllers_ClusterAutoscalerRole_InlinePolicyDocument');
    const write = statement.find((s) => s.actions.includes('autoscaling:SetDesiredCapacity'))!;
    expect(write.actions.sort()).toEqual(['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup']);
    expect(write.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:ResourceTag/k8s.io/cluster-autoscaler/orquesta-demo', values: ['owned'] },
    ]);
    const reads = statement.find((s) => s.actions.includes('autoscaling:DescribeAutoScalingGroups'))!;
    expect(reads.actions.every((a: string) => /:(Describe|Get)/.test(a))).toBe(true);
  });

  test("the autoscaler honours each pool: min and max of its node group are the pool's", () => {
    const pools = [
      { name: 'apps', sizeClass: 'medium', minNodes: 2, desiredNodes: 3, maxNodes: 8 },
      { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 5 },
    ] as const;
    const groups = resourcesOfType(synthEks({ nodePools: pools }).json, 'aws_eks_node_group');
    expect(groups.map((g) => [g.node_group_name_prefix, g.scaling_config.min_size, g.scaling_config.max_size])).toEqual([
      ['apps-', 2, 8],
      ['batch-', 0, 5],
    ]);
  });
});
