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
 * IMDSv2 hop limit 2 on EKS nodes. With 1, the IMDSv2 token response cannot cross the extra network
 * hop into a pod's network namespace, so pods without IRSA credentials (the AWS Load Balancer
 * Controller and other add-ons that read the region and VPC id from IMDS) fail; EKS's own default
 * launch template uses 2 for that reason
 * (https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html and
 * https://docs.aws.amazon.com/whitepapers/latest/security-practices-for-multi-tenant-saas-applications-using-amazon-eks/restrict-the-use-of-host-networking-and-block-access-to-instance-metadata-service.html).
 * The cost: pods can reach the node role, which therefore holds AWS managed node policies only;
 * the workload itself uses IRSA.
 */
export const EKS_NODE_IMDS_HOP_LIMIT = 2;

/** Replace one node at a time on a node-group update, so a 3-node pool keeps 2 running; EKS's default (https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupUpdateConfig.html). */
export const EKS_NODE_GROUP_MAX_UNAVAILABLE = 1;

/** Namespace the workload's ServiceAccount lives in (the chart deploys to `default`). */
export const EKS_WORKLOAD_NAMESPACE = 'default';

/**
 * AWS managed policies, named once. Sources:
 * https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html ,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerRegistryPullOnly.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
 */
export const EKS_CLUSTER_MANAGED_POLICIES: readonly string[] = ['AmazonEKSClusterPolicy'];
/**
 * Node role: kubelet's calls to EKS, the VPC CNI's ENI management (kept on the node role, as EKS
 * sets it up by default, rather than an IRSA role for aws-node), and image pulls from ECR
 * (PullOnly is the narrowest ECR policy, without list/describe).
 */
export const EKS_NODE_MANAGED_POLICIES: readonly string[] = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryPullOnly',
];
export const EKS_EBS_CSI_MANAGED_POLICIES: readonly string[] = ['service-role/AmazonEBSCSIDriverPolicy'];

/** ServiceAccount of the EBS CSI controller, which the add-on's IRSA role is trusted for. https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html */
export const EKS_EBS_CSI_SERVICE_ACCOUNT = { namespace: 'kube-system', name: 'ebs-csi-controller-sa' } as const;
