import type { Billable, CloudExtract, ManagedControlPlane, NodeGroup, StackNetwork } from './inventory';
import { NODE_POOL_LABEL } from '../../targets/common/kubernetes-common';
import { TfIndex, block, list, num, str } from './terraform-json';

const ZONE_SUFFIX = /^([a-z]+-[a-z]+\d)-([a-z])$/;

/**
 * GKE: one google_container_cluster, its node pools, Cloud NAT. Node counts follow GKE's own
 * semantics, whatever formula the stack used to set them: `node_count`, `initial_node_count` and
 * autoscaling `min_node_count` / `max_node_count` apply in EACH zone of the pool's
 * `node_locations`; `total_min_node_count` / `total_max_node_count` bound the whole pool.
 * https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool ,
 * https://cloud.google.com/kubernetes-engine/docs/concepts/cluster-autoscaler#minimum_and_maximum_node_pool_size (2026-11)
 */
export function extractGcp(tf: TfIndex): CloudExtract {
  const clusters = tf.ofType('google_container_cluster');
  if (clusters.length !== 1) throw new Error(`expected one google_container_cluster, found ${clusters.length}`);
  const cluster = clusters[0];
  const location = str(cluster.body.location, `${cluster.address}.location`);
  const zonal = ZONE_SUFFIX.exec(location);
  const region = zonal ? zonal[1] : location;
  const clusterZones = list(cluster.body.node_locations).map(String);
  const defaultZones = clusterZones.length > 0 ? clusterZones : zonal ? [location] : [];

  const nodeGroups = tf.ofType('google_container_node_pool').map((pool): NodeGroup => {
    const config = block(pool.body.node_config) ?? {};
    const zones = list(pool.body.node_locations).map(String);
    const poolZones = zones.length > 0 ? zones : defaultZones;
    if (poolZones.length === 0) throw new Error(`${pool.address}: cannot tell its zones (no node_locations)`);
    // node_count (the current size) wins over initial_node_count (the size at creation); both are per zone.
    const perZone = num(pool.body.node_count ?? pool.body.initial_node_count ?? 1, `${pool.address}.node_count`);
    const desired = perZone * poolZones.length;
    const autoscaling = block(pool.body.autoscaling);
    const bound = (total: unknown, perZoneBound: unknown, what: string): number =>
      total !== undefined
        ? num(total, `${pool.address}.autoscaling.total_${what}_node_count`)
        : perZoneBound !== undefined
          ? num(perZoneBound, `${pool.address}.autoscaling.${what}_node_count`) * poolZones.length
          : desired;
    const min = bound(autoscaling?.total_min_node_count, autoscaling?.min_node_count, 'min');
    const max = bound(autoscaling?.total_max_node_count, autoscaling?.max_node_count, 'max');
    const labels = (config.labels ?? {}) as Record<string, string>;
    return {
      address: pool.address,
      pool: labels[NODE_POOL_LABEL],
      role: 'worker',
      instanceType: str(config.machine_type, `${pool.address}.node_config.machine_type`),
      zones: poolZones,
      minNodes: min,
      desiredNodes: desired,
      maxNodes: max,
      // GKE's defaults when unset: 100 GB pd-balanced (https://cloud.google.com/kubernetes-engine/docs/concepts/node-images, 2026-11).
      rootVolume: { type: String(config.disk_type ?? 'pd-balanced'), sizeGiB: num(config.disk_size_gb ?? 100, 'disk_size_gb') },
      // Spot VMs and the older preemptible VMs bill at the same spot rates (https://cloud.google.com/compute/docs/instances/spot, 2026-11).
      capacity: config.spot === true || config.preemptible === true ? 'spot' : 'on-demand',
    };
  });

  const billables: Billable[] = [
    ...tf.ofType('google_compute_router_nat').flatMap((nat) => [
      { address: nat.address, kind: 'nat-gateway' as const, description: 'Cloud NAT (per VM using it)', quantity: 1, perNode: true },
      // AUTO_ONLY allocates one external address per 64-port-per-VM block of up to 1,008 VMs.
      { address: nat.address, kind: 'public-ipv4' as const, description: 'Cloud NAT external IPv4 address', quantity: 1 },
    ]),
    // Subnetwork flow logs go to Cloud Logging; the provider's default sampling is 0.5
    // (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_subnetwork#flow_sampling, 2026-11).
    ...tf
      .ofType('google_compute_subnetwork')
      .filter((subnet) => block(subnet.body.log_config) !== undefined)
      .map((subnet) => ({
        address: subnet.address,
        kind: 'flow-logs' as const,
        description: 'VPC flow logs of the subnetwork to Cloud Logging',
        quantity: 1,
        logDestination: 'cloud-logging' as const,
        sampling: Number(block(subnet.body.log_config)?.flow_sampling ?? 0.5),
      })),
  ];

  const controlPlane: ManagedControlPlane = {
    kind: 'managed',
    address: cluster.address,
    tier: zonal ? 'gke-zonal' : 'gke-regional',
    zone: zonal ? location : undefined,
    usesAvailabilityZones: !zonal,
  };
  const version = str(cluster.body.min_master_version ?? 'unknown', `${cluster.address}.min_master_version`);
  return { region, kubernetesVersion: version, controlPlane, nodeGroups, billables, network: gcpNetwork(tf, cluster.body) };
}

/**
 * Cloud NAT is a regional, software-defined service with no zonal gateway to lose; nodes with
 * external IPs (no private nodes) need none. Nodes reach the control plane over Google's network
 * (the private endpoint of a private cluster), never through Cloud NAT. With Private Google Access
 * on the subnet, Artifact Registry and Container Registry need no NAT either.
 * https://cloud.google.com/nat/docs/overview , https://cloud.google.com/vpc/docs/private-google-access (2026-11)
 */
function gcpNetwork(tf: TfIndex, cluster: Record<string, unknown>): StackNetwork {
  const nats = tf.ofType('google_compute_router_nat');
  const privateNodes = block(cluster.private_cluster_config)?.enable_private_nodes === true;
  const googleAccess = tf.ofType('google_compute_subnetwork').some((s) => s.body.private_ip_google_access === true);
  return {
    egress: nats.length > 0 || !privateNodes ? { kind: 'regional', zones: [], address: nats[0]?.address } : { kind: 'none', zones: [] },
    apiPathForNodes: 'in-network',
    privateRegistryHosts: googleAccess ? ['-docker.pkg.dev', 'gcr.io'] : [],
  };
}
