import type { Inventory, NetworkPaths, NodeGroup, WorkloadInventory } from '../../src/analysis/inventory/inventory';

/** Network paths: NAT per zone, nodes reach the API inside the VPC, a public registry pulled with `Always` (as synthesized). */
export function network(overrides: Partial<NetworkPaths> = {}): NetworkPaths {
  return {
    egress: {
      kind: 'per-zone-nat',
      zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      natZoneByZone: { 'us-east-1a': 'us-east-1a', 'us-east-1b': 'us-east-1b', 'us-east-1c': 'us-east-1c' },
    },
    apiPathForNodes: 'in-network',
    privateRegistryHosts: [],
    registry: { image: 'ghcr.io/orquesta-dev/web-api:1.4.2', host: 'ghcr.io', pullPolicy: 'Always', privateEndpoint: false },
    ...overrides,
  };
}

/** One NAT gateway in us-east-1a that every zone routes through (`natGateways: single`). */
export function singleNat(zones: readonly string[] = ['us-east-1a', 'us-east-1b', 'us-east-1c']): NetworkPaths['egress'] {
  return { kind: 'single-nat', zones: ['us-east-1a'], natZoneByZone: Object.fromEntries(zones.map((z) => [z, 'us-east-1a'])) };
}

export function workload(overrides: Partial<WorkloadInventory> = {}): WorkloadInventory {
  return {
    name: 'web-api',
    kind: 'Deployment',
    replicas: 3,
    maxReplicas: 9,
    requests: { cpuMillicores: 250, memoryMiB: 256 },
    disruptionBudget: { maxUnavailable: 1 },
    zoneSpread: 'hard',
    nodeSelector: { 'orquesta.dev/pool': 'apps' },
    loadBalancers: [{ address: 'Service/web-api', kind: 'service', internal: false }],
    volumeClaims: [],
    monitoring: 'none',
    ...overrides,
  };
}

export function pool(overrides: Partial<NodeGroup> = {}): NodeGroup {
  return {
    address: 'aws_eks_node_group.apps',
    pool: 'apps',
    role: 'worker',
    instanceType: 'm6i.large',
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    minNodes: 3,
    desiredNodes: 3,
    maxNodes: 6,
    rootVolume: { type: 'gp3', sizeGiB: 20 },
    ...overrides,
  };
}

/** An EKS-like inventory: managed control plane, 3 x m6i.large over 3 zones, one NAT per zone. */
export function eksInventory(overrides: Partial<Inventory> = {}): Inventory {
  return {
    target: 'eks',
    cloud: 'aws',
    region: 'us-east-1',
    kubernetesVersion: '1.35',
    controlPlane: { kind: 'managed', address: 'aws_eks_cluster.cluster', tier: 'eks-standard', usesAvailabilityZones: true },
    nodeGroups: [pool()],
    billables: ['a', 'b', 'c'].flatMap((z) => [
      { address: `aws_nat_gateway.nat_${z}`, kind: 'nat-gateway' as const, description: 'NAT gateway', quantity: 1, zone: `us-east-1${z}` },
      { address: `aws_eip.nat_${z}`, kind: 'public-ipv4' as const, description: 'Elastic IP', quantity: 1 },
    ]),
    network: network(),
    addons: [],
    workload: workload(),
    ...overrides,
  };
}

/**
 * A kops-like inventory with `cp` control-plane instances placed round-robin over `zones` (as
 * KopsControlPlane does), the API NLB in every zone, and workers reaching the API through NAT.
 */
export function kopsInventory(
  cp: number,
  zones: readonly string[] = ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  overrides: Partial<Inventory> = {},
): Inventory {
  return eksInventory({
    target: 'kops',
    controlPlane: {
      kind: 'self-managed',
      instances: Array.from({ length: cp }, (_, i) => ({
        address: `aws_autoscaling_group.control_plane_${i}`,
        instanceType: 'm6i.large',
        zone: zones[i % zones.length],
        rootVolume: { type: 'gp3', sizeGiB: 64 },
      })),
      apiLoadBalancer: 'aws_lb.api',
      apiLoadBalancerZones: [...zones],
    },
    nodeGroups: [pool({ address: 'aws_autoscaling_group.apps', zones: [...zones] })],
    network: network({ apiPathForNodes: 'via-egress' }),
    ...overrides,
  });
}

/** A GKE zonal cluster: single control-plane replica in us-central1-a, 3 x e2-standard-2 over 3 zones, Cloud NAT. */
export function gkeZonalInventory(overrides: Partial<Inventory> = {}): Inventory {
  return eksInventory({
    target: 'gke',
    cloud: 'gcp',
    region: 'us-central1',
    controlPlane: {
      kind: 'managed',
      address: 'google_container_cluster.c',
      tier: 'gke-zonal',
      zone: 'us-central1-a',
      usesAvailabilityZones: false,
    },
    nodeGroups: [
      pool({
        address: 'google_container_node_pool.apps',
        instanceType: 'e2-standard-2',
        zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
        rootVolume: { type: 'pd-balanced', sizeGiB: 100 },
      }),
    ],
    billables: [{ address: 'google_compute_router_nat.nat', kind: 'nat-gateway', description: 'Cloud NAT', quantity: 1, perNode: true }],
    network: network({ egress: { kind: 'regional', zones: [], address: 'google_compute_router_nat.nat' } }),
    ...overrides,
  });
}
