import type {
  Billable,
  CloudExtract,
  ControlPlaneInstance,
  ManagedControlPlane,
  NodeGroup,
  SelfManagedControlPlane,
  StackNetwork,
  VolumeShape,
} from './inventory';
import { awsNetwork, eksApiPath, kopsApiPath, subnetZone, zonesOf } from './extract-aws-network';
import { extractEksAutoMode } from './extract-eks-auto-mode';
import { TfIndex, block, list, num, str, type TfEntry } from './terraform-json';
import { NODE_POOL_LABEL } from '../../targets/common/kubernetes-common';
import { KUBERNETES_VERSION_TAG, ROLE_TAG } from '../../targets/kops/kops-instance-group';

/**
 * Readers of the nodes Terraform creates for an AWS stack: each returns the groups it recognises,
 * [] otherwise. EKS Auto Mode's node pools (launched by Auto Mode, described in a stack output)
 * come from `extractEksAutoMode` with their fee.
 */
const NODE_GROUP_READERS: ReadonlyArray<(tf: TfIndex) => NodeGroup[]> = [
  (tf) => tf.ofType('aws_eks_node_group').map((g) => eksNodeGroup(tf, g)),
  (tf) =>
    tf
      .ofType('aws_autoscaling_group')
      .filter((g) => asgTag(g, ROLE_TAG) === 'worker')
      .map((g) => asgNodeGroup(tf, g)),
];

/**
 * AWS stacks: EKS (aws_eks_cluster + managed node groups) or kops-style (ASGs with a control-plane
 * role tag, etcd volumes, API NLB). Shared: NAT gateways, EIPs, load balancers, S3, KMS.
 */
export function extractAws(tf: TfIndex): CloudExtract {
  const provider = tf.provider('aws');
  const region = str(provider?.region, 'provider.aws.region');
  const { controlPlane, kubernetesVersion, apiPath } = awsControlPlane(tf);
  const autoMode = extractEksAutoMode(tf);
  const nodeGroups = [...autoMode.nodeGroups, ...NODE_GROUP_READERS.flatMap((read) => read(tf))];
  const billables = [...autoMode.billables, ...awsBillables(tf)];
  return { region, kubernetesVersion, controlPlane, nodeGroups, billables, network: awsNetwork(tf, region, apiPath) };
}

function awsControlPlane(tf: TfIndex): {
  controlPlane: ManagedControlPlane | SelfManagedControlPlane;
  kubernetesVersion: string;
  apiPath: StackNetwork['apiPathForNodes'];
} {
  const eks = tf.ofType('aws_eks_cluster');
  const controlPlaneAsgs = tf.ofType('aws_autoscaling_group').filter((g) => asgTag(g, ROLE_TAG) === 'control-plane');
  if (eks.length === 1) {
    const upgrade = block(eks[0].body.upgrade_policy);
    return {
      controlPlane: {
        kind: 'managed',
        address: eks[0].address,
        tier: upgrade?.support_type === 'EXTENDED' ? 'eks-extended' : 'eks-standard',
        usesAvailabilityZones: true,
      },
      kubernetesVersion: String(eks[0].body.version ?? 'unknown'),
      apiPath: eksApiPath(eks[0]),
    };
  }
  if (controlPlaneAsgs.length > 0) {
    // Users reach the API through the internet-facing load balancer; an internal one serves the nodes.
    const lbs = tf.ofType('aws_lb');
    const publicLb = lbs.find((lb) => lb.body.internal !== true) ?? lbs[0];
    return {
      controlPlane: {
        kind: 'self-managed',
        instances: controlPlaneAsgs.map((g) => controlPlaneInstance(tf, g)),
        apiLoadBalancer: publicLb?.address,
        apiLoadBalancerZones: publicLb ? lbZones(tf, publicLb) : [],
      },
      kubernetesVersion: String(asgTag(controlPlaneAsgs[0], KUBERNETES_VERSION_TAG) ?? 'unknown'),
      apiPath: kopsApiPath(tf),
    };
  }
  throw new Error('neither an aws_eks_cluster nor control-plane auto-scaling groups (tag orquesta.dev/role=control-plane) found');
}

function lbZones(tf: TfIndex, lb: TfEntry): string[] {
  const mapped = list(lb.body.subnet_mapping).map((m) => (m as { subnet_id?: unknown }).subnet_id);
  return zonesOf(tf, [...list(lb.body.subnets), ...mapped]);
}

