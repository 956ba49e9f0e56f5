import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import type { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Fn, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { StackOptions } from '../cluster-target';
import { AwsNetwork } from '../common/aws/aws-network';
import { addAwsProvider } from '../common/aws/aws-provider';
import { commonTags } from '../common/common-tags';
import { OrquestaStack } from '../common/orquesta-stack';
import { NODE_POOL_LABEL } from '../common/kubernetes-common';
import { AWS_INSTANCE_CATALOG } from '../eks/instance-types';
import { KopsAdminRole } from './kops-admin-role';
import { KopsApiLoadBalancer } from './kops-api-load-balancer';
import { KopsControlPlane } from './kops-control-plane';
import { KOPS_BOOTSTRAP_TAGS, KOPS_NODE_ROOT_VOLUME_GIB, KOPS_STATE_KEYS } from './kops-defaults';
import { KopsInstanceGroup } from './kops-instance-group';
import { KopsKmsKey } from './kops-kms-key';
import { kopsWorkerRoll } from './kops-worker-roll';
import { KopsNodeRoles } from './kops-node-roles';
import { KopsSecurityGroups } from './kops-security-groups';
import { KopsStateBucket } from './kops-state-bucket';
import { kopsAddonManifests, kopsBootstrapObjectId, sha256Hex } from './kops-addons';
import { bootstrapSums, bootstrapSumsKey } from './user-data/artifacts';
import { bootstrapObjects, workerUserData } from './user-data/bootstrap-script';

/**
 * A shell one-liner that assumes the admin role for one command and downloads the admin kubeconfig
 * with it (https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role.html, 2026-12).
 */
export function kopsKubeconfigCommand(props: { adminRoleArn: string; bucket: string; clusterName: string }): string {
  const credentials =
    `aws sts assume-role --role-arn ${props.adminRoleArn} --role-session-name orquesta-kubeconfig ` +
    `--query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text | ` +
    `awk '{ print "AWS_ACCESS_KEY_ID=" $1, "AWS_SECRET_ACCESS_KEY=" $2, "AWS_SESSION_TOKEN=" $3 }'`;
  return `env $(${credentials}) aws s3 cp s3://${props.bucket}/${KOPS_STATE_KEYS.adminKubeconfig} ./${props.clusterName}.kubeconfig`;
}

/**
 * Tags by which cluster-autoscaler discovers a worker group (`--node-group-auto-discovery`) and,
 * for a group at zero nodes, learns the pool label its nodes will carry
 * (https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md, 2026-12).
 * The cluster tag also scopes the control plane's `autoscaling:` writes to this cluster's groups.
 */
function clusterAutoscalerTags(clusterName: string, pool: string): Record<string, string> {
  return {
    [`kubernetes.io/cluster/${clusterName}`]: 'owned',
    'k8s.io/cluster-autoscaler/enabled': 'true',
    [`k8s.io/cluster-autoscaler/${clusterName}`]: 'owned',
    [`k8s.io/cluster-autoscaler/node-template/label/${NODE_POOL_LABEL}`]: pool,
  };
}

export interface KopsStackProps {
  readonly spec: ResolvedAppSpec;
  readonly options: StackOptions;
}

/**
 * The kops-style target: a self-managed Kubernetes cluster on EC2, laid out as kops lays out an HA
 * cluster on AWS, bootstrapped by kubeadm from user data:
 * - the VPC (`AwsNetwork`), shared with the EKS target's design;
 * - a customer-managed KMS key (`KopsKmsKey`) and an admin role (`KopsAdminRole`);
 * - an S3 state bucket (`KopsStateBucket`), SSE-KMS with that key, holding the node bootstrap
 *   scripts and add-on manifests with their sha256 indexes, the join exchange, the admin
 *   kubeconfig, the shared CAs and etcd backups, closed to everyone but the cluster's roles;
 * - an internet-facing NLB on 443 for users and an internal one for the nodes (`KopsApiLoadBalancer`);
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
  public readonly kmsKey: KopsKmsKey;
  public readonly stateBucket: KopsStateBucket;
  public readonly adminRole: KopsAdminRole;
  public readonly internalApiLoadBalancer: KopsApiLoadBalancer;
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

    this.kmsKey = new KopsKmsKey(this, 'ClusterKey', { clusterName: c.name, region, lab: c.lab !== undefined });
    this.stateBucket = new KopsStateBucket(this, 'StateBucket', {
      clusterName: c.name,
      // A lab is meant to disappear with everything in it; anything else keeps its backups unless emptied on purpose.
      forceDestroy: c.lab !== undefined,
      kmsKeyArn: this.kmsKey.arn,
    });
    // Everything the nodes fetch from bootstrap/, plus a sha256 index per role; each index's own
    // hash goes into that role's instance tag, from which the user data verifies the index, and
    // the index every file.
    const bootstrapContent: Record<string, string> = {
      ...bootstrapObjects({ clusterName: c.name, kubernetesVersion: c.kubernetesVersion, region }),
      ...Object.fromEntries(kopsAddonManifests(spec).map((a) => [a.key, a.content])),
    };
    const k = KOPS_STATE_KEYS;
    const indexes = {
      controlPlane: bootstrapSums(bootstrapContent),
      nodes: bootstrapSums({ [k.nodeLibrary]: bootstrapContent[k.nodeLibrary], [k.nodeScript]: bootstrapContent[k.nodeScript] }),
    };
    const uploads = {
      ...bootstrapContent,
      [bootstrapSumsKey(k.controlPlaneScript)]: indexes.controlPlane,
      [bootstrapSumsKey(k.nodeScript)]: indexes.nodes,
    };
    const bootstrapFiles: S3Object[] = Object.entries(uploads).map(([key, content]) => {
      const object = this.stateBucket.addObject(`Object-${key.replace(/[^A-Za-z0-9]+/g, '-')}`, key, content);
      object.overrideLogicalId(kopsBootstrapObjectId(key));
      return object;
    });

    this.securityGroups = new KopsSecurityGroups(this, 'SecurityGroups', {
      clusterName: c.name,
      vpcId: this.network.vpc.id,
      apiAccessCidrs: c.kops.apiAccessCidrs,
    });

    this.apiLoadBalancer = new KopsApiLoadBalancer(this, 'ApiLoadBalancer', {
      clusterName: c.name,
      vpcId: this.network.vpc.id,
      subnetIds: this.network.publicSubnets.map((s) => s.id),
      securityGroupId: this.securityGroups.apiLoadBalancer.id,
    });
    this.internalApiLoadBalancer = new KopsApiLoadBalancer(this, 'InternalApiLoadBalancer', {
      clusterName: c.name,
      vpcId: this.network.vpc.id,
      subnetIds: this.network.privateSubnets.map((s) => s.id),
      securityGroupId: this.securityGroups.internalApiLoadBalancer.id,
      internal: true,
    });

    this.roles = new KopsNodeRoles(this, 'Roles', {
      clusterName: c.name,
      partition,
      region,
      stateBucketArn: this.stateBucket.arn,
      kmsKeyArn: this.kmsKey.arn,
      vpcId: this.network.vpc.id,
    });
    // The account id from an ARN Terraform creates: `aws_caller_identity` would need AWS at plan time.
    const accountRootArn = `arn:${partition}:iam::${Fn.element(Fn.split(':', this.roles.controlPlane.resource.arn), 4)}:root`;
    this.adminRole = new KopsAdminRole(this, 'AdminRole', {
      clusterName: c.name,
      accountRootArn,
      stateBucketArn: this.stateBucket.arn,
      kmsKeyArn: this.kmsKey.arn,
    });
    const privilegedRoleArns = [this.roles.controlPlane.resource.arn, this.adminRole.arn];
    const keyPolicy = this.kmsKey.restrictTo({ accountRootArn, userRoleArns: privilegedRoleArns });
    const bucketPolicy = this.stateBucket.restrictTo({
      privilegedRoleArns,
      nodesRoleArn: this.roles.nodes.resource.arn,
      allowDeletionByAnyone: c.lab !== undefined,
    });

    // Values only known after apply reach the nodes as instance tags; the cluster tag is how the
    // AWS cloud controller manager recognises the cluster's instances.
    const instanceTags = {
      [KOPS_BOOTSTRAP_TAGS.stateBucket]: this.stateBucket.bucketName,
      [KOPS_BOOTSTRAP_TAGS.apiEndpoint]: this.internalApiLoadBalancer.dnsName,
      [KOPS_BOOTSTRAP_TAGS.publicApiEndpoint]: this.apiLoadBalancer.dnsName,
      [KOPS_BOOTSTRAP_TAGS.nodesRoleId]: this.roles.nodes.resource.uniqueId,
      [`kubernetes.io/cluster/${c.name}`]: 'owned',
    };
    const bootstrapTag = (index: string) => ({ [KOPS_BOOTSTRAP_TAGS.bootstrapSha256]: sha256Hex(index) });

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
      apiTargetGroupArns: [this.apiLoadBalancer.targetGroup.arn, this.internalApiLoadBalancer.targetGroup.arn],
      etcdKmsKeyArn: this.kmsKey.arn,
      tags,
      instanceTags: { ...instanceTags, ...bootstrapTag(indexes.controlPlane) },
      dependsOn: [...this.roles.controlPlane.grants, ...bootstrapFiles, keyPolicy, bucketPolicy],
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
          tags: { ...tags, ...clusterAutoscalerTags(c.name, pool.name) },
          instanceTags: { ...instanceTags, ...bootstrapTag(indexes.nodes) },
          dependsOn: [...this.roles.nodes.grants, ...bootstrapFiles, bucketPolicy],
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
        kopsKubeconfigCommand({ adminRoleArn: this.adminRole.arn, bucket, clusterName: c.name }),
        'Downloads the admin kubeconfig the first control-plane node published (a few minutes after apply) with a session of admin_role_arn (the bucket and the key admit no one else; your identity needs sts:AssumeRole on it); then export KUBECONFIG=./<name>.kubeconfig.',
      ],
      [
        'admin_role_arn',
        this.adminRole.arn,
        'IAM role that may read the admin kubeconfig, CA backup and etcd snapshots; grant sts:AssumeRole on it to the identities that administer the cluster.',
      ],
      ['kms_key_arn', this.kmsKey.arn, 'Customer-managed KMS key of the state bucket and the etcd volumes (rotated yearly).'],
      [
        'internal_api_load_balancer_dns_name',
        this.internalApiLoadBalancer.dnsName,
        'DNS name of the internal API load balancer the nodes use (private subnets only).',
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
