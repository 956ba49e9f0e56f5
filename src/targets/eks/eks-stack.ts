import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { StackOptions } from '../cluster-target';
import { AwsIamRole } from '../common/aws/aws-iam-role';
import { awsManagedPolicyArn } from '../common/aws/aws-names';
import { AwsNetwork } from '../common/aws/aws-network';
import { addAwsProvider } from '../common/aws/aws-provider';
import { commonTags } from '../common/common-tags';
import { OrquestaStack } from '../common/orquesta-stack';
import { EksAccessEntries } from './eks-access-entries';
import { EksAutoModeNodeAccess, eksAutoModePools } from './eks-auto-mode';
import { EksCluster } from './eks-cluster';
import { EksControllerIdentities } from './eks-controller-identities';
import { EKS_LAB_CLUSTER_LOG_RETENTION_DAYS, EKS_NODE_MANAGED_POLICIES, EKS_OIDC_AUDIENCE } from './eks-defaults';
import { eksWorkloadRoleName } from './eks-kubernetes';
import { EKS_MANAGED_ADDONS, EKS_MANAGED_ADDONS_BY_MODE } from './eks-managed-addon-catalog';
import { EksManagedAddons } from './eks-managed-addons';
import { EksManagedPrometheus } from './eks-managed-prometheus';
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
 * The EKS target's infrastructure: the VPC with flow logs and an emptied default security group
 * (`AwsNetwork`), the control plane with its KMS key, log group and OIDC provider (`EksCluster`),
 * access entries for the deploying identity and the spec's admins (`EksAccessEntries`), the
 * workload's IRSA role, and per `cluster.eks.mode`:
 * - `managed-node-groups`: a node role with AWS managed policies only, one managed node group per
 *   spec pool (`EksNodeGroup`), the EKS managed add-ons with Pod Identity roles for the VPC CNI and
 *   EBS CSI (`EksManagedAddons`), and the Pod Identity roles of the load-balancer controller and
 *   cluster-autoscaler that `deploy` installs with Helm (`EksControllerIdentities`);
 * - `auto`: EKS Auto Mode on the cluster, the node role and access entry its NodeClass uses
 *   (`EksAutoModeNodeAccess`), metrics-server, and the output `auto_mode_node_pools` describing the
 *   NodePools `deploy` applies.
 * With `monitoring: prometheus`, an Amazon Managed Service for Prometheus workspace and collector
 * (`EksManagedPrometheus`).
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
  public readonly accessEntries: EksAccessEntries;
  /** Managed-node-group mode only. */
  public readonly nodeRole?: AwsIamRole;
  public readonly nodeGroups: readonly EksNodeGroup[];
  /** The add-ons whose pods run on nodes (coredns, EBS CSI, metrics-server); all add-ons in Auto Mode. */
  public readonly managedAddons: EksManagedAddons;
  /** Managed-node-group mode only: the node DaemonSets installed before the node groups. */
  public readonly nodeAddons?: EksManagedAddons;
  /** Managed-node-group mode only. */
  public readonly controllerIdentities?: EksControllerIdentities;
  /** Auto Mode only. */
  public readonly autoModeNodeAccess?: EksAutoModeNodeAccess;
  /** With `monitoring: prometheus` only. */
  public readonly prometheus?: EksManagedPrometheus;
  /** The workload's IRSA role, trusted by `system:serviceaccount:<namespace>:<workload>`; attach the workload's own AWS permissions to it. */
  public readonly workloadRole: AwsIamRole;

  constructor(scope: Construct, props: EksStackProps) {
    super(scope, { target: 'eks', backend: props.options.backend });
    const { spec, options } = props;
    const { cluster: c, workload } = spec;
    const region = c.regions.aws;
    const tags = commonTags(spec, 'eks', options.now);
    const autoMode = c.eks.mode === 'auto';

    addAwsProvider(this, { spec, target: 'eks', options });
    const partition = new DataAwsPartition(this, 'Partition').partition;

    this.network = new AwsNetwork(this, 'Network', {
      clusterName: c.name,
      region,
      zones: Math.max(c.zones, EKS_MIN_CONTROL_PLANE_ZONES),
      // With one node zone, "one gateway per zone" is one gateway: the control-plane-only subnet needs none.
      natGateways: c.zones === 1 ? 'single' : c.natGateways,
      namePrefix: `${c.name}-eks`,
      partition,
      ...(c.lab !== undefined ? { flowLogRetentionDays: EKS_LAB_CLUSTER_LOG_RETENTION_DAYS } : {}),
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
      logTypes: c.eks.controlPlaneLogTypes,
      autoMode,
    });
    const clusterName = this.cluster.resource.name;

    this.accessEntries = new EksAccessEntries(this, 'Access', {
      clusterName,
      partition,
      adminPrincipalArns: c.eks.adminPrincipalArns,
      offlinePlan: options.offlinePlan,
    });

    if (autoMode) {
      this.autoModeNodeAccess = new EksAutoModeNodeAccess(this, 'AutoMode', { clusterName, namePrefix: c.name, partition });
      this.nodeGroups = [];
      this.managedAddons = new EksManagedAddons(this, 'Addons', {
        clusterName,
        namePrefix: c.name,
        kubernetesVersion: c.kubernetesVersion,
        addons: EKS_MANAGED_ADDONS_BY_MODE.auto,
        partition,
      });
    } else {
      this.nodeRole = new AwsIamRole(this, 'NodeRole', {
        name: `${c.name}-eks-node`,
        description: `Worker nodes of EKS cluster ${c.name}`,
        trust: { type: 'service', service: 'ec2.amazonaws.com' },
        managedPolicyArns: EKS_NODE_MANAGED_POLICIES.map((p) => awsManagedPolicyArn(partition, p)),
      });
      // One variable for every group: setting it to a newer AMI release rolls all pools; unset, a
      // group keeps the release it was created with (EKS's default for the version at that time).
      const releaseVersion = new TerraformVariable(this, 'eks_node_ami_release_version', {
        type: 'string',
        default: '',
        description:
          'EKS-optimized AL2023 AMI release of the node groups (e.g. 1.35.2-20261120); empty keeps each group on the release it has. ' +
          'The latest: aws ssm get-parameter --name /aws/service/eks/optimized-ami/<version>/amazon-linux-2023/x86_64/standard/recommended/release_version',
      });
      const nodeRole = this.nodeRole;
      // Node DaemonSets first, then the nodes, then what runs on nodes.
      const [beforeNodes, onNodes] = partition2(
        EKS_MANAGED_ADDONS_BY_MODE['managed-node-groups'],
        (n) => EKS_MANAGED_ADDONS[n].beforeNodes,
      );
      this.nodeAddons = new EksManagedAddons(this, 'NodeAddons', {
        clusterName,
        namePrefix: c.name,
        kubernetesVersion: c.kubernetesVersion,
        addons: beforeNodes,
        partition,
      });
      const nodeAddons = this.nodeAddons;
      this.nodeGroups = c.nodePools.map(
        (pool) =>
          new EksNodeGroup(this, `NodeGroup-${pool.name}`, {
            clusterName,
            namePrefix: c.name,
            pool,
            subnetIds: nodeSubnetIds,
            nodeRoleArn: nodeRole.arn,
            tags,
            kubernetesVersion: this.cluster.resource.version,
            // Empty means "not set" (null): EKS keeps the group's current release.
            releaseVersion: `\${${releaseVersion.fqn} == "" ? null : ${releaseVersion.fqn}}`,
            dependsOn: [...nodeRole.grants, ...nodeAddons.all],
          }),
      );
      const agent = nodeAddons.addons['eks-pod-identity-agent'];
      this.managedAddons = new EksManagedAddons(this, 'Addons', {
        clusterName,
        namePrefix: c.name,
        kubernetesVersion: c.kubernetesVersion,
        addons: onNodes,
        partition,
        dependsOn: this.nodeGroups.map((g) => g.resource),
        podIdentityAgent: agent,
      });
      this.controllerIdentities = new EksControllerIdentities(this, 'Controllers', {
        clusterName,
        namePrefix: c.name,
        partition,
        dependsOn: agent ? [agent] : [],
      });
    }

    if (workload.monitoring.type === 'prometheus') {
      this.prometheus = new EksManagedPrometheus(this, 'Prometheus', {
        spec,
        clusterArn: this.cluster.resource.arn,
        // The control plane's subnets: always two zones or more, and routed to every node subnet.
        subnetIds: this.network.privateSubnets.map((s) => s.id),
        securityGroupIds: [this.cluster.resource.vpcConfig.clusterSecurityGroupId],
        dependsOn: this.nodeGroups.map((g) => g.resource),
      });
    }

    this.workloadRole = new AwsIamRole(this, 'WorkloadRole', {
      name: eksWorkloadRoleName(spec),
      description: `Workload ${workload.name} of EKS cluster ${c.name} (IRSA)`,
      trust: {
        type: 'web-identity',
        providerArn: this.cluster.oidcProvider.arn,
        issuerHostPath: this.cluster.issuerHostPath,
        subject: `system:serviceaccount:${workload.namespace}:${workload.name}`,
        audience: EKS_OIDC_AUDIENCE,
      },
    });

    const outputs: Array<[string, unknown, string]> = [
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
        'Writes a kubeconfig entry for the cluster (needs the AWS CLI and credentials of a principal with an access entry: the deploying identity or cluster.eks.adminPrincipalArns).',
      ],
      [
        'workload_role_arn',
        this.workloadRole.arn,
        `IAM role the ServiceAccount ${workload.namespace}/${workload.name} assumes through IRSA (annotation eks.amazonaws.com/role-arn).`,
      ],
      [
        'vpc_id',
        this.network.vpc.id,
        'ID of the VPC the cluster runs in (the load-balancer controller is given it instead of reading IMDS).',
      ],
    ];
    if (autoMode) {
      outputs.push([
        'auto_mode_node_pools',
        eksAutoModePools(spec),
        'The EKS Auto Mode NodePools deploy applies (one per spec pool): instance types, capacity type, zones and node counts; Auto Mode launches their nodes.',
      ]);
    }
    if (this.prometheus) {
      outputs.push([
        'prometheus_workspace_endpoint',
        this.prometheus.workspace.prometheusEndpoint,
        'Query endpoint of the Amazon Managed Service for Prometheus workspace the collector writes the workload metrics to.',
      ]);
    }
    for (const [name, value, description] of outputs) new TerraformOutput(this, name, { value, description });
  }
}

/** `[matching, rest]` of a list, order kept. */
function partition2<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  return [items.filter(predicate), items.filter((i) => !predicate(i))];
}
