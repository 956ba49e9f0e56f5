import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { assertNever } from '../orquesta-stack';

/** The service principal EKS Pod Identity assumes roles as. */
export const EKS_POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

/** Who may assume the role. */
export type AwsRoleTrust =
  /**
   * An AWS service, e.g. `eks.amazonaws.com` or `ec2.amazonaws.com`. `tagSession` adds
   * `sts:TagSession`, which services that pass session tags need (EKS Auto Mode's cluster role:
   * https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html, 2026-11).
   * `sourceArnLike` adds the confused-deputy guard `aws:SourceArn` (ArnLike) the service documents.
   */
  | {
      readonly type: 'service';
      readonly service: string;
      /** @default false */
      readonly tagSession?: boolean;
      /** @default - no condition */
      readonly sourceArnLike?: string;
    }
  /**
   * Pods through EKS Pod Identity: the role trusts `pods.eks.amazonaws.com` with `sts:AssumeRole`
   * and `sts:TagSession`; which ServiceAccount gets it is decided by an `aws_eks_pod_identity_association`
   * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html, 2026-11).
   */
  | { readonly type: 'pod-identity' }
  /**
   * One Kubernetes ServiceAccount through the cluster's OIDC provider (IRSA):
   * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html (2026-11).
   */
  | {
      readonly type: 'web-identity';
      readonly providerArn: string;
      /** The issuer URL without `https://`, the prefix of the condition keys. */
      readonly issuerHostPath: string;
      /** `system:serviceaccount:<namespace>:<name>` */
      readonly subject: string;
      readonly audience: string;
    };

export interface AwsIamRoleProps {
  readonly name: string;
  readonly description: string;
  readonly trust: AwsRoleTrust;
  /** ARNs of managed policies to attach. @default [] */
  readonly managedPolicyArns?: readonly string[];
  /** Statements of the role's one inline policy. @default - no inline policy */
  readonly inlineStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

/**
 * An IAM role with its trust policy, managed-policy attachments and an optional inline policy.
 * Policy documents come from `aws_iam_policy_document`, which Terraform renders locally, so plans
 * need no AWS call and references to other resources (ARNs, the OIDC issuer) stay typed.
 * Resources that need the role's permissions in place should depend on `grants`.
 */
export class AwsIamRole extends Construct {
  public readonly resource: IamRole;
  /** The attachments and inline policy: depend on these, not only on the role, to use its permissions. */
  public readonly grants: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AwsIamRoleProps) {
    super(scope, id);
    const assumeRolePolicy = new DataAwsIamPolicyDocument(this, 'AssumeRolePolicy', {
      statement: [trustStatement(props.trust)],
    });
    this.resource = new IamRole(this, 'Resource', {
      name: props.name,
      description: props.description,
      assumeRolePolicy: assumeRolePolicy.json,
    });
    const attachments = (props.managedPolicyArns ?? []).map(
      (policyArn, i) =>
        new IamRolePolicyAttachment(this, `ManagedPolicy${i}`, {
          role: this.resource.name,
          policyArn,
        }),
    );
    const grants: ITerraformDependable[] = [...attachments];
    if (props.inlineStatements && props.inlineStatements.length > 0) {
      const document = new DataAwsIamPolicyDocument(this, 'InlinePolicyDocument', {
        statement: [...props.inlineStatements],
      });
      grants.push(
        new IamRolePolicy(this, 'InlinePolicy', {
          name: `${props.name}-inline`,
          role: this.resource.id,
          policy: document.json,
        }),
      );
    }
    this.grants = grants;
  }

  public get arn(): string {
    return this.resource.arn;
  }

  public get name(): string {
    return this.resource.name;
  }
}

function trustStatement(trust: AwsRoleTrust): DataAwsIamPolicyDocumentStatement {
  switch (trust.type) {
    case 'service':
      return {
        effect: 'Allow',
        actions: trust.tagSession ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: [trust.service] }],
        ...(trust.sourceArnLike ? { condition: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: [trust.sourceArnLike] }] } : {}),
      };
    case 'pod-identity':
      return {
        effect: 'Allow',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'Service', identifiers: [EKS_POD_IDENTITY_SERVICE] }],
      };
    case 'web-identity':
      return {
        effect: 'Allow',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [trust.providerArn] }],
        condition: [
          { test: 'StringEquals', variable: `${trust.issuerHostPath}:sub`, values: [trust.subject] },
          { test: 'StringEquals', variable: `${trust.issuerHostPath}:aud`, values: [trust.audience] },
        ],
      };
    default:
      return assertNever(trust);
  }
}
