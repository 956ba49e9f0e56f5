import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { StackOptions } from '../cluster-target';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { awsManagedPolicyArn, boundedName, AWS_NAME_LIMITS } from '../common/aws/aws-names';
import { AwsNetwork } from '../common/aws/aws-network';
import { addAwsProvider } from '../common/aws/aws-provider';
import { commonTags } from '../common/common-tags';
import { OrquestaStack } from '../common/orquesta-stack';
import { EksCluster } from './eks-cluster';
import {
  EKS_EBS_CSI_MANAGED_POLICIES,
  EKS_EBS_CSI_SERVICE_ACCOUNT,
  EKS_NODE_MANAGED_POLICIES,
  EKS_OIDC_AUDIENCE,
  EKS_WORKLOAD_NAMESPACE,
} from './eks-defaults';
import { eksWorkloadRoleName } from './eks-kubernetes';
import { EksNodeGroup } from './eks-node-group';

export interface EksStackProps {
  readonly spec: ResolvedAppSpec;
  readonly options: StackOptions;
}

/**
 * EKS requires control-plane subnets in at least two zones
 * (https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html, 2026-11).
 */
const EKS_MIN_CONTROL_PLANE_ZONES = 2;

/**
 * The EKS target's infrastructure: the VPC (`AwsNetwork`), the control plane with its KMS key,
 * log group and OIDC provider (`EksCluster`), a node role with AWS managed policies only, one
 * managed node group per spec pool (`EksNodeGroup`), the workload's IRSA role, and the EBS CSI
 * driver add-on with its own IRSA role (the gp3 StorageClass of the EKS adaptation needs it).
 *
 * Tags: the provider's `default_tags` put the common tags on every taggable resource; node
 * instances and volumes get them through their launch templates.
 *
 * A one-zone spec still gets a second private subnet, for the control plane only (EKS's
 * two-zone rule); nodes and the NAT gateway stay in the spec's zone.
 */
export class EksStack extends OrquestaStack {
  public readonly network: AwsNetwork;
  public readonly cluster: EksCluster;
  public readonly nodeRole: AwsIamRole;
  public readonly nodeGroups: readonly EksNodeGroup[];
  /** The workload's IRSA role, trusted by `system:serviceaccount:default:<workload>`; attach the workload's own AWS permissions to it. */
  public readonly workloadRole: AwsIamRole;
  public readonly ebsCsiRole: AwsIamRole;
  public readonly ebsCsiAddon: EksAddon;

