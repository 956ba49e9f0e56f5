import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { KOPS_STATE_KEYS } from './kops-defaults';

/** An admin session lasts at most one hour, IAM's default (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html, 2026-12). */
const MAX_SESSION_SECONDS = 3600;

export interface KopsAdminRoleProps {
  readonly clusterName: string;
  /** `arn:<partition>:iam::<account>:root`: who may assume the role is then up to the account's IAM policies. */
  readonly accountRootArn: string;
  readonly stateBucketArn: string;
  readonly kmsKeyArn: string;
}

/**
 * The cluster's break-glass and operator role: the only principal besides the control-plane role
 * that the state bucket's policy and the cluster key's policy admit to `control-plane/` (the admin
 * kubeconfig, the CAs, the encryption key) and `etcd-backups/`. Its trust policy names the account
 * root, so an identity of the account can assume it only when an IAM policy of that identity
 * grants `sts:AssumeRole` on this role's ARN (output `admin_role_arn`): that grant is the user's
 * decision, e.g. for the identity that runs `orquesta deploy`.
 */
export class KopsAdminRole extends Construct {
  public readonly resource: IamRole;

  constructor(scope: Construct, id: string, props: KopsAdminRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'AssumeRolePolicy', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: [props.accountRootArn] }],
        },
      ],
    });
    this.resource = new IamRole(this, 'Resource', {
      name: `${props.clusterName}-kops-admin`,
      description: `Administrators of the kops-style cluster ${props.clusterName}: admin kubeconfig, CA and etcd backups`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: MAX_SESSION_SECONDS,
    });
    const k = KOPS_STATE_KEYS;
    const bucket = props.stateBucketArn;
    const policy = new DataAwsIamPolicyDocument(this, 'InlinePolicyDocument', {
      statement: [
        { sid: 'ListStateBucket', effect: 'Allow', actions: ['s3:ListBucket'], resources: [bucket] },
        {
          sid: 'ReadClusterSecretsAndBackups',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [`${bucket}/${k.controlPlanePrefix}*`, `${bucket}/${k.etcdBackupsPrefix}*`],
        },
        { sid: 'DecryptWithTheClusterKey', effect: 'Allow', actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [props.kmsKeyArn] },
      ],
    });
    new IamRolePolicy(this, 'InlinePolicy', {
      name: `${props.clusterName}-kops-admin-inline`,
      role: this.resource.id,
      policy: policy.json,
    });
  }

  public get arn(): string {
    return this.resource.arn;
  }
}
