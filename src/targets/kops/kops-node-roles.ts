import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Construct } from 'constructs';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { TAG_CLUSTER } from '../common/common-tags';
import { KOPS_STATE_KEYS } from './kops-defaults';
import { KMS_USE_ACTIONS } from './kops-kms-key';

/**
 * The control-plane policy after kops' IAM model (`pkg/model/iam/iam_builder.go` in
 * https://github.com/kubernetes/kops: `AddCCMPermissions`, `AddAWSEBSCSIDriverPermissions`,
 * `AddClusterAutoscalerPermissions`, `addECRPermissions`, read 2026-12-01): reads are
 * unconditional, every write is limited to resources carrying the cluster tag
 * `kubernetes.io/cluster/<name>=owned`, creations must carry that tag in the request, tags may be
 * written only together with a creation (or on resources already owned, without touching the
 * cluster tag), and KMS actions name the cluster key. No write action is granted on `*` without a
 * condition. Route actions are left out (`--configure-cloud-routes=false`: Calico encapsulates).
 */
export const CONTROL_PLANE_READ_ACTIONS: readonly string[] = [
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeAutoScalingInstances',
  'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeScalingActivities',
  'autoscaling:DescribeTags',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeImages',
  'ec2:DescribeInstanceTopology',
  'ec2:DescribeInstanceTypes',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeRegions',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeTags',
  'ec2:DescribeVolumeStatus',
  'ec2:DescribeVolumes',
  'ec2:DescribeVolumesModifications',
  'ec2:DescribeVpcs',
  'ec2:GetInstanceTypesFromInstanceRequirements',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'elasticloadbalancing:DescribeLoadBalancerPolicies',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeTargetGroupAttributes',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
];

/** Writes on resources of this cluster only (`aws:ResourceTag/kubernetes.io/cluster/<name>`). */
export const CONTROL_PLANE_CLUSTER_TAGGED_ACTIONS: readonly string[] = [
  // cloud controller manager: node security groups, instances, load balancers
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:DeleteSecurityGroup',
  'ec2:ModifyInstanceAttribute',
  'ec2:RevokeSecurityGroupIngress',
  'elasticloadbalancing:AddTags',
  'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer',
  'elasticloadbalancing:AttachLoadBalancerToSubnets',
  'elasticloadbalancing:ConfigureHealthCheck',
  'elasticloadbalancing:CreateLoadBalancerListeners',
  'elasticloadbalancing:CreateLoadBalancerPolicy',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:DeleteLoadBalancerListeners',
  'elasticloadbalancing:DeleteTargetGroup',
  'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
  'elasticloadbalancing:DeregisterTargets',
  'elasticloadbalancing:DetachLoadBalancerFromSubnets',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:ModifyLoadBalancerAttributes',
  'elasticloadbalancing:ModifyTargetGroup',
  'elasticloadbalancing:ModifyTargetGroupAttributes',
  'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
  'elasticloadbalancing:RegisterTargets',
  'elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer',
  'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
  // EBS CSI driver: volumes it created (tagged by --k8s-tag-cluster-id) on this cluster's instances
  'ec2:AttachVolume',
  'ec2:DeleteVolume',
  'ec2:DetachVolume',
  'ec2:ModifyVolume',
  // cluster-autoscaler and the drain of terminating workers: this cluster's worker groups only
  'autoscaling:CompleteLifecycleAction',
  'autoscaling:SetDesiredCapacity',
  'autoscaling:TerminateInstanceInAutoScalingGroup',
];

/**
 * What the SSM agent needs for Run Command, through which `orquesta upgrade` and `etcd-restore`
 * reach the control plane: the agent's calls in AmazonSSMManagedInstanceCore
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html, 2026-12)
 * without inventory, patching, parameters or associations. These APIs have no resource-level
 * permissions, so the grant is bound to credentials used from instances in the cluster's VPC
 * (`aws:ec2InstanceSourceVPC`).
 */
