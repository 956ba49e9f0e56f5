import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import type { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { StackOptions } from '../cluster-target';
import { AwsNetwork } from '../common/aws/aws-network';
import { addAwsProvider } from '../common/aws/aws-provider';
import { commonTags } from '../common/common-tags';
import { OrquestaStack } from '../common/orquesta-stack';
import { AWS_INSTANCE_CATALOG } from '../eks/instance-types';
import { KopsApiLoadBalancer } from './kops-api-load-balancer';
import { KopsControlPlane } from './kops-control-plane';
import { KOPS_BOOTSTRAP_TAGS, KOPS_NODE_ROOT_VOLUME_GIB, KOPS_STATE_KEYS } from './kops-defaults';
import { KopsInstanceGroup } from './kops-instance-group';
import { kopsWorkerRoll } from './kops-worker-roll';
import { KopsNodeRoles } from './kops-node-roles';
import { KopsSecurityGroups } from './kops-security-groups';
import { KopsStateBucket } from './kops-state-bucket';
import { bootstrapObjects, workerUserData } from './user-data/bootstrap-script';

export interface KopsStackProps {
  readonly spec: ResolvedAppSpec;
  readonly options: StackOptions;
}

/**
 * The kops-style target: a self-managed Kubernetes cluster on EC2, laid out as kops lays out an HA
 * cluster on AWS, bootstrapped by kubeadm from user data:
 * - the VPC (`AwsNetwork`), shared with the EKS target's design;
 * - an S3 state bucket (`KopsStateBucket`) holding the node bootstrap scripts, join credentials,
 *   the admin kubeconfig and etcd backups;
 * - an internet-facing NLB on 443 in front of the API servers (`KopsApiLoadBalancer`);
 * - security groups (`KopsSecurityGroups`) and instance roles (`KopsNodeRoles`), least privilege;
 * - `cluster.kops.controlPlaneCount` control-plane members, each an auto-scaling group of one in
 *   its zone with two etcd volumes (`KopsControlPlane`);
 * - one worker auto-scaling group per spec node pool across all zones (`KopsInstanceGroup`).
 *
 * Tags: the provider's `default_tags` cover every taggable resource; auto-scaling groups carry the
 * common tags as propagated `tag` blocks and launch templates tag what they launch.
 */
export class KopsStack extends OrquestaStack {
  public readonly network: AwsNetwork;
  public readonly stateBucket: KopsStateBucket;
  public readonly securityGroups: KopsSecurityGroups;
  public readonly apiLoadBalancer: KopsApiLoadBalancer;
  public readonly roles: KopsNodeRoles;
  public readonly controlPlane: KopsControlPlane;
  /** One worker group per spec node pool, in spec order. */
  public readonly nodeGroups: readonly KopsInstanceGroup[];

  constructor(scope: Construct, props: KopsStackProps) {
    super(scope, { target: 'kops', backend: props.options.backend });
    const { spec, options } = props;
    const c = spec.cluster;
    const region = c.regions.aws;
    const tags = commonTags(spec, 'kops', options.now);

    addAwsProvider(this, { spec, target: 'kops', options });
    const partition = new DataAwsPartition(this, 'Partition').partition;

    this.network = new AwsNetwork(this, 'Network', {
      clusterName: c.name,
      region,
      zones: c.zones,
      natGateways: c.natGateways,
    });

    this.stateBucket = new KopsStateBucket(this, 'StateBucket', {
      clusterName: c.name,
      // A lab is meant to disappear with everything in it; anything else keeps its backups unless emptied on purpose.
      forceDestroy: c.lab !== undefined,
    });
    const bootstrapFiles: S3Object[] = Object.entries(
      bootstrapObjects({ clusterName: c.name, kubernetesVersion: c.kubernetesVersion }),
    ).map(([key, content]) => this.stateBucket.addObject(`Object-${key.replace(/[^A-Za-z0-9]+/g, '-')}`, key, content));

    this.securityGroups = new KopsSecurityGroups(this, 'SecurityGroups', {
      clusterName: c.name,
      vpcId: this.network.vpc.id,
      apiAccessCidrs: c.kops.apiAccessCidrs,
      natPublicIps: this.network.natEips.map((eip) => eip.publicIp),
    });

    this.apiLoadBalancer = new KopsApiLoadBalancer(this, 'ApiLoadBalancer', {
      clusterName: c.name,
      vpcId: this.network.vpc.id,
      subnetIds: this.network.publicSubnets.map((s) => s.id),
      securityGroupId: this.securityGroups.apiLoadBalancer.id,
    });

    this.roles = new KopsNodeRoles(this, 'Roles', {
      clusterName: c.name,
      partition,
      region,
      stateBucketArn: this.stateBucket.arn,
    });

    // Values only known after apply reach the nodes as instance tags; the cluster tag is how the
    // AWS cloud controller manager recognises the cluster's instances.
    const instanceTags = {
      [KOPS_BOOTSTRAP_TAGS.stateBucket]: this.stateBucket.bucketName,
      [KOPS_BOOTSTRAP_TAGS.apiEndpoint]: this.apiLoadBalancer.dnsName,
      [`kubernetes.io/cluster/${c.name}`]: 'owned',
    };

    this.controlPlane = new KopsControlPlane(this, 'ControlPlane', {
      clusterName: c.name,
      kubernetesVersion: c.kubernetesVersion,
      count: c.kops.controlPlaneCount,
      instanceType: AWS_INSTANCE_CATALOG.bySizeClass[c.kops.controlPlaneSizeClass],
      amiSsmParameter: c.kops.amiSsmParameter,
      zones: this.network.availabilityZones,
      subnetIds: this.network.privateSubnets.map((s) => s.id),
      securityGroupId: this.securityGroups.controlPlane.id,
      instanceProfileArn: this.roles.controlPlaneProfile.arn,
      apiTargetGroupArn: this.apiLoadBalancer.targetGroup.arn,
      tags,
      instanceTags,
      dependsOn: [...this.roles.controlPlane.grants, ...bootstrapFiles],
    });

    this.nodeGroups = c.nodePools.map(
      (pool) =>
        new KopsInstanceGroup(this, `Nodes-${pool.name}`, {
          name: `${c.name}-kops-nodes-${pool.name}`,
          description: `Worker nodes of pool ${pool.name} of ${c.name}`,
          instanceType: AWS_INSTANCE_CATALOG.bySizeClass[pool.sizeClass],
          amiSsmParameter: c.kops.amiSsmParameter,
          rootVolumeGiB: KOPS_NODE_ROOT_VOLUME_GIB,
          subnetIds: this.network.privateSubnets.map((s) => s.id),
          minSize: pool.minNodes,
          desiredSize: pool.desiredNodes,
          maxSize: pool.maxNodes,
          role: 'worker',
          pool: pool.name,
          kubernetesVersion: c.kubernetesVersion,
          securityGroupId: this.securityGroups.nodes.id,
          instanceProfileArn: this.roles.nodesProfile.arn,
          userData: workerUserData({ clusterName: c.name, kubernetesVersion: c.kubernetesVersion, poolName: pool.name }),
          tags,
          instanceTags,
          dependsOn: [...this.roles.nodes.grants, ...bootstrapFiles],
          roll: kopsWorkerRoll(spec, pool),
          capacity: pool.capacity,
        }),
    );

    const bucket = this.stateBucket.bucketName;
    const outputs: ReadonlyArray<[string, string, string]> = [
      ['cluster_name', c.name, 'Name of the kops-style cluster.'],
      [
        'cluster_endpoint',
        `https://${this.apiLoadBalancer.dnsName}`,
        'HTTPS endpoint of the Kubernetes API (the NLB; reachable from cluster.kops.apiAccessCidrs only).',
      ],
      ['cluster_region', region, 'AWS region of the cluster.'],
      [
        'kubeconfig_command',
        `aws s3 cp s3://${bucket}/${KOPS_STATE_KEYS.adminKubeconfig} ./${c.name}.kubeconfig`,
        'Downloads the admin kubeconfig the first control-plane node published (a few minutes after apply); then export KUBECONFIG=./<name>.kubeconfig.',
      ],
      ['state_bucket_name', bucket, 'S3 bucket with the bootstrap scripts, join credentials, admin kubeconfig and etcd backups.'],
      [
        'api_load_balancer_dns_name',
        this.apiLoadBalancer.dnsName,
        'DNS name of the API load balancer (also the API server certificate name).',
      ],
      ['vpc_id', this.network.vpc.id, 'ID of the VPC the cluster runs in.'],
    ];
    for (const [name, value, description] of outputs) new TerraformOutput(this, name, { value, description });
  }
}