function awsBillables(tf: TfIndex): Billable[] {
  return [
    ...tf.ofType('aws_nat_gateway').map((n) => ({
      address: n.address,
      kind: 'nat-gateway' as const,
      description: 'NAT gateway',
      quantity: 1,
      zone: subnetZone(tf, n.body.subnet_id),
    })),
    ...tf
      .ofType('aws_eip')
      .map((e) => ({ address: e.address, kind: 'public-ipv4' as const, description: 'Elastic IP (public IPv4)', quantity: 1 })),
    ...tf.ofType('aws_lb').map((lb) => ({
      address: lb.address,
      kind: lb.body.load_balancer_type === 'application' ? ('application-load-balancer' as const) : ('network-load-balancer' as const),
      description:
        lb.body.load_balancer_type === 'application'
          ? 'Application Load Balancer'
          : `Network Load Balancer (Kubernetes API${lb.body.internal === true ? ', internal' : ''})`,
      quantity: 1,
    })),
    ...tf.ofType('aws_ebs_volume').map((v) => ({
      address: v.address,
      kind: 'block-volume' as const,
      description: `EBS ${v.body.type ?? 'gp3'} volume ${volumePurpose(v)}`.trim(),
      quantity: 1,
      zone: String(v.body.availability_zone),
      volume: { type: String(v.body.type ?? 'gp3'), sizeGiB: num(v.body.size, `${v.address}.size`) },
    })),
    // An internet-facing load balancer holds a public IPv4 address in each of its subnets, billed since 2024-02.
    ...tf
      .ofType('aws_lb')
      .filter((lb) => lb.body.internal !== true)
      .map((lb) => ({
        address: lb.address,
        kind: 'public-ipv4' as const,
        description: 'Public IPv4 addresses of the internet-facing load balancer (one per subnet)',
        quantity: Math.max(list(lb.body.subnets).length, list(lb.body.subnet_mapping).length, 1),
      })),
    ...tf.ofType('aws_s3_bucket').map((b) => ({
      address: b.address,
      kind: 'object-storage' as const,
      description: 'S3 bucket (cluster state and etcd backups)',
      quantity: 1,
    })),
    ...tf.ofType('aws_kms_key').map((k) => ({
      address: k.address,
      kind: 'kms-key' as const,
      description: `KMS key (${typeof k.body.description === 'string' && !k.body.description.startsWith('${') ? k.body.description : 'customer managed'})`,
      quantity: 1,
    })),
    ...tf
      .ofType('aws_eks_cluster')
      .filter((c) => list(c.body.enabled_cluster_log_types).length > 0)
      .map((c) => controlPlaneLogs(tf, c)),
    ...tf.ofType('aws_flow_log').map((f) => flowLogs(tf, f)),
    ...tf.ofType('aws_prometheus_workspace').map((w) => ({
      address: w.address,
      kind: 'managed-prometheus-workspace' as const,
      description: 'Amazon Managed Service for Prometheus workspace',
      quantity: 1,
    })),
    ...tf.ofType('aws_prometheus_scraper').map((s) => ({
      address: s.address,
      kind: 'managed-prometheus-scraper' as const,
      description: 'Amazon Managed Service for Prometheus managed collector (scraper)',
      quantity: 1,
    })),
  ];
}

/** EKS writes control-plane logs to `/aws/eks/<name>/cluster`; its retention comes from that log group when the stack creates it. */
function controlPlaneLogs(tf: TfIndex, cluster: TfEntry): Billable {
  const name = tf.resolve(cluster.body.name);
  const group = tf.ofType('aws_cloudwatch_log_group').find((g) => g.body.name === `/aws/eks/${String(name)}/cluster`);
  return {
    address: cluster.address,
    kind: 'control-plane-logs',
    description: 'EKS control-plane logs in CloudWatch Logs',
    quantity: 1,
    logTypes: list(cluster.body.enabled_cluster_log_types).map(String),
    retentionDays: retention(group),
  };
}

function flowLogs(tf: TfIndex, f: TfEntry): Billable {
  const destination = f.body.log_destination_type === 's3' ? 's3' : 'cloud-watch-logs';
  const group =
    destination === 'cloud-watch-logs' ? (tf.referenced(f.body.log_destination) ?? tf.referenced(f.body.log_group_name)) : undefined;
  return {
    address: f.address,
    kind: 'flow-logs',
    description: `VPC flow logs to ${destination === 's3' ? 'S3' : 'CloudWatch Logs'}`,
    quantity: 1,
    logDestination: destination,
    retentionDays: retention(group),
  };
}

function retention(group: TfEntry | undefined): number | undefined {
  const days = group?.body.retention_in_days;
  return typeof days === 'number' && days > 0 ? days : undefined;
}

function volumePurpose(v: TfEntry): string {
  const tags = (v.body.tags ?? {}) as Record<string, string>;
  const etcd = tags['orquesta.dev/etcd'];
  return etcd ? `(etcd ${etcd})` : '';
}