export const SSM_AGENT_ACTIONS: readonly string[] = [
  'ec2messages:AcknowledgeMessage',
  'ec2messages:DeleteMessage',
  'ec2messages:FailMessage',
  'ec2messages:GetEndpoint',
  'ec2messages:GetMessages',
  'ec2messages:SendReply',
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

/** Creations that must carry the cluster tag in the request (`aws:RequestTag/kubernetes.io/cluster/<name>`). */
export const CONTROL_PLANE_TAGGED_CREATE_ACTIONS: readonly string[] = [
  'ec2:CreateVolume',
  'elasticloadbalancing:CreateListener',
  'elasticloadbalancing:CreateLoadBalancer',
  'elasticloadbalancing:CreateTargetGroup',
];

/** The EC2 creations `ec2:CreateTags` may accompany (`ec2:CreateAction`), and what they create. */
const EC2_CREATE_ACTIONS = ['CreateSecurityGroup', 'CreateVolume'] as const;
const EC2_TAGGED_RESOURCE_TYPES = ['security-group', 'volume'] as const;

/** Image pulls from ECR through the kubelet's credential provider (kops' `addECRPermissions`): reads only. */
export const ECR_PULL_ACTIONS: readonly string[] = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:DescribeRepositories',
  'ecr:GetAuthorizationToken',
  'ecr:GetDownloadUrlForLayer',
  'ecr:GetRepositoryPolicy',
  'ecr:ListImages',
];

/**
 * The service-linked roles the cloud controller manager may need to create: Elastic Load
 * Balancing's, on the first load balancer of an account
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html, 2026-12).
 */
const SERVICE_LINKED_ROLE_SERVICES = ['elasticloadbalancing.amazonaws.com'] as const;

export interface KopsNodeRolesProps {
  readonly clusterName: string;
  /** AWS partition (from `aws_partition`), for ARNs. */
  readonly partition: string;
  readonly region: string;
  readonly stateBucketArn: string;
  /** The cluster's customer-managed key (state bucket, etcd volumes). */
  readonly kmsKeyArn: string;
  /** The cluster's VPC, where the cloud controller manager may create security groups. */
  readonly vpcId: string;
}

/**
 * Instance roles and profiles of the control-plane and worker nodes, each with one inline policy
 * holding exactly what its bootstrap and components call:
 * - control plane: the cloud controller manager, EBS CSI controller and cluster-autoscaler (all
 *   run there on the host network) scoped as described at `CONTROL_PLANE_READ_ACTIONS`; the etcd
 *   volumes of this cluster; the state bucket (the join issuer may delete join requests and
 *   answers); the cluster key;
 * - workers: read their own tags and `bootstrap/`, write their own join request and read and
 *   delete their own answer (the keys carry the session's `aws:userid`, `<role id>:<instance id>`),
 *   and pull images from ECR. No EC2 write, no KMS.
 */
