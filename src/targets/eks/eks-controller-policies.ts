import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

/**
 * The IAM policy of the AWS Load Balancer Controller, statement for statement as the project
 * publishes it for v3.5.0 (`docs/install/iam_policy.json` at tag v3.5.0,
 * https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v3.5.0/docs/install/iam_policy.json,
 * read 2026-12-01), with the partition of the stack instead of `aws` in ARNs. Write actions on
 * load balancers, target groups and security groups are conditioned on the `elbv2.k8s.aws/cluster`
 * tag the controller puts on what it creates; the reads and listener/rule edits are as upstream.
 * Keep it in step with `AWS_LOAD_BALANCER_CONTROLLER_CHART.version` when that is bumped.
 */
export function awsLoadBalancerControllerStatements(partition: string): DataAwsIamPolicyDocumentStatement[] {
  const clusterTag = 'elbv2.k8s.aws/cluster';
  const requestTagPresent = { test: 'Null', variable: `aws:RequestTag/${clusterTag}`, values: ['false'] };
  const requestTagAbsent = { test: 'Null', variable: `aws:RequestTag/${clusterTag}`, values: ['true'] };
  const resourceTagPresent = { test: 'Null', variable: `aws:ResourceTag/${clusterTag}`, values: ['false'] };
  const securityGroups = `arn:${partition}:ec2:*:*:security-group/*`;
  const elb = (path: string) => `arn:${partition}:elasticloadbalancing:*:*:${path}`;
  const balancersAndTargetGroups = [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')];
  const allow = (actions: string[], resources: string[], condition?: DataAwsIamPolicyDocumentStatement['condition']) => ({
    effect: 'Allow',
    actions,
    resources,
    ...(condition ? { condition } : {}),
  });
  return [
    allow(
      ['iam:CreateServiceLinkedRole'],
      ['*'],
      [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] }],
    ),
    allow(
      [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeTags',
        'ec2:GetCoipPoolUsage',
        'ec2:DescribeCoipPools',
        'ec2:GetSecurityGroupsForVpc',
        'ec2:DescribeIpamPools',
        'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTrustStores',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeCapacityReservation',
      ],
      ['*'],
    ),
    allow(
      [
        'cognito-idp:DescribeUserPoolClient',
        'acm:ListCertificates',
        'acm:DescribeCertificate',
        'iam:ListServerCertificates',
        'iam:GetServerCertificate',
        'waf-regional:GetWebACL',
        'waf-regional:GetWebACLForResource',
        'waf-regional:AssociateWebACL',
        'waf-regional:DisassociateWebACL',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
        'shield:GetSubscriptionState',
        'shield:DescribeProtection',
        'shield:CreateProtection',
        'shield:DeleteProtection',
      ],
      ['*'],
    ),
    allow(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], ['*']),
    allow(['ec2:CreateSecurityGroup'], ['*']),
    allow(
      ['ec2:CreateTags'],
      [securityGroups],
      [{ test: 'StringEquals', variable: 'ec2:CreateAction', values: ['CreateSecurityGroup'] }, requestTagPresent],
    ),
    allow(['ec2:CreateTags', 'ec2:DeleteTags'], [securityGroups], [requestTagAbsent, resourceTagPresent]),
    allow(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'], ['*'], [resourceTagPresent]),
    allow(['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'], ['*'], [requestTagPresent]),
    allow(
      [
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:CreateRule',
        'elasticloadbalancing:DeleteRule',
      ],
      ['*'],
    ),
    allow(['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], balancersAndTargetGroups, [
      requestTagAbsent,
      resourceTagPresent,
    ]),
    allow(
      ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      [elb('listener/net/*/*/*'), elb('listener/app/*/*/*'), elb('listener-rule/net/*/*/*'), elb('listener-rule/app/*/*/*')],
    ),
    allow(
      [
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
      ],
      ['*'],
      [resourceTagPresent],
    ),
    allow(['elasticloadbalancing:AddTags'], balancersAndTargetGroups, [
      { test: 'StringEquals', variable: 'elasticloadbalancing:CreateAction', values: ['CreateTargetGroup', 'CreateLoadBalancer'] },
      requestTagPresent,
    ]),
    allow(['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'], [elb('targetgroup/*/*')]),
    allow(
      [
        'elasticloadbalancing:SetWebAcl',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:SetRulePriorities',
      ],
      ['*'],
    ),
  ];
}

/**
 * cluster-autoscaler's policy for ASG auto-discovery on EKS managed node groups, from the project's
 * recommended policy (https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.35.0/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy,
 * read 2026-12-01) with the write actions narrowed, as the README asks, by a tag condition: EKS tags
 * the auto-scaling group of every managed node group `k8s.io/cluster-autoscaler/<cluster>=owned`
 * (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html, 2026-11), so the
 * autoscaler can resize and terminate in this cluster's groups only.
 */
export function clusterAutoscalerStatements(clusterName: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      effect: 'Allow',
      actions: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeScalingActivities',
        'autoscaling:DescribeTags',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:GetInstanceTypesFromInstanceRequirements',
        'eks:DescribeNodegroup',
      ],
      resources: ['*'],
    },
    {
      effect: 'Allow',
      actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`, values: ['owned'] }],
    },
  ];
}
