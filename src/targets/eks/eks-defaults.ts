/**
 * Defaults of the EKS target's infrastructure, each with where it comes from (checked 2026-11-22).
 * The size-class table lives in ./instance-types.ts, the node reservations in ./node-allocatable.ts.
 */

/**
 * Every control-plane log type EKS can ship to CloudWatch Logs; audit and authenticator logs are
 * the ones an incident review needs.
 * https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
 */
export const EKS_CLUSTER_LOG_TYPES: readonly string[] = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/**
 * EKS writes control-plane logs to this log group; creating it ourselves sets a retention instead of
 * CloudWatch's default of never expiring. https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
 */
export function eksClusterLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

/**
 * 90 days of control-plane logs, the default of terraform-aws-modules/eks
 * (`cloudwatch_log_group_retention_in_days`, https://github.com/terraform-aws-modules/terraform-aws-eks/blob/master/variables.tf).
 * Labs keep a week (a value CloudWatch accepts: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html):
 * enough to look back at a lab that lives hours, without paying to store its audit log for months.
 */
export const EKS_CLUSTER_LOG_RETENTION_DAYS = 90;
export const EKS_LAB_CLUSTER_LOG_RETENTION_DAYS = 7;

/**
 * Waiting period before a scheduled KMS key deletion: 30 days is the KMS default and maximum, 7 the
 * minimum (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html). Secrets encrypted
 * with a deleted key are unrecoverable, so only labs use the short window.
 */
export const EKS_KMS_DELETION_WINDOW_DAYS = 30;
export const EKS_LAB_KMS_DELETION_WINDOW_DAYS = 7;

/**
 * SHA-1 thumbprint of the root CA of `oidc.eks.<region>.amazonaws.com` (Starfield Services Root CA - G2),
 * the value the EKS guides and terraform-aws-modules/eks used before IAM started trusting the EKS
 * issuers' CA itself; IAM now ignores it for these issuers but the API still accepts a list.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc_verify-thumbprint.html
 */
export const EKS_OIDC_THUMBPRINT = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';

/** The audience IRSA tokens are minted for. https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html */
export const EKS_OIDC_AUDIENCE = 'sts.amazonaws.com';

/**
 * Amazon Linux 2023: the default node AMI since Kubernetes 1.30; Amazon Linux 2 AMIs stop at 1.32.
 * https://docs.aws.amazon.com/eks/latest/userguide/eks-optimized-ami.html
 */
export const EKS_NODE_AMI_TYPE = 'AL2023_x86_64_STANDARD';

/** Root device of the EKS-optimized AL2023 AMIs; a mapping under another name would add a second volume instead. */
export const EKS_NODE_ROOT_DEVICE_NAME = '/dev/xvda';

/**
 * 80 GiB gp3 root volume, eksctl's default `volumeSize` (https://eksctl.io/usage/schema/). The EKS API's
 * own default of 20 GiB fills up with container images on a busy node.
 */
export const EKS_NODE_ROOT_VOLUME_GIB = 80;

/**
 * IMDSv2 hop limit 1 on EKS nodes: the token response cannot cross the extra hop into a pod's
 * network namespace, so no pod can take the node role's credentials (checkov CKV_AWS_341; AWS's
 * EKS best-practices guide, https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node, 2026-11).
 * What used to rely on IMDS gets its credentials from EKS Pod Identity (vpc-cni, EBS CSI, the load
 * balancer controller, cluster-autoscaler) and its region and VPC id from Helm values; host-network
 * pods (aws-node, the pod identity agent) are one hop away and still reach IMDS.
 */
export const EKS_NODE_IMDS_HOP_LIMIT = 1;

/** Replace one node at a time on a node-group update, so a 3-node pool keeps 2 running; EKS's default (https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupUpdateConfig.html). */
export const EKS_NODE_GROUP_MAX_UNAVAILABLE = 1;

/**
 * AWS managed policies, named once. Sources:
 * https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html ,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerRegistryPullOnly.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
 */
export const EKS_CLUSTER_MANAGED_POLICIES: readonly string[] = ['AmazonEKSClusterPolicy'];
/**
 * Node role: kubelet's calls to EKS (including `eks-auth:AssumeRoleForPodIdentity` for the pod
 * identity agent) and image pulls from ECR (PullOnly is the narrowest ECR policy, without
 * list/describe). `AmazonEKS_CNI_Policy` is not here: the VPC CNI gets it through its own Pod
 * Identity role, so no other pod on the node can manage ENIs
 * (https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html, 2026-11).
 */
export const EKS_NODE_MANAGED_POLICIES: readonly string[] = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly'];
export const EKS_VPC_CNI_MANAGED_POLICIES: readonly string[] = ['AmazonEKS_CNI_Policy'];
export const EKS_EBS_CSI_MANAGED_POLICIES: readonly string[] = ['service-role/AmazonEBSCSIDriverPolicy'];

/**
 * EKS Auto Mode roles (https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html and
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-create-node-role.html, 2026-11): the cluster role
 * adds the compute, block-storage, load-balancing and networking policies Auto Mode acts with; nodes
 * need only the minimal worker policy and ECR pulls.
 */
export const EKS_AUTO_MODE_CLUSTER_MANAGED_POLICIES: readonly string[] = [
  'AmazonEKSClusterPolicy',
  'AmazonEKSComputePolicy',
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
];
export const EKS_AUTO_MODE_NODE_MANAGED_POLICIES: readonly string[] = [
  'AmazonEKSWorkerNodeMinimalPolicy',
  'AmazonEC2ContainerRegistryPullOnly',
];

/** ServiceAccounts the add-ons' Pod Identity associations name (the add-ons' and charts' defaults). */
export const EKS_SERVICE_ACCOUNTS = {
  /** https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html */
  vpcCni: { namespace: 'kube-system', name: 'aws-node' },
  /** https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html */
  ebsCsi: { namespace: 'kube-system', name: 'ebs-csi-controller-sa' },
  /** The chart's `serviceAccount.name` we set (https://github.com/aws/eks-charts/tree/master/stable/aws-load-balancer-controller). */
  loadBalancerController: { namespace: 'kube-system', name: 'aws-load-balancer-controller' },
  /** The chart's `rbac.serviceAccount.name` we set. */
  clusterAutoscaler: { namespace: 'kube-system', name: 'cluster-autoscaler' },
} as const;

/** EKS access policies (https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html, 2026-11). */
export function eksAccessPolicyArn(partition: string, policy: 'AmazonEKSClusterAdminPolicy' | 'AmazonEKSAutoNodePolicy'): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

/**
 * The deploying identity under `StackOptions.offlinePlan`: `aws_caller_identity` and
 * `aws_iam_session_context` call STS and IAM, which an offline plan cannot, so a fixed fake
 * principal (AWS's documentation account id) stands in. A real synth never uses it.
 */
export const EKS_OFFLINE_PLAN_DEPLOYER_ARN = 'arn:aws:iam::123456789012:role/orquesta-offline-plan';
