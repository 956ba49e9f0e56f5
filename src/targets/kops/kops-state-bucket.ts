import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Construct } from 'constructs';
import { AWS_NAME_LIMITS } from '../common/aws/aws-names';
import { KOPS_ETCD_BACKUP_RETENTION_DAYS, KOPS_NONCURRENT_VERSION_RETENTION_DAYS, KOPS_STATE_KEYS } from './kops-defaults';

/** Incomplete multipart uploads (snapshots cut short) are removed after a week: orquesta's choice, the value of AWS's own example rule (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html, 2026-11). */
const ABORT_MULTIPART_AFTER_DAYS = 7;

export interface KopsStateBucketProps {
  readonly clusterName: string;
  /**
   * Let `terraform destroy` delete the bucket with everything in it (etcd backups, CA backup).
   * @default false: a destroy stops at a non-empty bucket, so cluster state is not lost by accident
   */
  readonly forceDestroy?: boolean;
  /** The cluster's customer-managed key: the bucket's default encryption (SSE-KMS). */
  readonly kmsKeyArn: string;
}

export interface KopsStateBucketAccessProps {
  /** The control-plane role and the admin role. */
  readonly privilegedRoleArns: readonly string[];
  /** The worker role (join requests and answers). */
  readonly nodesRoleArn: string;
  /** Let principals outside the privileged roles delete protected objects (a lab's `terraform destroy`). @default false */
  readonly allowDeletionByAnyone?: boolean;
}

/** What `terraform destroy` of a force-destroyed bucket calls on every object version. */
const DELETE_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion'] as const;

/**
 * The cluster's state store, as kops keeps one in S3: node bootstrap scripts (uploaded here by
 * Terraform), join credentials, the admin kubeconfig, a CA backup and the etcd backups (written by
 * the nodes). Versioned, encrypted by default with the cluster's customer-managed KMS key
 * (SSE-KMS), closed to the public by all four public-access-block switches, to non-TLS requests
 * and to principals outside the cluster's roles by its policy (`restrictTo`), with ACLs disabled
 * (BucketOwnerEnforced). The bootstrap scripts Terraform uploads hold no secret and are SSE-S3, so
 * workers, which the key does not admit, can read them. Its name is `<cluster>-state-` plus a suffix Terraform makes unique.
 */
export class KopsStateBucket extends Construct {
  public readonly resource: S3Bucket;
  private readonly publicAccessBlock: S3BucketPublicAccessBlock;

  constructor(scope: Construct, id: string, props: KopsStateBucketProps) {
    super(scope, id);
    const suffix = '-state-';
    const namePart = props.clusterName.slice(0, AWS_NAME_LIMITS.s3BucketPrefix - suffix.length).replace(/-+$/, '');
    this.resource = new S3Bucket(this, 'Resource', {
      bucketPrefix: `${namePart}${suffix}`,
      forceDestroy: props.forceDestroy ?? false,
    });
    const bucket = this.resource.id;

    new S3BucketVersioningA(this, 'Versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket,
      // S3 Bucket Keys cut the KMS requests (and their cost) by deriving object keys from a
      // bucket-level data key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html, 2026-12).
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-etcd-backups',
          status: 'Enabled',
          filter: [{ prefix: KOPS_STATE_KEYS.etcdBackupsPrefix }],
          expiration: [{ days: KOPS_ETCD_BACKUP_RETENTION_DAYS }],
        },
        {
          id: 'expire-replaced-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: KOPS_NONCURRENT_VERSION_RETENTION_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_MULTIPART_AFTER_DAYS }],
        },
      ],
    });
    this.publicAccessBlock = publicAccessBlock;
  }

  /**
   * The bucket policy: TLS only; `control-plane/` and `etcd-backups/` (the admin kubeconfig, the
   * CAs, the encryption key, snapshots holding every Secret) closed to every principal but the
   * control-plane and admin roles, whatever their IAM policies say (an explicit deny beats
   * `s3:GetObject` on `*`, e.g. AWS's ReadOnlyAccess); the join prefixes likewise, plus the worker
   * role, whose own policy narrows it to its session's keys. A lab bucket still lets anyone with
   * IAM permission delete those objects, so `terraform destroy` can empty it. Call once.
   */
  public restrictTo(props: KopsStateBucketAccessProps): S3BucketPolicy {
    const arn = this.resource.arn;
    const everyone = [{ type: '*', identifiers: ['*'] }];
    const objects = (prefixes: readonly string[]) => prefixes.map((p) => `${arn}/${p}*`);
    const exceptPrincipals = (arns: readonly string[]) => [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [...arns] }];
    const privileged = [...props.privilegedRoleArns];
    const destroyable = props.allowDeletionByAnyone ? { notActions: [...DELETE_ACTIONS] } : { actions: ['s3:*'] };
    const document = new DataAwsIamPolicyDocument(this, 'PolicyDocument', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: everyone,
          actions: ['s3:*'],
          resources: [arn, `${arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        {
          sid: 'ClusterSecretsOnlyForControlPlaneAndAdmin',
          effect: 'Deny',
          principals: everyone,
          ...destroyable,
          resources: objects([KOPS_STATE_KEYS.controlPlanePrefix, KOPS_STATE_KEYS.etcdBackupsPrefix]),
          condition: exceptPrincipals(privileged),
        },
        {
          sid: 'JoinExchangeOnlyForClusterRoles',
          effect: 'Deny',
          principals: everyone,
          ...destroyable,
          resources: objects([KOPS_STATE_KEYS.joinRequestsPrefix, KOPS_STATE_KEYS.nodeJoinPrefix]),
          condition: exceptPrincipals([...privileged, props.nodesRoleArn]),
        },
      ],
    });
    // Applied after the public access block, which a policy change would otherwise race.
    return new S3BucketPolicy(this, 'Policy', {
      bucket: this.resource.id,
      policy: document.json,
      dependsOn: [this.publicAccessBlock],
    });
  }

  public get bucketName(): string {
    return this.resource.bucket;
  }

  public get arn(): string {
    return this.resource.arn;
  }

  /**
   * Uploads `content` under `key` (SSE-S3: readable by the workers). Terraform reads `${` and `%{` in a JSON string as template
   * syntax, so such content is refused rather than silently altered.
   */
  public addObject(id: string, key: string, content: string): S3Object {
    if (content.includes('${') || content.includes('%{')) {
      throw new Error(`${this.node.path}: content of '${key}' contains '\${' or '%{', which Terraform would interpolate`);
    }
    return new S3Object(this, id, {
      bucket: this.resource.id,
      key,
      content,
      contentType: key.endsWith('.yaml') ? 'application/yaml' : 'text/x-shellscript',
      serverSideEncryption: 'AES256',
    });
  }
}