/** The launch template a `launch_template` block (`id`/`name`) or a `launch_template_specification` (`launch_template_id`/`_name`) points to. */
function launchTemplate(tf: TfIndex, spec: unknown): TfEntry | undefined {
  const lt = block(spec);
  // An ASG's launch_template has id/name; a mixed-instances policy's launch_template_specification has launch_template_id/_name.
  return lt ? tf.referenced(lt.id ?? lt.launch_template_id ?? lt.name ?? lt.launch_template_name) : undefined;
}

/** Root volume from the launch template's first block device; EKS' default is a 20 GiB volume. */
function rootVolume(template: TfEntry | undefined, fallbackGiB: number): VolumeShape {
  const ebs = block(block(template?.body.block_device_mappings)?.ebs);
  return {
    type: String(ebs?.volume_type ?? 'gp3'),
    sizeGiB: ebs?.volume_size !== undefined ? num(ebs.volume_size, 'volume_size') : fallbackGiB,
  };
}

function eksNodeGroup(tf: TfIndex, g: TfEntry): NodeGroup {
  const scaling = block(g.body.scaling_config) ?? {};
  const template = launchTemplate(tf, g.body.launch_template);
  const instanceType = list(g.body.instance_types)[0] ?? template?.body.instance_type;
  const labels = (g.body.labels ?? {}) as Record<string, string>;
  return {
    address: g.address,
    pool: labels[NODE_POOL_LABEL],
    role: 'worker',
    instanceType: str(instanceType, `${g.address} instance type`),
    zones: zonesOf(tf, g.body.subnet_ids),
    minNodes: num(scaling.min_size, `${g.address}.scaling_config.min_size`),
    desiredNodes: num(scaling.desired_size, `${g.address}.scaling_config.desired_size`),
    maxNodes: num(scaling.max_size, `${g.address}.scaling_config.max_size`),
    // EKS managed node groups default to a 20 GiB root volume (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html, 2026-11).
    rootVolume: rootVolume(template, num(g.body.disk_size ?? 20, 'disk_size')),
    capacity: g.body.capacity_type === 'SPOT' ? 'spot' : 'on-demand',
  };
}

/**
 * A worker ASG: a plain launch template, or a mixed-instances policy (its launch template's
 * instance type, else the first override's). Spot when the policy keeps no on-demand capacity (base 0, 0%
 * above it; the ASG default is 100% on-demand,
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstancesDistribution.html, 2026-11)
 * or the launch template asks for the spot market.
 */
function asgNodeGroup(tf: TfIndex, g: TfEntry): NodeGroup {
  const mixed = block(g.body.mixed_instances_policy);
  const mixedTemplate = block(mixed?.launch_template);
  const template = launchTemplate(tf, g.body.launch_template ?? mixedTemplate?.launch_template_specification);
  // With a mixed-instances policy the first override names the instance type the group prefers.
  const override = block(mixedTemplate?.override)?.instance_type;
  return {
    address: g.address,
    pool: asgTag(g, NODE_POOL_LABEL),
    role: 'worker',
    instanceType: str(override ?? template?.body.instance_type, `${g.address} launch template instance_type`),
    zones: zonesOf(tf, g.body.vpc_zone_identifier),
    minNodes: num(g.body.min_size, `${g.address}.min_size`),
    desiredNodes: num(g.body.desired_capacity ?? g.body.min_size, `${g.address}.desired_capacity`),
    maxNodes: num(g.body.max_size, `${g.address}.max_size`),
    rootVolume: rootVolume(template, 8),
    capacity: asgIsSpot(mixed, template) ? 'spot' : 'on-demand',
  };
}

/** Spot when the mixed-instances policy keeps no on-demand share, or the launch template asks for the spot market. */
function asgIsSpot(mixed: Record<string, unknown> | undefined, template: TfEntry | undefined): boolean {
  const distribution = block(mixed?.instances_distribution);
  if (distribution) {
    const base = num(distribution.on_demand_base_capacity ?? 0, 'on_demand_base_capacity');
    const share = num(distribution.on_demand_percentage_above_base_capacity ?? 100, 'on_demand_percentage_above_base_capacity');
    if (base === 0 && share === 0) return true;
  }
  return block(template?.body.instance_market_options)?.market_type === 'spot';
}

function controlPlaneInstance(tf: TfIndex, g: TfEntry): ControlPlaneInstance {
  const template = launchTemplate(tf, g.body.launch_template);
  const zones = zonesOf(tf, g.body.vpc_zone_identifier);
  if (zones.length !== 1) throw new Error(`${g.address}: a control-plane group must be pinned to one zone, found ${zones.join(', ')}`);
  return {
    address: g.address,
    instanceType: str(template?.body.instance_type, `${g.address} launch template instance_type`),
    zone: zones[0],
    rootVolume: rootVolume(template, 8),
  };
}

function asgTag(g: TfEntry, key: string): string | undefined {
  const tag = list(g.body.tag).find((t) => (t as { key?: string }).key === key) as { value?: string } | undefined;
  return tag?.value;
}
