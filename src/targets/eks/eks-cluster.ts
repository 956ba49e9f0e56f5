import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EksCluster as EksClusterResource } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../../spec/validation-error';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { awsManagedPolicyArn } from '../common/aws/aws-names';
import {
  EKS_AUTO_MODE_CLUSTER_MANAGED_POLICIES,
  EKS_CLUSTER_LOG_RETENTION_DAYS,
  EKS_CLUSTER_LOG_TYPES,
  EKS_CLUSTER_MANAGED_POLICIES,
  EKS_KMS_DELETION_WINDOW_DAYS,
  EKS_LAB_CLUSTER_LOG_RETENTION_DAYS,
  EKS_LAB_KMS_DELETION_WINDOW_DAYS,
  EKS_OIDC_AUDIENCE,
  EKS_OIDC_THUMBPRINT,
  eksClusterLogGroupName,
} from './eks-defaults';

export interface EksClusterProps {
  readonly name: string;
  /** Kubernetes minor version, e.g. '1.35'. */
  readonly kubernetesVersion: string;
  /** Subnets for the control plane's network interfaces: the private subnets, in at least two zones (an EKS requirement). */
  readonly subnetIds: readonly string[];
  /** CIDRs allowed to reach the public API endpoint. Must not be empty: EKS would default to 0.0.0.0/0. */
  readonly publicAccessCidrs: readonly string[];
  readonly supportType: 'STANDARD' | 'EXTENDED';
  /** AWS partition of the stack (from `aws_partition`), for ARNs. */
  readonly partition: string;
  /**
   * A lab cluster: shorter log retention and KMS deletion window.
   * @default false
   */
  readonly lab?: boolean;
  /**
   * Control-plane log types shipped to CloudWatch Logs (`cluster.eks.controlPlaneLogTypes`).
   * @default EKS_CLUSTER_LOG_TYPES (all five)
   */
  readonly logTypes?: readonly string[];
  /**
   * EKS Auto Mode: AWS runs compute (Karpenter-based NodePools), block storage and load balancing.
   * No built-in node pools are enabled: the stack's NodePools (applied by `deploy`) use a NodeClass
   * with their own node role and access entry.
   * @default false
   */
  readonly autoMode?: boolean;
}

/**
 * The EKS control plane: the cluster role (AWS managed policy only), a customer-managed KMS key
 * for envelope encryption of Secrets, the control-plane log group, the cluster itself, and the
 * IAM OIDC provider IRSA roles trust.
 *
 * The API endpoint is public *and* private: nodes and pods reach it inside the VPC, people reach
 * it only from `publicAccessCidrs`.
 *
 * Since Kubernetes 1.28 EKS envelope-encrypts all API data with an AWS-owned key
 * (https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html, 2026-11); the
 * customer-managed key adds what that cannot: rotation and access you control and can audit in
 * CloudTrail, and the ability to revoke.
 */
export class EksCluster extends Construct {
  public readonly resource: EksClusterResource;
  public readonly role: AwsIamRole;
  public readonly secretsKey: KmsKey;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly oidcProvider: IamOpenidConnectProvider;
  /** `https://oidc.eks.<region>.amazonaws.com/id/<id>` */
  public readonly issuerUrl: string;
  /** The issuer without `https://`: the prefix of IRSA trust-policy condition keys. */
  public readonly issuerHostPath: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    if (props.publicAccessCidrs.length === 0) {
      throw new ValidationError(
        [{ path: 'publicAccessCidrs', value: [], requirement: 'must list at least one CIDR (EKS would open an empty list to 0.0.0.0/0)' }],
        this.node.path,
      );
    }
    const lab = props.lab ?? false;
    const autoMode = props.autoMode ?? false;

