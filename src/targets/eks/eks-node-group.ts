import { EksNodeGroup as EksNodeGroupResource } from '@cdktf/provider-aws/lib/eks-node-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedNodePool } from '../../spec/resolved-spec';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import {
  EKS_NODE_AMI_TYPE,
  EKS_NODE_GROUP_MAX_UNAVAILABLE,
  EKS_NODE_IMDS_HOP_LIMIT,
  EKS_NODE_ROOT_DEVICE_NAME,
  EKS_NODE_ROOT_VOLUME_GIB,
} from './eks-defaults';
import { AWS_INSTANCE_CATALOG, AWS_SPOT_INSTANCE_TYPES } from './instance-types';

export interface EksNodeGroupProps {
  /** Name of the EKS cluster (a reference to the cluster resource, so the group waits for it). */
  readonly clusterName: string;
  /** The spec's cluster name: prefixes the launch template name and names the cluster-autoscaler tag. */
  readonly namePrefix: string;
  readonly pool: ResolvedNodePool;
  /** Private subnets the group spreads over, one per zone. */
  readonly subnetIds: readonly string[];
  readonly nodeRoleArn: string;
  /** Tags for the instances and volumes the group launches (provider default_tags do not reach them). */
  readonly tags: Readonly<Record<string, string>>;
  /** Resources that must exist first (the node role's policy attachments, the node add-ons). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** The cluster's Kubernetes version (a reference to the cluster's `version`), so nodes follow the control plane. */
  readonly kubernetesVersion: string;
  /**
   * The EKS-optimized AMI release (`release_version`, e.g. `1.35.2-20261120`).
   * @default - the latest release for the version when the group is created, then kept until this is set
   */
  readonly releaseVersion?: string;
}

/** Tags cluster-autoscaler's auto-discovery matches (https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#auto-discovery-setup, 2026-12). */
export function clusterAutoscalerTags(clusterName: string): Record<string, string> {
  return { 'k8s.io/cluster-autoscaler/enabled': 'true', [`k8s.io/cluster-autoscaler/${clusterName}`]: 'owned' };
}

/**
 * One spec node pool as an EKS managed node group across all given subnets (EKS spreads the
 * instances over the zones), with its own launch template: encrypted gp3 root volume, IMDSv2
 * required with hop limit 1, and tags on the instances and volumes it launches. Nodes carry the
 * label `orquesta.dev/pool=<pool name>` the workload's node selector uses.
 *
 * Day-2 behaviour:
 * - the group's name is a prefix (`<pool>-<suffix>`) and it is created before it is destroyed, so
 *   a change EKS can only make by replacement (instance types, capacity type) brings the new group
 *   up before the old one drains;
 * - `desired_size` is ignored after creation: cluster-autoscaler owns it within min..max;
 * - `version` is the cluster's, so a control-plane upgrade rolls the nodes to the same minor in the
 *   same apply (EKS refuses a second control-plane upgrade while nodes lag behind);
 * - the AMI moves only when `release_version` changes (the stack's `eks_node_ami_release_version`
 *   variable), a rolling update of `max_unavailable` node at a time.
 */
export class EksNodeGroup extends Construct {
  public readonly resource: EksNodeGroupResource;
  public readonly launchTemplate: LaunchTemplate;
  public readonly instanceType: string;

  constructor(scope: Construct, id: string, props: EksNodeGroupProps) {
    super(scope, id);
    const { pool } = props;
    this.instanceType = AWS_INSTANCE_CATALOG.bySizeClass[pool.sizeClass];
    const spot = pool.capacity === 'spot';
    const name = `${props.namePrefix}-eks-${pool.name}`;
    const tags = { ...props.tags, Name: name };

    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      namePrefix: `${name}-`,
      description: `Nodes of EKS node group ${pool.name} (${this.instanceType})`,
      updateDefaultVersion: true,
      blockDeviceMappings: [
        {
          deviceName: EKS_NODE_ROOT_DEVICE_NAME,
          ebs: {
            volumeSize: EKS_NODE_ROOT_VOLUME_GIB,
            volumeType: 'gp3',
            encrypted: 'true',
            deleteOnTermination: 'true',
          },
        },
      ],
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: EKS_NODE_IMDS_HOP_LIMIT,
      },
      tagSpecifications: [
        { resourceType: 'instance', tags },
        { resourceType: 'volume', tags },
      ],
      lifecycle: { createBeforeDestroy: true },
    });

    this.resource = new EksNodeGroupResource(this, 'Resource', {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${pool.name}-`,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      version: props.kubernetesVersion,
      amiType: EKS_NODE_AMI_TYPE,
      ...(props.releaseVersion !== undefined ? { releaseVersion: props.releaseVersion } : {}),
      capacityType: spot ? 'SPOT' : 'ON_DEMAND',
      instanceTypes: spot ? [...(AWS_SPOT_INSTANCE_TYPES[this.instanceType] ?? [this.instanceType])] : [this.instanceType],
      scalingConfig: {
        minSize: pool.minNodes,
        desiredSize: pool.desiredNodes,
        maxSize: pool.maxNodes,
      },
      labels: { [NODE_POOL_LABEL]: pool.name },
      launchTemplate: {
        id: this.launchTemplate.id,
        version: Token.asString(this.launchTemplate.latestVersion),
      },
      updateConfig: { maxUnavailable: EKS_NODE_GROUP_MAX_UNAVAILABLE },
      // EKS replaces nodes that stay unhealthy (https://docs.aws.amazon.com/eks/latest/userguide/node-health.html, 2026-11).
      nodeRepairConfig: { enabled: true },
      // EKS tags the group's auto-scaling group with these itself; on the node group they document it.
      tags: clusterAutoscalerTags(props.namePrefix),
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: [...(props.dependsOn ?? [])],
    });
  }
}
