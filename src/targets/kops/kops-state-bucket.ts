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
}

/**
 * The cluster's state store, as kops keeps one in S3: node bootstrap scripts (uploaded here by
 * Terraform), join credentials, the admin kubeconfig, a CA backup and the etcd backups (written by
 * the nodes). Versioned, encrypted at rest by default (SSE-S3), closed to the public by all four
 * public-access-block switches and to non-TLS requests by its policy, with ACLs disabled
 * (BucketOwnerEnforced). Its name is `<cluster>-state-` plus a suffix Terraform makes unique.
 */
export class KopsStateBucket extends Construct {
  public readonly resource: S3Bucket;

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
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
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
    const tlsOnly = new DataAwsIamPolicyDocument(this, 'PolicyDocument', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.resource.arn, `${this.resource.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    // Applied after the public access block, which a policy change would otherwise race.
    new S3BucketPolicy(this, 'Policy', {
      bucket,
      policy: tlsOnly.json,
      dependsOn: [publicAccessBlock],
    });
  }

  public get bucketName(): string {
    return this.resource.bucket;
  }

  public get arn(): string {
    return this.resource.arn;
  }

  /**
   * Uploads `content` under `key`. Terraform reads `${` and `%{` in a JSON string as template
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
    });
  }
}