    this.role = new AwsIamRole(this, 'Role', {
      name: `${props.name}-eks-cluster`,
      description: `EKS control plane of ${props.name}`,
      // Auto Mode passes session tags when it acts for the cluster.
      trust: { type: 'service', service: 'eks.amazonaws.com', tagSession: autoMode },
      managedPolicyArns: (autoMode ? EKS_AUTO_MODE_CLUSTER_MANAGED_POLICIES : EKS_CLUSTER_MANAGED_POLICIES).map((p) =>
        awsManagedPolicyArn(props.partition, p),
      ),
    });

    // The key policy, not an IAM policy on the role, lets the cluster role use the key: the role
    // keeps AWS managed policies only. The account id comes from the role's ARN, so the plan needs no
    // `aws_caller_identity` lookup. The first statement is KMS's default key policy, without which
    // nobody in the account could manage the key
    // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html, 2026-11).
    const accountId = Fn.element(Fn.split(':', this.role.arn), 4);
    const keyPolicy = new DataAwsIamPolicyDocument(this, 'SecretsKeyPolicy', {
      statement: [
        {
          sid: 'EnableIamPoliciesOfTheAccount',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${props.partition}:iam::${accountId}:root`] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          sid: 'EksSecretsEnvelopeEncryption',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [this.role.arn] }],
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:ListGrants'],
          resources: ['*'],
        },
        {
          sid: 'EksCreatesGrantsForItself',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [this.role.arn] }],
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
        },
      ],
    });
    this.secretsKey = new KmsKey(this, 'SecretsKey', {
      description: `Envelope encryption of Kubernetes Secrets in EKS cluster ${props.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: lab ? EKS_LAB_KMS_DELETION_WINDOW_DAYS : EKS_KMS_DELETION_WINDOW_DAYS,
      policy: keyPolicy.json,
    });
    new KmsAlias(this, 'SecretsKeyAlias', {
      name: `alias/${props.name}-eks-secrets`,
      targetKeyId: this.secretsKey.keyId,
    });

    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: eksClusterLogGroupName(props.name),
      retentionInDays: lab ? EKS_LAB_CLUSTER_LOG_RETENTION_DAYS : EKS_CLUSTER_LOG_RETENTION_DAYS,
    });

    this.resource = new EksClusterResource(this, 'Resource', {
      name: props.name,
      version: props.kubernetesVersion,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: [...props.publicAccessCidrs],
      },
      encryptionConfig: {
        resources: ['secrets'],
        provider: { keyArn: this.secretsKey.arn },
      },
      enabledClusterLogTypes: [...(props.logTypes ?? EKS_CLUSTER_LOG_TYPES)],
      upgradePolicy: { supportType: props.supportType },
      accessConfig: {
        // Access entries only (no aws-auth ConfigMap), and no implicit admin for whoever created the
        // cluster: EksAccessEntries grants admin explicitly, in Terraform, where a review sees it.
        authenticationMode: 'API',
        bootstrapClusterCreatorAdminPermissions: false,
      },
      // Every add-on the cluster needs is an `aws_eks_addon` (or built into Auto Mode, which requires
      // false), so EKS does not install self-managed copies that would then have to be taken over.
      bootstrapSelfManagedAddons: false,
      ...(autoMode
        ? {
            computeConfig: { enabled: true, nodePools: [] },
            storageConfig: { blockStorage: { enabled: true } },
            kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
          }
        : {}),
      // The role must hold its policy before EKS uses it, and the log group must exist before EKS
      // creates one with unlimited retention.
      dependsOn: [...this.role.grants, this.logGroup],
    });

    this.issuerUrl = this.resource.identity.get(0).oidc.get(0).issuer;
    this.issuerHostPath = Fn.replace(this.issuerUrl, 'https://', '');
    this.oidcProvider = new IamOpenidConnectProvider(this, 'OidcProvider', {
      url: this.issuerUrl,
      clientIdList: [EKS_OIDC_AUDIENCE],
      thumbprintList: [EKS_OIDC_THUMBPRINT],
    });
  }
}
