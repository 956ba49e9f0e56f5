import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { Construct } from 'constructs';

/**
 * Days a scheduled deletion waits: AWS's maximum and default of 30 outside labs, its minimum of 7
 * for a lab (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html, 2026-12).
 */
const DELETION_WINDOW_DAYS = { lab: 7, standard: 30 } as const;

/**
 * What the account root may do: administration only (the key-administrator actions of AWS's
 * default key policy for administrators,
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators,
 * 2026-12), and no cryptographic operation. So the account's IAM policies (ReadOnlyAccess,
 * AdministratorAccess) cannot decrypt with this key; only the principals named below can.
 */
export const KMS_ADMINISTRATION_ACTIONS: readonly string[] = [
  'kms:CancelKeyDeletion',
  'kms:Create*',
  'kms:Delete*',
  'kms:Describe*',
  'kms:Disable*',
  'kms:Enable*',
  'kms:Get*',
  'kms:List*',
  'kms:Put*',
  'kms:Revoke*',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:Update*',
];

/** Cryptographic use of the key by the principals admitted as users (S3 SSE-KMS, EBS). */
export const KMS_USE_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
];

/**
 * What EC2 needs from a caller creating or attaching a volume encrypted with the key
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption-requirements.html, 2026-12).
 */
const EBS_VIA_EC2_ACTIONS: readonly string[] = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncrypt*',
];

export interface KopsKmsKeyProps {
  readonly clusterName: string;
  readonly region: string;
  /** A lab: the shortest deletion window. @default false */
  readonly lab?: boolean;
}

export interface KopsKmsKeyPolicyProps {
  /** `arn:<partition>:iam::<account>:root`. */
  readonly accountRootArn: string;
  /** Roles that may encrypt and decrypt (the control-plane role, the admin role). */
  readonly userRoleArns: readonly string[];
}

/**
 * The cluster's customer-managed KMS key (rotated yearly by KMS), for the state bucket
 * (admin kubeconfig, CA backup, EncryptionConfiguration key, etcd snapshots) and the etcd volumes.
 * Its key policy (`restrictTo`) admits the account root for administration only, the named roles
 * for use, and, for the etcd volumes Terraform creates, callers in the account through EC2 only
 * (`kms:ViaService`), the way the AWS-managed `aws/ebs` key does.
 */
export class KopsKmsKey extends Construct {
  public readonly resource: KmsKey;
  public readonly alias: KmsAlias;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: KopsKmsKeyProps) {
    super(scope, id);
    this.region = props.region;
    this.resource = new KmsKey(this, 'Resource', {
      description: `State bucket and etcd volumes of the kops-style cluster ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.lab ? DELETION_WINDOW_DAYS.lab : DELETION_WINDOW_DAYS.standard,
    });
    this.alias = new KmsAlias(this, 'Alias', {
      name: `alias/${props.clusterName}-kops`,
      targetKeyId: this.resource.keyId,
    });
  }

  public get arn(): string {
    return this.resource.arn;
  }

  /** Replaces the default key policy (root: `kms:*`) with the cluster's. Call once. */
  public restrictTo(props: KopsKmsKeyPolicyProps): KmsKeyPolicy {
    const root = [{ type: 'AWS', identifiers: [props.accountRootArn] }];
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      { sid: 'AccountRootAdministersOnly', effect: 'Allow', principals: root, actions: [...KMS_ADMINISTRATION_ACTIONS], resources: ['*'] },
      {
        sid: 'ClusterRolesUseTheKey',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [...props.userRoleArns] }],
        actions: [...KMS_USE_ACTIONS],
        resources: ['*'],
      },
      {
        sid: 'ClusterRolesLetEc2AttachEtcdVolumes',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [...props.userRoleArns] }],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
      },
      {
        sid: 'AccountCreatesEncryptedVolumesThroughEc2Only',
        effect: 'Allow',
        principals: root,
        actions: [...EBS_VIA_EC2_ACTIONS],
        resources: ['*'],
        condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`ec2.${this.region}.amazonaws.com`] }],
      },
    ];
    const document = new DataAwsIamPolicyDocument(this, 'PolicyDocument', { statement: statements });
    return new KmsKeyPolicy(this, 'Policy', { keyId: this.resource.keyId, policy: document.json });
  }
}
