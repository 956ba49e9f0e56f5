import { createHash } from 'crypto';

/**
 * Length limits of the AWS names the AWS targets derive from the cluster name (2026-11):
 * IAM roles and instance profiles https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ,
 * load balancers and target groups https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html ,
 * S3 bucket names (63) minus the 26 characters Terraform appends to `bucket_prefix`
 * (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket#bucket_prefix).
 */
export const AWS_NAME_LIMITS = {
  iamRole: 64,
  loadBalancer: 32,
  targetGroup: 32,
  s3BucketPrefix: 37,
} as const;

/**
 * `name` when it fits in `maxLength`; otherwise a prefix of it plus `-` and 8 hex characters of its
 * SHA-256, so two long names that share a prefix still get different, stable results.
 */
export function boundedName(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** ARN of an AWS managed policy in the stack's partition (`aws`, `aws-us-gov`, `aws-cn`), e.g. `AmazonEKSClusterPolicy`. */
export function awsManagedPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:iam::aws:policy/${policy}`;
}
