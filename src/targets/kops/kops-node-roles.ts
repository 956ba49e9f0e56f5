import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Construct } from 'constructs';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { TAG_CLUSTER } from '../common/common-tags';
import { KOPS_STATE_KEYS } from './kops-defaults';

/**
 * What the AWS cloud controller manager calls, from the control-plane policy in
 * https://github.com/kubernetes/cloud-provider-aws/blob/master/docs/prerequisites.md (2026-11),
 * less the volume actions (EBS volumes are the CSI driver's business, not the controller's) and
 * the route actions (`--configure-cloud-routes=false`: Calico encapsulates pod traffic).
 */
export const CLOUD_CONTROLLER_MANAGER_ACTIONS: readonly string[] = [
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeTags',
  'ec2:DescribeInstances',
  'ec2:DescribeRegions',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVolumes',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeVpcs',
  'ec2:DescribeInstanceTopology',
  'ec2:CreateSecurityGroup',
  'ec2:CreateTags',
  'ec2:ModifyInstanceAttribute',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:DeleteSecurityGroup',
  'ec2:RevokeSecurityGroupIngress',
  'elasticloadbalancing:AddTags',
  'elasticloadbalancing:AttachLoadBalancerToSubnets',
  'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer',
  'elasticloadbalancing:CreateLoadBalancer',
  'elasticloadbalancing:CreateLoadBalancerPolicy',
  'elasticloadbalancing:CreateLoadBalancerListeners',
  'elasticloadbalancing:ConfigureHealthCheck',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:DeleteLoadBalancerListeners',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'elasticloadbalancing:DetachLoadBalancerFromSubnets',
  'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
  'elasticloadbalancing:ModifyLoadBalancerAttributes',
  'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
  'elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer',
  'elasticloadbalancing:CreateListener',
  'elasticloadbalancing:CreateTargetGroup',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:DeleteTargetGroup',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancerPolicies',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:ModifyTargetGroup',
  'elasticloadbalancing:RegisterTargets',
  'elasticloadbalancing:DeregisterTargets',
  'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
  'iam:CreateServiceLinkedRole',
  'kms:DescribeKey',
];

export interface KopsNodeRolesProps {
  readonly clusterName: string;
  /** AWS partition (from `aws_partition`), for ARNs. */
  readonly partition: string;
  readonly region: string;
  readonly stateBucketArn: string;
}

/**
 * Instance roles and profiles of the control-plane and worker nodes, each with one inline policy
 * holding exactly what its bootstrap and components call:
 * - control plane: read its own tags, find and attach the etcd volumes of this cluster (the
 *   attach is limited by tag to this cluster's volumes and instances), read and write the state
 *   bucket, and the AWS cloud controller manager's calls;
 * - workers: read their own tags, and read `bootstrap/` and `nodes/` of the state bucket, nothing else
 *   (no EC2 writes, no ECR: images come from public registries).
 */
export class KopsNodeRoles extends Construct {
  public readonly controlPlane: AwsIamRole;
  public readonly nodes: AwsIamRole;
  public readonly controlPlaneProfile: IamInstanceProfile;
  public readonly nodesProfile: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: KopsNodeRolesProps) {
    super(scope, id);
    const { partition, region, stateBucketArn } = props;
    const readOwnTags: DataAwsIamPolicyDocumentStatement = {
      sid: 'ReadBootstrapTagsOfThisInstance',
      effect: 'Allow',
      actions: ['ec2:DescribeTags'],
      resources: ['*'],
    };

    this.controlPlane = new AwsIamRole(this, 'ControlPlane', {
      name: `${props.clusterName}-kops-control-plane`,
      description: `Control-plane nodes of the kops-style cluster ${props.clusterName}`,
      trust: { type: 'service', service: 'ec2.amazonaws.com' },
      inlineStatements: [
        readOwnTags,
        {
          sid: 'AttachEtcdVolumesOfThisCluster',
          effect: 'Allow',
          actions: ['ec2:AttachVolume'],
          resources: [`arn:${partition}:ec2:${region}:*:volume/*`, `arn:${partition}:ec2:${region}:*:instance/*`],
          condition: [{ test: 'StringEquals', variable: `aws:ResourceTag/${TAG_CLUSTER}`, values: [props.clusterName] }],
        },
        { sid: 'ListStateBucket', effect: 'Allow', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
        {
          sid: 'ReadWriteClusterState',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [`${stateBucketArn}/*`],
        },
        {
          sid: 'CloudControllerManager',
          effect: 'Allow',
          actions: [...CLOUD_CONTROLLER_MANAGER_ACTIONS],
          resources: ['*'],
        },
      ],
    });

    this.nodes = new AwsIamRole(this, 'Nodes', {
      name: `${props.clusterName}-kops-nodes`,
      description: `Worker nodes of the kops-style cluster ${props.clusterName}`,
      trust: { type: 'service', service: 'ec2.amazonaws.com' },
      inlineStatements: [
        readOwnTags,
        {
          sid: 'ReadBootstrapAndJoinCredentials',
          effect: 'Allow',
          actions: ['s3:GetObject'],
          resources: [`${stateBucketArn}/${KOPS_STATE_KEYS.bootstrapPrefix}*`, `${stateBucketArn}/${KOPS_STATE_KEYS.nodesPrefix}*`],
        },
      ],
    });

    this.controlPlaneProfile = new IamInstanceProfile(this, 'ControlPlaneProfile', {
      name: `${props.clusterName}-kops-control-plane`,
      role: this.controlPlane.name,
    });
    this.nodesProfile = new IamInstanceProfile(this, 'NodesProfile', {
      name: `${props.clusterName}-kops-nodes`,
      role: this.nodes.name,
    });
  }
}