  constructor(scope: Construct, props: EksStackProps) {
    super(scope, { target: 'eks', backend: props.options.backend });
    const { spec, options } = props;
    const { cluster: c, workload } = spec;
    const region = c.regions.aws;
    const tags = commonTags(spec, 'eks', options.now);

    addAwsProvider(this, { spec, target: 'eks', options });
    const partition = new DataAwsPartition(this, 'Partition').partition;

    this.network = new AwsNetwork(this, 'Network', {
      clusterName: c.name,
      region,
      zones: Math.max(c.zones, EKS_MIN_CONTROL_PLANE_ZONES),
      // With one node zone, "one gateway per zone" is one gateway: the control-plane-only subnet needs none.
      natGateways: c.zones === 1 ? 'single' : c.natGateways,
    });
    const nodeSubnetIds = this.network.privateSubnets.slice(0, c.zones).map((s) => s.id);

    this.cluster = new EksCluster(this, 'Cluster', {
      name: c.name,
      kubernetesVersion: c.kubernetesVersion,
      subnetIds: this.network.privateSubnets.map((s) => s.id),
      publicAccessCidrs: c.eks.publicAccessCidrs,
      supportType: c.eks.supportType,
      partition,
      lab: c.lab !== undefined,
    });

    this.nodeRole = new AwsIamRole(this, 'NodeRole', {
      name: `${c.name}-eks-node`,
      description: `Worker nodes of EKS cluster ${c.name}`,
      trust: { type: 'service', service: 'ec2.amazonaws.com' },
      managedPolicyArns: EKS_NODE_MANAGED_POLICIES.map((p) => awsManagedPolicyArn(partition, p)),
    });

    this.nodeGroups = c.nodePools.map(
      (pool) =>
        new EksNodeGroup(this, `NodeGroup-${pool.name}`, {
          clusterName: this.cluster.resource.name,
          namePrefix: c.name,
          pool,
          subnetIds: nodeSubnetIds,
          nodeRoleArn: this.nodeRole.arn,
          tags,
          dependsOn: this.nodeRole.grants,
        }),
    );

    this.workloadRole = this.irsaRole('WorkloadRole', {
      name: eksWorkloadRoleName(spec),
      description: `Workload ${workload.name} of EKS cluster ${c.name} (IRSA)`,
      namespace: EKS_WORKLOAD_NAMESPACE,
      serviceAccount: workload.name,
      managedPolicyArns: [],
    });

    this.ebsCsiRole = this.irsaRole('EbsCsiRole', {
      name: boundedName(`${c.name}-eks-ebs-csi`, AWS_NAME_LIMITS.iamRole),
      description: `EBS CSI controller of EKS cluster ${c.name} (IRSA)`,
      namespace: EKS_EBS_CSI_SERVICE_ACCOUNT.namespace,
      serviceAccount: EKS_EBS_CSI_SERVICE_ACCOUNT.name,
      managedPolicyArns: EKS_EBS_CSI_MANAGED_POLICIES.map((p) => awsManagedPolicyArn(partition, p)),
    });
    this.ebsCsiAddon = new EksAddon(this, 'EbsCsiAddon', {
      clusterName: this.cluster.resource.name,
      addonName: 'aws-ebs-csi-driver',
      // No addon_version: EKS installs the default version for the cluster's Kubernetes version.
      serviceAccountRoleArn: this.ebsCsiRole.arn,
      resolveConflictsOnCreate: 'OVERWRITE',
      // The controller's pods need nodes to run on before the add-on reports ACTIVE.
      dependsOn: [...this.nodeGroups.map((g) => g.resource), ...this.ebsCsiRole.grants],
    });

    const outputs: ReadonlyArray<[string, string, string]> = [
      ['cluster_name', this.cluster.resource.name, 'Name of the EKS cluster.'],
      [
        'cluster_endpoint',
        this.cluster.resource.endpoint,
        'HTTPS endpoint of the Kubernetes API (public access limited to cluster.eks.publicAccessCidrs).',
      ],
      ['cluster_region', region, 'AWS region of the cluster.'],
      [
        'cluster_certificate_authority_data',
        this.cluster.resource.certificateAuthority.get(0).data,
        'Base64 CA certificate of the API endpoint, for a kubeconfig.',
      ],
      ['cluster_oidc_issuer_url', this.cluster.issuerUrl, 'OIDC issuer of the cluster, which IRSA roles trust.'],
      [
        'kubeconfig_command',
        `aws eks update-kubeconfig --region ${region} --name ${c.name}`,
        'Writes a kubeconfig entry for the cluster (needs the AWS CLI and credentials of the identity that created it, or an access entry).',
      ],
      [
        'workload_role_arn',
        this.workloadRole.arn,
        `IAM role the ServiceAccount ${EKS_WORKLOAD_NAMESPACE}/${workload.name} assumes through IRSA (annotation eks.amazonaws.com/role-arn).`,
      ],
      ['vpc_id', this.network.vpc.id, 'ID of the VPC the cluster runs in.'],
    ];
    for (const [name, value, description] of outputs) new TerraformOutput(this, name, { value, description });
  }

  private irsaRole(
    id: string,
    props: { name: string; description: string; namespace: string; serviceAccount: string; managedPolicyArns: readonly string[] },
  ): AwsIamRole {
    return new AwsIamRole(this, id, {
      name: props.name,
      description: props.description,
      trust: {
        type: 'web-identity',
        providerArn: this.cluster.oidcProvider.arn,
        issuerHostPath: this.cluster.issuerHostPath,
        subject: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
        audience: EKS_OIDC_AUDIENCE,
      },
      managedPolicyArns: props.managedPolicyArns,
    });
  }
}
