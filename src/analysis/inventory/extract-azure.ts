import { NODE_POOL_LABEL } from '../../targets/common/kubernetes-common';
import type { Billable, CloudExtract, EgressPath, ManagedControlPlane, NodeGroup, VolumeShape } from './inventory';
import { TfIndex, block, list, num, str } from './terraform-json';

/** AKS: the cluster with its system pool, user pools, and the AKS-managed outbound load balancer. */
export function extractAzure(tf: TfIndex): CloudExtract {
  const clusters = tf.ofType('azurerm_kubernetes_cluster');
  if (clusters.length !== 1) throw new Error(`expected one azurerm_kubernetes_cluster, found ${clusters.length}`);
  const cluster = clusters[0];
  const region = str(tf.resolve(cluster.body.location), `${cluster.address}.location`);
  const system = block(cluster.body.default_node_pool);
  if (!system) throw new Error(`${cluster.address} has no default_node_pool`);

  const nodeGroups: NodeGroup[] = [
    pool(`${cluster.address}.default_node_pool`, system, 'system', region),
    ...tf.ofType('azurerm_kubernetes_cluster_node_pool').map((p) => pool(p.address, p.body, 'worker', region)),
  ];

  const tierName = String(cluster.body.sku_tier ?? 'Free');
  const tier = tierName === 'Premium' ? 'aks-premium' : tierName === 'Standard' ? 'aks-standard' : 'aks-free';
  const controlPlane: ManagedControlPlane = {
    kind: 'managed',
    address: cluster.address,
    tier,
    // The uptime SLA's "with availability zones" figure needs nodes spread over zones.
    usesAvailabilityZones: nodeGroups.every((g) => g.zones.length >= 2),
  };

  const billables: Billable[] = [];
  const network = block(cluster.body.network_profile) ?? {};
  if ((network.outbound_type ?? 'loadBalancer') === 'loadBalancer') {
    billables.push(
      {
        address: cluster.address,
        kind: 'network-load-balancer',
        description: 'AKS-managed Standard Load Balancer for outbound traffic (Services of type LoadBalancer add rules to it)',
        quantity: 1,
      },
      { address: cluster.address, kind: 'public-ipv4', description: 'Outbound public IPv4 address of the AKS load balancer', quantity: 1 },
    );
  }
  for (const workspace of tf.ofType('azurerm_log_analytics_workspace')) {
    // Categories every diagnostic setting that targets this workspace ships (kube-audit-admin, guard, ...).
    const categories = tf
      .ofType('azurerm_monitor_diagnostic_setting')
      .filter((d) => tf.referenced(d.body.log_analytics_workspace_id)?.address === workspace.address)
      .flatMap((d) => [...list(d.body.enabled_log), ...list(d.body.log)].map((l) => String((l as { category?: unknown }).category ?? '')))
      .filter((c) => c !== '');
    const retention = workspace.body.retention_in_days;
    billables.push({
      address: workspace.address,
      kind: 'log-analytics-workspace',
      description: 'Log Analytics workspace',
      quantity: 1,
      logTypes: [...new Set(categories)],
      retentionDays: typeof retention === 'number' ? retention : undefined,
      // Container insights (the monitoring add-on) ships node and container logs too: priced per node.
      perNode: block(cluster.body.oms_agent) !== undefined,
    });
  }
  const access = block(cluster.body.api_server_access_profile);
  const paths = {
    egress: aksEgress(tf, cluster.address, String(network.outbound_type ?? 'loadBalancer'), region),
    // Nodes of a private cluster or with API server VNet integration reach the API inside the VNet; others use its public FQDN.
    apiPathForNodes:
      cluster.body.private_cluster_enabled === true || access?.virtual_network_integration_enabled === true
        ? ('in-network' as const)
        : ('via-egress' as const),
    privateRegistryHosts: [],
  };
  return {
    region,
    kubernetesVersion: String(cluster.body.kubernetes_version ?? 'unknown'),
    controlPlane,
    nodeGroups,
    billables,
    network: paths,
  };
}

/**
 * AKS outbound: through the cluster's Standard load balancer (zone-redundant frontend) by default;
 * a NAT gateway (managed or user-assigned) is a zonal resource: in the zone it names, or one Azure
 * picks when it names none. https://learn.microsoft.com/azure/aks/egress-outboundtype ,
 * https://learn.microsoft.com/azure/nat-gateway/nat-availability-zones (2026-11)
 */
function aksEgress(tf: TfIndex, clusterAddress: string, outboundType: string, region: string): EgressPath {
  if (outboundType === 'managedNATGateway' || outboundType === 'userAssignedNATGateway') {
    const gateways = tf.ofType('azurerm_nat_gateway');
    const zones = [...new Set(gateways.flatMap((g) => list(g.body.zones).map((z) => `${region}-${z}`)))];
    return { kind: 'single-nat', zones, address: gateways[0]?.address ?? clusterAddress };
  }
  return { kind: 'regional', zones: [], address: clusterAddress };
}

function pool(address: string, body: Record<string, unknown>, role: NodeGroup['role'], region: string): NodeGroup {
  const desired = num(body.node_count ?? body.min_count ?? 1, `${address}.node_count`);
  const zones = list(body.zones).map((z) => `${region}-${z}`);
  const labels = (body.node_labels ?? {}) as Record<string, string>;
  const autoscale = body.auto_scaling_enabled === true;
  return {
    address,
    pool: labels[NODE_POOL_LABEL],
    role,
    instanceType: str(body.vm_size, `${address}.vm_size`),
    // No zones: the pool is regional (no zone guarantees); modelled as one pseudo-zone.
    zones: zones.length > 0 ? zones : [`${region}-nozone`],
    minNodes: autoscale ? num(body.min_count, `${address}.min_count`) : desired,
    desiredNodes: desired,
    maxNodes: autoscale ? num(body.max_count, `${address}.max_count`) : desired,
    rootVolume: osDisk(body),
    capacity: body.priority === 'Spot' ? 'spot' : 'on-demand',
  };
}

/**
 * AKS OS disks: 'Managed' disks are Premium SSD for VM sizes with premium storage ('s' in the size
 * name) and Standard SSD otherwise; 'Ephemeral' disks live on the VM and cost nothing extra.
 * Default size 128 GiB (https://learn.microsoft.com/azure/aks/concepts-storage#ephemeral-os-disk, 2026-11).
 */
function osDisk(body: Record<string, unknown>): VolumeShape {
  const size = num(body.os_disk_size_gb ?? 128, 'os_disk_size_gb');
  if (body.os_disk_type === 'Ephemeral') return { type: 'ephemeral', sizeGiB: size };
  const premiumCapable = /^Standard_[A-Z]+\d+[a-z]*s[a-z]*_/.test(String(body.vm_size)) || /^Standard_B\d+s/.test(String(body.vm_size));
  return { type: premiumCapable ? 'azure-premium-ssd' : 'azure-standard-ssd', sizeGiB: size };
}
