import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';
import { EKS_OFFLINE_PLAN_DEPLOYER_ARN, eksAccessPolicyArn } from './eks-defaults';

export interface EksAccessEntriesProps {
  /** Name of the EKS cluster (a reference, so the entries wait for it). */
  readonly clusterName: string;
  readonly partition: string;
  /** IAM principals (roles or users) granted cluster admin besides the deploying identity. @default [] */
  readonly adminPrincipalArns?: readonly string[];
  /**
   * Substitute `EKS_OFFLINE_PLAN_DEPLOYER_ARN` for the deploying identity, because the data sources
   * that find it call STS and IAM (see `StackOptions.offlinePlan`).
   * @default false
   */
  readonly offlinePlan?: boolean;
}

/**
 * Cluster access through EKS access entries (the cluster runs `authentication_mode = "API"` with
 * `bootstrap_cluster_creator_admin_permissions = false`, so no admin exists outside Terraform):
 * the deploying identity, and every `cluster.eks.adminPrincipalArns` entry, get an access entry with
 * `AmazonEKSClusterAdminPolicy` on the whole cluster
 * (https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html, 2026-11).
 *
 * The deploying identity is found the way terraform-aws-modules/eks does it
 * (`enable_cluster_creator_admin_permissions`): `aws_caller_identity`, then `aws_iam_session_context`
 * to turn an assumed-role session ARN into the role's ARN, which is what an access entry names.
 */
export class EksAccessEntries extends Construct {
  /** The deploying identity's principal ARN (a reference, or the fixed offline-plan principal). */
  public readonly deployerArn: string;
  public readonly entries: readonly EksAccessEntry[];
  public readonly associations: readonly EksAccessPolicyAssociation[];

  constructor(scope: Construct, id: string, props: EksAccessEntriesProps) {
    super(scope, id);
    if (props.offlinePlan) {
      // Offline: no STS/IAM call is possible, so a fixed fake principal stands in for the deployer.
      this.deployerArn = EKS_OFFLINE_PLAN_DEPLOYER_ARN;
    } else {
      const caller = new DataAwsCallerIdentity(this, 'Caller');
      this.deployerArn = new DataAwsIamSessionContext(this, 'CallerSession', { arn: caller.arn }).issuerArn;
    }
    const principals: Array<[string, string]> = [
      ['Deployer', this.deployerArn],
      ...(props.adminPrincipalArns ?? []).map((arn, i): [string, string] => [`Admin${i}`, arn]),
    ];
    const entries: EksAccessEntry[] = [];
    const associations: EksAccessPolicyAssociation[] = [];
    for (const [name, principalArn] of principals) {
      const entry = new EksAccessEntry(this, `${name}Entry`, { clusterName: props.clusterName, principalArn, type: 'STANDARD' });
      entries.push(entry);
      associations.push(
        new EksAccessPolicyAssociation(this, `${name}ClusterAdmin`, {
          clusterName: props.clusterName,
          principalArn: entry.principalArn,
          policyArn: eksAccessPolicyArn(props.partition, 'AmazonEKSClusterAdminPolicy'),
          accessScope: { type: 'cluster' },
        }),
      );
    }
    this.entries = entries;
    this.associations = associations;
  }
}

/** EKS allows one access entry per principal: a repeated admin ARN would fail at apply, so it is refused here. */
export function validateEksAdminPrincipals(spec: ResolvedAppSpec): ValidationProblem[] {
  const seen = new Set<string>();
  const problems: ValidationProblem[] = [];
  spec.cluster.eks.adminPrincipalArns.forEach((arn, i) => {
    if (seen.has(arn)) {
      problems.push({
        path: `cluster.eks.adminPrincipalArns[${i}]`,
        value: arn,
        requirement: 'must not repeat an ARN (EKS allows one access entry per principal)',
      });
    }
    seen.add(arn);
  });
  return problems;
}
