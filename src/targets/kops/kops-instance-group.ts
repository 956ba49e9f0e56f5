import { AutoscalingGroup, type AutoscalingGroupConfig } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingLifecycleHook } from '@cdktf/provider-aws/lib/autoscaling-lifecycle-hook';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { CapacityType } from '../../spec/cluster-spec';
import { ValidationError } from '../../spec/validation-error';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import { KOPS_IMDS_HOP_LIMIT, KOPS_ROOT_DEVICE_NAME } from './kops-defaults';
import { KOPS_DRAIN_HOOK, KOPS_SPOT_ALLOCATION_STRATEGY, kopsSpotInstanceTypes, type KopsWorkerRoll } from './kops-worker-roll';
import { toUserData } from './user-data/shell';

export interface KopsInstanceGroupProps {
  /** Name of the launch template and auto-scaling group. */
  readonly name: string;
  readonly description: string;
  readonly instanceType: string;
  /**
   * SSM parameter holding the AMI id; EC2 resolves it at every launch (`resolve:ssm:`). Append the
   * parameter's version (`<name>:<version>`) to pin the image: bumping it is then an explicit
   * launch-template change that rolls the workers (README, "Changing a running cluster → kops").
   */
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
  /**
   * How a worker group replaces its instances when its launch template changes (an AMI pin,
   * instance type or user-data change): an instance refresh that launches before it terminates,
   * with the batch size from the workload's PodDisruptionBudget (see ./kops-worker-roll.ts).
   * Required for workers; ignored for the control plane, whose members are never rolled by EC2.
   * @default - none (control plane)
   */
  readonly roll?: KopsWorkerRoll;
  /** Workers only: on-demand, or spot through a mixed-instances policy. @default 'on-demand' */
  readonly capacity?: CapacityType;
}

/** Tag keys orquesta's analysis reads from the synthesized auto-scaling groups (see analysis/inventory/extract-aws.ts). */
export const ROLE_TAG = 'orquesta.dev/role';
export const KUBERNETES_VERSION_TAG = 'orquesta.dev/kubernetes-version';

/**
 * A kops InstanceGroup: a launch template (IMDSv2 required with hop limit 1, encrypted gp3 root
 * volume, AMI from an SSM parameter, tags for the instances, volumes and network interfaces it
 * launches) and the auto-scaling group that keeps `desiredSize` instances of it running.
 *
 * Changing a running group (the launch template is updated in place: a new version, same id):
 * - workers: the group keeps its identity (`name_prefix`, `create_before_destroy` for the rare
 *   replacement, e.g. a renamed pool, so the new group exists before the old one goes);
 *   `desired_capacity` is set at creation and then left to the cluster autoscaler
 *   (`ignore_changes`); a new launch-template version starts an instance refresh that launches a
 *   replacement before terminating an old instance, and every terminating instance waits in a
 *   lifecycle hook while the control plane cordons and drains it (the eviction API honours the
 *   PodDisruptionBudget; see user-data/day2-jobs.ts);
 * - control-plane members are never rolled by EC2 (each holds an etcd member): their launch
 *   template only applies to the next instance, and `orquesta upgrade` upgrades them in place,
 *   one at a time, behind etcd and API health gates.
 *
 * The kubelet version is not in a worker's launch template: nodes install the version the
 * control plane publishes in the state bucket, so bumping `kubernetesVersion` cannot start a
 * worker roll ahead of the control plane.
 */
export class KopsInstanceGroup extends Construct {
  public readonly launchTemplate: LaunchTemplate;
  public readonly resource: AutoscalingGroup;
  /** Workers only: the termination hook the drain job completes. */
  public readonly drainHook?: AutoscalingLifecycleHook;

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
    const worker = props.role === 'worker';
    if (worker && !props.roll) {
      throw new ValidationError([{ path: 'roll', value: undefined, requirement: 'is required for a worker group' }], this.node.path);
    }
    const tags: Record<string, string> = {
      ...props.tags,
      Name: props.name,
      [ROLE_TAG]: props.role,
      [KUBERNETES_VERSION_TAG]: props.kubernetesVersion,
      ...(props.pool ? { [NODE_POOL_LABEL]: props.pool } : {}),
    };
    // A worker's launch template must not change with the Kubernetes version (see above); the
    // group's own tags, propagated at launch, still label its instances with it.
    const { [KUBERNETES_VERSION_TAG]: _version, ...launchTags } = tags;
    const templateTags = worker ? launchTags : tags;

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
        { resourceType: 'instance', tags: { ...templateTags, ...props.instanceTags } },
        { resourceType: 'volume', tags: templateTags },
        { resourceType: 'network-interface', tags: templateTags },
      ],
    });

    const template = { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) };
    const common: AutoscalingGroupConfig = {
      minSize: props.minSize,
      desiredCapacity: props.desiredSize,
      maxSize: props.maxSize,
      vpcZoneIdentifier: [...props.subnetIds],
      targetGroupArns: props.targetGroupArns ? [...props.targetGroupArns] : undefined,
      // EC2 health, not the load balancer's: an API server that is down for a moment must not get
      // its instance (and the etcd member on it) terminated.
      healthCheckType: 'EC2',
      tag: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      dependsOn: [...(props.dependsOn ?? [])],
    };
    if (!worker || !props.roll) {
      this.resource = new AutoscalingGroup(this, 'Resource', { ...common, name: props.name, launchTemplate: template });
      return;
    }
    const roll = props.roll;
    const spot = props.capacity === 'spot';
    this.resource = new AutoscalingGroup(this, 'Resource', {
      ...common,
      namePrefix: `${props.name}-`,
      ...(spot
        ? {
            // Spot: several instance types of the same shape (so the capacity model holds), the
            // allocation strategy AWS recommends, and proactive replacement on rebalance signals.
            capacityRebalance: true,
            mixedInstancesPolicy: {
              launchTemplate: {
                launchTemplateSpecification: { launchTemplateId: template.id, version: template.version },
                override: kopsSpotInstanceTypes(props.instanceType).map((instanceType) => ({ instanceType })),
              },
              instancesDistribution: {
                onDemandBaseCapacity: 0,
                onDemandPercentageAboveBaseCapacity: 0,
                spotAllocationStrategy: KOPS_SPOT_ALLOCATION_STRATEGY,
              },
            },
          }
        : { launchTemplate: template }),
      instanceRefresh: {
        strategy: 'Rolling',
        preferences: {
          minHealthyPercentage: roll.minHealthyPercentage,
          maxHealthyPercentage: roll.maxHealthyPercentage,
          instanceWarmup: String(roll.instanceWarmupSeconds),
          skipMatching: true,
        },
      },
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['desired_capacity'] },
    });
    this.drainHook = new AutoscalingLifecycleHook(this, 'DrainHook', {
      name: KOPS_DRAIN_HOOK.name,
      autoscalingGroupName: this.resource.name,
      lifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING',
      heartbeatTimeout: KOPS_DRAIN_HOOK.heartbeatTimeoutSeconds,
      defaultResult: 'CONTINUE',
    });
  }
}
