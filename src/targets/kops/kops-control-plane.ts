import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../../spec/validation-error';
import {
  KOPS_CONTROL_PLANE_ROOT_VOLUME_GIB,
  KOPS_ETCD_MEMBER_TAG,
  KOPS_ETCD_TAG,
  KOPS_ETCD_VOLUME,
  KOPS_ETCD_VOLUME_KINDS,
  type KopsEtcdVolumeKind,
} from './kops-defaults';
import { KopsInstanceGroup } from './kops-instance-group';
import { controlPlaneUserData } from './user-data/bootstrap-script';

export interface KopsControlPlaneProps {
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. '1.35'. */
  readonly kubernetesVersion: string;
  /** Members: 1, or 3 for an etcd quorum that survives the loss of one. */
  readonly count: 1 | 3 | 5;
  readonly instanceType: string;
  readonly amiSsmParameter: string;
  /** Availability zones, in order; members are placed round-robin over them. */
  readonly zones: readonly string[];
  /** The private subnet of each zone, in the same order. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly instanceProfileArn: string;
  /** Target groups of the API load balancers (internet-facing and internal). */
  readonly apiTargetGroupArns: readonly string[];
  /** Customer-managed KMS key of the etcd volumes. @default - the account's default EBS key */
  readonly etcdKmsKeyArn?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Extra instance tags (bootstrap values, cloud provider cluster tag). @default {} */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export interface KopsControlPlaneMember {
  readonly index: number;
  readonly zone: string;
  readonly instanceGroup: KopsInstanceGroup;
  readonly etcdVolumes: Readonly<Record<KopsEtcdVolumeKind, EbsVolume>>;
}

/**
 * The control plane after kops' HA topology: each member is its own auto-scaling group of exactly
 * one instance, pinned to one zone's private subnet, with two etcd volumes (main, events) in that
 * zone. When EC2 replaces a member's instance, the new one finds the same volumes by their tags
 * (`orquesta.dev/etcd`, `orquesta.dev/etcd-member`) and attaches them, as kops' protokube does.
 * Members are spread round-robin over the zones (3 members in 3 zones: one per zone).
 */
export class KopsControlPlane extends Construct {
  public readonly members: readonly KopsControlPlaneMember[];

  constructor(scope: Construct, id: string, props: KopsControlPlaneProps) {
    super(scope, id);
    if (props.zones.length === 0 || props.zones.length !== props.subnetIds.length) {
      throw new ValidationError(
        [{ path: 'subnetIds', value: props.subnetIds.length, requirement: `must name one subnet per zone (${props.zones.length})` }],
        this.node.path,
      );
    }
    this.members = Array.from({ length: props.count }, (_, index) => {
      const zoneIndex = index % props.zones.length;
      const zone = props.zones[zoneIndex];
      const etcdVolumes = Object.fromEntries(
        KOPS_ETCD_VOLUME_KINDS.map((kind) => [
          kind,
          new EbsVolume(this, `Etcd-${kind}-${index}`, {
            availabilityZone: zone,
            size: KOPS_ETCD_VOLUME.sizeGiB,
            type: KOPS_ETCD_VOLUME.type,
            iops: KOPS_ETCD_VOLUME.iops,
            throughput: KOPS_ETCD_VOLUME.throughputMiBps,
            encrypted: true,
            kmsKeyId: props.etcdKmsKeyArn,
            tags: {
              Name: `${props.clusterName}-etcd-${kind}-${index}`,
              [KOPS_ETCD_TAG]: kind,
              [KOPS_ETCD_MEMBER_TAG]: String(index),
            },
          }),
        ]),
      ) as Record<KopsEtcdVolumeKind, EbsVolume>;
      const instanceGroup = new KopsInstanceGroup(this, `Member${index}`, {
        name: `${props.clusterName}-kops-control-plane-${index}`,
        description: `Control-plane member ${index} of ${props.clusterName} in ${zone}`,
        instanceType: props.instanceType,
        amiSsmParameter: props.amiSsmParameter,
        rootVolumeGiB: KOPS_CONTROL_PLANE_ROOT_VOLUME_GIB,
        subnetIds: [props.subnetIds[zoneIndex]],
        minSize: 1,
        desiredSize: 1,
        maxSize: 1,
        role: 'control-plane',
        kubernetesVersion: props.kubernetesVersion,
        securityGroupId: props.securityGroupId,
        instanceProfileArn: props.instanceProfileArn,
        userData: controlPlaneUserData({
          clusterName: props.clusterName,
          kubernetesVersion: props.kubernetesVersion,
          etcdMember: index,
          controlPlaneCount: props.count,
        }),
        tags: props.tags,
        instanceTags: props.instanceTags,
        targetGroupArns: [...props.apiTargetGroupArns],
        // The volumes must exist before the instance looks for them.
        dependsOn: [...(props.dependsOn ?? []), ...Object.values(etcdVolumes)],
      });
      return { index, zone, instanceGroup, etcdVolumes };
    });
  }
}
