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
import { AWS_INSTANCE_CATALOG } from './instance-types';

export interface EksNodeGroupProps {
  /** Name of the EKS cluster (a reference to the cluster resource, so the group waits for it). */
  readonly clusterName: string;
  /** Prefix of the launch template name (the spec's cluster name). */
  readonly namePrefix: string;
  readonly pool: ResolvedNodePool;
  /** Private subnets the group spreads over, one per zone. */
  readonly subnetIds: readonly string[];
  readonly nodeRoleArn: string;
  /** Tags for the instances and volumes the group launches (provider default_tags do not reach them). */
  readonly tags: Readonly<Record<string, string>>;
  /** Resources that must exist first (the node role's policy attachments). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One spec node pool as an EKS managed node group across all given subnets (EKS spreads the
 * instances over the zones), with its own launch template: encrypted gp3 root volume, IMDSv2
 * required, and tags on the instances and volumes it launches. Nodes carry the label
 * `orquesta.dev/pool=<pool name>` the workload's node selector uses.
 */
export class EksNodeGroup extends Construct {
  public readonly resource: EksNodeGroupResource;
  public readonly launchTemplate: LaunchTemplate;
  public readonly instanceType: string;

  constructor(scope: Construct, id: string, props: EksNodeGroupProps) {
    super(scope, id);
    const { pool } = props;
    this.instanceType = AWS_INSTANCE_CATALOG.bySizeClass[pool.sizeClass];
    const name = `${props.namePrefix}-eks-${pool.name}`;
    const tags = { ...props.tags, Name: name };

    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      name,
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
    });

    this.resource = new EksNodeGroupResource(this, 'Resource', {
      clusterName: props.clusterName,
      nodeGroupName: pool.name,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      amiType: EKS_NODE_AMI_TYPE,
      capacityType: 'ON_DEMAND',
      instanceTypes: [this.instanceType],
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
      dependsOn: [...(props.dependsOn ?? [])],
    });
  }
}