export class KopsNodeRoles extends Construct {
  public readonly controlPlane: AwsIamRole;
  public readonly nodes: AwsIamRole;
  public readonly controlPlaneProfile: IamInstanceProfile;
  public readonly nodesProfile: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: KopsNodeRolesProps) {
    super(scope, id);
    const { partition, region, stateBucketArn } = props;
    const k = KOPS_STATE_KEYS;
    const clusterTag = `kubernetes.io/cluster/${props.clusterName}`;
    const owned = (kind: 'ResourceTag' | 'RequestTag') => ({
      test: 'StringEquals',
      variable: `aws:${kind}/${clusterTag}`,
      values: ['owned'],
    });
    const ec2Arns = (types: readonly string[]) => types.map((t) => `arn:${partition}:ec2:${region}:*:${t}/*`);
    const ecrPull: DataAwsIamPolicyDocumentStatement = {
      sid: 'PullImagesFromEcr',
      effect: 'Allow',
      actions: [...ECR_PULL_ACTIONS],
      resources: ['*'],
    };

    this.controlPlane = new AwsIamRole(this, 'ControlPlane', {
      name: `${props.clusterName}-kops-control-plane`,
      description: `Control-plane nodes of the kops-style cluster ${props.clusterName}`,
      trust: { type: 'service', service: 'ec2.amazonaws.com' },
      inlineStatements: [
        { sid: 'Read', effect: 'Allow', actions: [...CONTROL_PLANE_READ_ACTIONS], resources: ['*'] },
        ecrPull,
        {
          sid: 'WriteResourcesOfThisCluster',
          effect: 'Allow',
          actions: [...CONTROL_PLANE_CLUSTER_TAGGED_ACTIONS],
          resources: ['*'],
          condition: [owned('ResourceTag')],
        },
        {
          sid: 'CreateOnlyTaggedForThisCluster',
          effect: 'Allow',
          actions: [...CONTROL_PLANE_TAGGED_CREATE_ACTIONS],
          resources: ['*'],
          condition: [owned('RequestTag')],
        },
        {
          sid: 'CreateSecurityGroupsTaggedForThisCluster',
          effect: 'Allow',
          actions: ['ec2:CreateSecurityGroup'],
          resources: ec2Arns(['security-group']),
          condition: [owned('RequestTag')],
        },
        {
          // A security group is created in a VPC, which carries no request tag: this VPC only.
          sid: 'CreateSecurityGroupsInThisVpc',
          effect: 'Allow',
          actions: ['ec2:CreateSecurityGroup'],
          resources: [`arn:${partition}:ec2:${region}:*:vpc/${props.vpcId}`],
        },
        {
          sid: 'TagOnlyWhileCreating',
          effect: 'Allow',
          actions: ['ec2:CreateTags'],
          resources: ec2Arns(EC2_TAGGED_RESOURCE_TYPES),
          condition: [owned('RequestTag'), { test: 'StringEquals', variable: 'ec2:CreateAction', values: [...EC2_CREATE_ACTIONS] }],
        },
        {
          sid: 'RetagOwnedResourcesWithoutTheClusterTag',
          effect: 'Allow',
          actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
          resources: ec2Arns(EC2_TAGGED_RESOURCE_TYPES),
          condition: [owned('ResourceTag'), { test: 'Null', variable: `aws:RequestTag/${clusterTag}`, values: ['true'] }],
        },
        {
          sid: 'CreateTheLoadBalancingServiceLinkedRole',
          effect: 'Allow',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [`arn:${partition}:iam::*:role/aws-service-role/*`],
          condition: [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: [...SERVICE_LINKED_ROLE_SERVICES] }],
        },
        {
          sid: 'AttachEtcdVolumesOfThisCluster',
          effect: 'Allow',
          actions: ['ec2:AttachVolume'],
          resources: ec2Arns(['volume', 'instance']),
          condition: [{ test: 'StringEquals', variable: `aws:ResourceTag/${TAG_CLUSTER}`, values: [props.clusterName] }],
        },
        {
          sid: 'RunCommandAgentFromThisVpc',
          effect: 'Allow',
          actions: [...SSM_AGENT_ACTIONS],
          resources: ['*'],
          condition: [{ test: 'StringEquals', variable: 'aws:ec2InstanceSourceVPC', values: [props.vpcId] }],
        },
        { sid: 'UseTheClusterKey', effect: 'Allow', actions: [...KMS_USE_ACTIONS], resources: [props.kmsKeyArn] },
        {
          sid: 'LetEc2UseTheClusterKeyForEtcdVolumes',
          effect: 'Allow',
          actions: ['kms:CreateGrant'],
          resources: [props.kmsKeyArn],
          condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
        },
        { sid: 'ListStateBucket', effect: 'Allow', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
        {
          sid: 'ReadWriteClusterState',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [`${stateBucketArn}/*`],
        },
        {
          sid: 'RemoveAnsweredJoinRequests',
          effect: 'Allow',
          actions: ['s3:DeleteObject'],
          resources: [k.joinRequestsPrefix, k.nodeJoinPrefix, k.issuedTokensPrefix].map((p) => `${stateBucketArn}/${p}*`),
        },
      ],
    });

    // `&{aws:userid}` is aws_iam_policy_document's spelling of the IAM policy variable `${aws:userid}`:
    // for an instance profile session, `<role id>:<instance id>`.
    const session = '&{aws:userid}';
    this.nodes = new AwsIamRole(this, 'Nodes', {
      name: `${props.clusterName}-kops-nodes`,
      description: `Worker nodes of the kops-style cluster ${props.clusterName}`,
      trust: { type: 'service', service: 'ec2.amazonaws.com' },
      inlineStatements: [
        { sid: 'ReadBootstrapTagsOfThisInstance', effect: 'Allow', actions: ['ec2:DescribeTags'], resources: ['*'] },
        ecrPull,
        {
          // The Kubernetes version the control plane runs (`orquesta upgrade` writes it, SSE-S3).
          sid: 'ReadBootstrapScriptsAndClusterVersion',
          effect: 'Allow',
          actions: ['s3:GetObject'],
          resources: [`${stateBucketArn}/${k.bootstrapPrefix}*`, `${stateBucketArn}/${k.nodesPrefix}kubernetes-version`],
        },
        {
          sid: 'RequestOwnJoinToken',
          effect: 'Allow',
          actions: ['s3:PutObject'],
          resources: [`${stateBucketArn}/${k.joinRequestsPrefix}${session}`],
        },
        {
          sid: 'ReadAndRemoveOwnJoinToken',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:DeleteObject'],
          resources: [`${stateBucketArn}/${k.nodeJoinPrefix}${session}/*`],
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
