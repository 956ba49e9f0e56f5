import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../../spec/validation-error';
import { KOPS_IMDS_HOP_LIMIT, KOPS_ROOT_DEVICE_NAME } from './kops-defaults';
import { toUserData } from './user-data/shell';

export interface KopsInstanceGroupProps {
  /** Name of the launch template and auto-scaling group. */
  readonly name: string;
  readonly description: string;
  readonly instanceType: string;
  /** SSM parameter holding the AMI id; EC2 resolves it at every launch (`resolve:ssm:`). */
  readonly amiSsmParameter: string;
  readonly rootVolumeGiB: number;
  /** Subnets to launch into: one zone's for a control-plane member, every zone's for a worker pool. */
  readonly subnetIds: readonly string[];
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly securityGroupId: string;
  readonly instanceProfileArn: string;
  /** The first-boot script (plain text; encoded here). */
  readonly userData: string;
  /**
   * What the group's instances are. Tagged as `orquesta.dev/role` (with `orquesta.dev/pool` and
   * `orquesta.dev/kubernetes-version`), which is how orquesta's analysis tells control plane from workers.
   */
  readonly role: 'control-plane' | 'worker';
  /** Node pool the workers belong to. @default - none (control plane) */
  readonly pool?: string;
  readonly kubernetesVersion: string;
  /** Tags of the group and of everything it launches (the common tags; provider default_tags do not reach these). */
  readonly tags: Readonly<Record<string, string>>;
  /** Extra tags on the instances only, e.g. the bootstrap values and the cloud provider's cluster tag. @default {} */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /** Target groups the instances register with. @default [] */
  readonly targetGroupArns?: readonly string[];
  /** What must exist before the first instance boots (its role's policies, the bootstrap objects). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Tag keys orquesta's analysis reads from the synthesized auto-scaling groups (see analysis/inventory/extract-aws.ts). */
export const ROLE_TAG = 'orquesta.dev/role';
export const KUBERNETES_VERSION_TAG = 'orquesta.dev/kubernetes-version';

/**
 * A kops InstanceGroup: a launch template (IMDSv2 required with hop limit 1, encrypted gp3 root
 * volume, AMI from an SSM parameter, tags for the instances, volumes and network interfaces it
 * launches) and the auto-scaling group that keeps `desiredSize` instances of it running.
 *
 * Launch-template changes apply to new instances only; replacing running ones is a deliberate
 * rolling update (as `kops rolling-update`), never a side effect of `terraform apply`, since a
 * control-plane member holds etcd data.
 */
export class KopsInstanceGroup extends Construct {
  public readonly launchTemplate: LaunchTemplate;
  public readonly resource: AutoscalingGroup;

  constructor(scope: Construct, id: string, props: KopsInstanceGroupProps) {
    super(scope, id);
    if (!(props.minSize <= props.desiredSize && props.desiredSize <= props.maxSize)) {
      throw new ValidationError(
        [
          {
            path: 'desiredSize',
            value: props.desiredSize,
            requirement: `must be within minSize (${props.minSize}) and maxSize (${props.maxSize})`,
          },
        ],
        this.node.path,
      );
    }
    const tags: Record<string, string> = {
      ...props.tags,
      Name: props.name,
      [ROLE_TAG]: props.role,
      [KUBERNETES_VERSION_TAG]: props.kubernetesVersion,
      ...(props.pool ? { [NODE_POOL_LABEL]: props.pool } : {}),
    };

    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      name: props.name,
      description: props.description,
      updateDefaultVersion: true,
      imageId: `resolve:ssm:${props.amiSsmParameter}`,
      instanceType: props.instanceType,
      iamInstanceProfile: { arn: props.instanceProfileArn },
      vpcSecurityGroupIds: [props.securityGroupId],
      userData: toUserData(props.userData),
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: KOPS_IMDS_HOP_LIMIT,
      },
      blockDeviceMappings: [
        {
          deviceName: KOPS_ROOT_DEVICE_NAME,
          ebs: {
            volumeSize: props.rootVolumeGiB,
            volumeType: 'gp3',
            encrypted: 'true',
            deleteOnTermination: 'true',
          },
        },
      ],
      tagSpecifications: [
        { resourceType: 'instance', tags: { ...tags, ...props.instanceTags } },
        { resourceType: 'volume', tags },
        { resourceType: 'network-interface', tags },
      ],
    });

    this.resource = new AutoscalingGroup(this, 'Resource', {
      name: props.name,
      minSize: props.minSize,
      desiredCapacity: props.desiredSize,
      maxSize: props.maxSize,
      vpcZoneIdentifier: [...props.subnetIds],
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      targetGroupArns: props.targetGroupArns ? [...props.targetGroupArns] : undefined,
      // EC2 health, not the load balancer's: an API server that is down for a moment must not get
      // its instance (and the etcd member on it) terminated.
      healthCheckType: 'EC2',
      tag: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      dependsOn: [...(props.dependsOn ?? [])],
    });
  }
}
