import type { InstanceCatalog } from '../common/instance-catalog';

/**
 * AWS instance types per size class, shared by the EKS and kops-style targets.
 * small: burstable 2 vCPU / 4 GiB (like e2-medium and B2s); medium, large: general purpose
 * 2/8 and 4/16. Shapes from https://aws.amazon.com/ec2/instance-types/ (2026-11).
 */
export const AWS_INSTANCE_CATALOG: InstanceCatalog = {
  bySizeClass: { small: 't3.medium', medium: 'm6i.large', large: 'm6i.xlarge' },
  shapes: {
    't3.medium': { vcpu: 2, memoryGiB: 4 },
    'm6i.large': { vcpu: 2, memoryGiB: 8 },
    'm6i.xlarge': { vcpu: 4, memoryGiB: 16 },
    'm5.large': { vcpu: 2, memoryGiB: 8 },
    'm5.xlarge': { vcpu: 4, memoryGiB: 16 },
    't3a.medium': { vcpu: 2, memoryGiB: 4 },
    'm6a.large': { vcpu: 2, memoryGiB: 8 },
    'm7i.large': { vcpu: 2, memoryGiB: 8 },
    'm6a.xlarge': { vcpu: 4, memoryGiB: 16 },
    'm7i.xlarge': { vcpu: 4, memoryGiB: 16 },
  },
};

/**
 * Spot pools ask for several instance types of the same vCPU and memory, so a shortage of one spot
 * pool does not stop the group from launching (AWS's spot best practice: diversify across types,
 * https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html#managed-node-group-capacity-types, 2026-11).
 * The first entry is the size class's own type; the others are same-shape Intel/AMD siblings.
 */
export const AWS_SPOT_INSTANCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  't3.medium': ['t3.medium', 't3a.medium'],
  'm6i.large': ['m6i.large', 'm6a.large', 'm5.large', 'm7i.large'],
  'm6i.xlarge': ['m6i.xlarge', 'm6a.xlarge', 'm5.xlarge', 'm7i.xlarge'],
};

/**
 * Pods per node with the VPC CNI and no prefix delegation: ENIs x (IPv4 per ENI - 1) + 2.
 * Source: https://github.com/awslabs/amazon-eks-ami/blob/main/templates/shared/runtime/eni-max-pods.txt (2026-11).
 */
export const EKS_MAX_PODS: Readonly<Record<string, number>> = {
  't3.medium': 17,
  'm6i.large': 29,
  'm6i.xlarge': 58,
  'm5.large': 29,
  'm5.xlarge': 58,
  't3a.medium': 17,
  'm6a.large': 29,
  'm7i.large': 29,
  'm6a.xlarge': 58,
  'm7i.xlarge': 58,
};
