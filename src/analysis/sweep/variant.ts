import type { CapacityType, ControlPlaneMode, NatMode, SizeClassName } from '../../spec/cluster-spec';
import type { TargetId } from '../../targets/cluster-target';
import { getTarget } from '../../targets/registry';
import type { CloudName } from '../cost/catalog/price-fact';
import type { Billable, ControlPlaneInstance, Inventory, ManagedControlPlane, NodeGroup } from '../inventory/inventory';
import { selectedGroups } from '../fault/placement';
import type { AksTier, AxisName, GkeMode, MonitoringChoice } from './sweep-spec';

/** Zone names per cloud, after the region: us-east-1a / us-central1-a / eastus-1 (a capability table). */
const ZONE_NAMES: Readonly<Record<CloudName, (region: string, index: number) => string>> = {
  aws: (region, i) => `${region}${'abcdef'[i]}`,
  gcp: (region, i) => `${region}-${'abcdef'[i]}`,
  azure: (region, i) => `${region}-${i + 1}`,
};

/** One configuration: the value of each axis it sets (unset axes keep what was synthesized). */
export interface Variant {
  /** Total nodes of the workload's node pool. */
  readonly nodes?: number;
  readonly zones?: number;
  readonly size?: SizeClassName;
  readonly controlPlane?: ControlPlaneMode;
  readonly monitoring?: MonitoringChoice;
  readonly aksTier?: AksTier;
  readonly gkeMode?: GkeMode;
  readonly natGateways?: NatMode;
  readonly capacity?: CapacityType;
}

/**
 * Which axes change a target's inventory (a capability table): an axis that does not apply is not
 * swept for that target, so the grid has no duplicate configurations. `controlPlane` on eks only
 * moves the NAT default, so it applies there only when `natGateways` is not swept itself.
 */
export function axisApplies(axis: AxisName, target: TargetId, swept: ReadonlySet<AxisName>): boolean {
  switch (axis) {
    case 'aksTier':
      return target === 'aks';
    case 'gkeMode':
      return target === 'gke';
    case 'natGateways':
      return target === 'eks' || target === 'kops';
    case 'controlPlane':
      if (target === 'eks') return !swept.has('natGateways');
      if (target === 'gke') return !swept.has('gkeMode');
      if (target === 'aks') return !swept.has('aksTier');
      return true;
    default:
      return true;
  }
}

/**
 * The inventory as it would be with the variant's values: what re-synthesizing the spec with them
 * would produce, derived without synthesizing (so sweeps are cheap). It follows the stacks: per-zone
 * NAT gateways with their EIPs, kops members round-robin over the zones with two etcd volumes each,
 * the AKS system pool one node per zone, and the spec's defaults that follow `controlPlane`
 * (GKE regional/zonal, AKS Standard/Free, kops 3/1 members, NAT per-zone/single).
 */
export function variantInventory(inv: Inventory, variant: Variant): Inventory {
  let out = inv;
  if (variant.controlPlane !== undefined) out = withControlPlaneMode(out, variant.controlPlane, variant);
  if (variant.zones !== undefined) out = withZones(out, variant.zones);
  if (variant.natGateways !== undefined) out = withNat(out, variant.natGateways);
  if (variant.aksTier !== undefined && out.target === 'aks') out = withTier(out, AKS_TIERS[variant.aksTier]);
  if (variant.gkeMode !== undefined && out.target === 'gke') out = withGkeMode(out, variant.gkeMode);
  if (variant.size !== undefined)
    out = withWorkloadGroups(out, (g) => ({ ...g, instanceType: getTarget(out.target).instanceType(variant.size!) }));
  if (variant.capacity !== undefined) out = withWorkloadGroups(out, (g) => ({ ...g, capacity: variant.capacity }));
  if (variant.nodes !== undefined) out = withNodes(out, variant.nodes);
  if (variant.monitoring !== undefined) out = withMonitoring(out, variant.monitoring);
  return out;
}

const AKS_TIERS: Readonly<Record<AksTier, ManagedControlPlane['tier']>> = {
  Free: 'aks-free',
  Standard: 'aks-standard',
  Premium: 'aks-premium',
};

/** Zones of an inventory's node groups, sorted; cached per node-group list (variants share unchanged lists). */
const ZONES_OF = new WeakMap<readonly NodeGroup[], string[]>();

function zonesOf(inv: Inventory): string[] {
  let zones = ZONES_OF.get(inv.nodeGroups);
  if (!zones) {
    zones = [...new Set(inv.nodeGroups.flatMap((g) => g.zones))].sort();
    ZONES_OF.set(inv.nodeGroups, zones);
  }
  return [...zones];
}

function zoneList(inv: Inventory, count: number): string[] {
  const names = zonesOf(inv);
  for (let i = 0; names.length < count && i < 6; i++) {
    const name = ZONE_NAMES[inv.cloud](inv.region, i);
    if (!names.includes(name)) names.push(name);
  }
  return names.slice(0, count);
}

/** The spec's defaults that follow `controlPlane`, unless the variant sets them itself. */
function withControlPlaneMode(inv: Inventory, mode: ControlPlaneMode, variant: Variant): Inventory {
  let out = inv;
  if (variant.natGateways === undefined && (inv.target === 'eks' || inv.target === 'kops'))
    out = withNat(out, mode === 'ha' ? 'per-zone' : 'single');
  if (inv.target === 'gke' && variant.gkeMode === undefined) out = withGkeMode(out, mode === 'ha' ? 'regional' : 'zonal');
  if (inv.target === 'aks' && variant.aksTier === undefined) out = withTier(out, mode === 'ha' ? 'aks-standard' : 'aks-free');
  if (inv.controlPlane.kind === 'self-managed') out = withMembers(out, mode === 'ha' ? 3 : 1);
  return out;
}

function withTier(inv: Inventory, tier: ManagedControlPlane['tier']): Inventory {
  return inv.controlPlane.kind === 'managed' ? { ...inv, controlPlane: { ...inv.controlPlane, tier } } : inv;
}

function withGkeMode(inv: Inventory, mode: GkeMode): Inventory {
  if (inv.controlPlane.kind !== 'managed') return inv;
  const zonal = mode === 'zonal';
  return {
    ...inv,
    controlPlane: {
      ...inv.controlPlane,
      tier: zonal ? 'gke-zonal' : 'gke-regional',
      zone: zonal ? zonesOf(inv)[0] : undefined,
      usesAvailabilityZones: !zonal,
    },
  };
}

/** kops: `count` members round-robin over the zones, two etcd volumes (main, events) each, like the stack. */
function withMembers(inv: Inventory, count: number): Inventory {
  const cp = inv.controlPlane;
  if (cp.kind !== 'self-managed' || cp.instances.length === count || cp.instances.length === 0) return inv;
  const zones = zonesOf(inv);
  const template = cp.instances[0];
  const instances: ControlPlaneInstance[] = Array.from({ length: count }, (_, i) => ({
    ...(cp.instances[i] ?? template),
    address: cp.instances[i]?.address ?? `${template.address}[${i}]`,
    zone: zones[i % zones.length],
  }));
  const etcd = inv.billables.filter(isEtcdVolume);
  const perMember = Math.round(etcd.length / cp.instances.length);
  const rest = inv.billables.filter((b) => !isEtcdVolume(b));
  // The stack names them Etcd-<kind>-<member>, so they come kind by kind: events-0..n, main-0..n.
  const old = cp.instances.length;
  const volumes: Billable[] = [];
  for (let t = 0; t < perMember; t++) {
    for (let i = 0; i < count; i++) {
      const source = etcd[t * old + i];
      const template = etcd[t * old];
      volumes.push({ ...(source ?? template), address: source?.address ?? `${template.address}[${i}]`, zone: instances[i].zone });
    }
  }
  return { ...inv, controlPlane: { ...cp, instances }, billables: [...rest, ...volumes] };
}

/** Etcd volumes come kind by kind (events-0..n, main-0..n): volume k belongs to member k mod n, in its zone. */
function withEtcdZones(billables: readonly Billable[], members: readonly ControlPlaneInstance[]): Billable[] {
  const etcd = billables.filter(isEtcdVolume);
  return billables.map((b) => {
    const k = etcd.indexOf(b);
    return k < 0 || members.length === 0 ? b : { ...b, zone: members[k % members.length].zone };
  });
}

function isEtcdVolume(b: Billable): boolean {
  return b.kind === 'block-volume' && /\(etcd /.test(b.description);
}

function withZones(inv: Inventory, count: number): Inventory {
  const before = zonesOf(inv).length;
  const zones = zoneList(inv, count);
  const nodeGroups = inv.nodeGroups.map((g): NodeGroup => {
    // Pools sized one node per zone (the AKS system pool) keep that shape.
    const perZone = g.role === 'system' && g.desiredNodes === g.zones.length;
    return perZone ? { ...g, zones, minNodes: count, desiredNodes: count, maxNodes: count } : { ...g, zones };
  });
  const cp = inv.controlPlane;
  const controlPlane =
    cp.kind === 'self-managed'
      ? {
          ...cp,
          instances: cp.instances.map((i, index) => ({ ...i, zone: zones[index % zones.length] })),
          // The API load balancer has a subnet in every zone of the stack (ELB's multi-AZ SLA needs two).
          ...(cp.apiLoadBalancer ? { apiLoadBalancerZones: [...zones] } : {}),
        }
      : cp.tier === 'gke-zonal'
        ? { ...cp, zone: zones[0] }
        : { ...cp, usesAvailabilityZones: cp.tier.startsWith('aks') ? count >= 2 : cp.usesAvailabilityZones };
  const nats = inv.billables.filter((b) => b.kind === 'nat-gateway' && b.zone);
  const mode: NatMode = nats.length > 1 && nats.length === before ? 'per-zone' : 'single';
  const billables = controlPlane.kind === 'self-managed' ? withEtcdZones(inv.billables, controlPlane.instances) : inv.billables;
  return withNat({ ...inv, nodeGroups, controlPlane, billables }, mode);
}

/** AWS NAT: one per zone (each with its EIP) or one shared, in the first zone. Other clouds have no zonal NAT. */
function withNat(inv: Inventory, mode: NatMode): Inventory {
  if (inv.cloud !== 'aws') return inv;
  const nats = inv.billables.filter((b) => b.kind === 'nat-gateway');
  if (nats.length === 0) return inv;
  const eips = inv.billables.filter((b) => b.kind === 'public-ipv4' && b.address.startsWith('aws_eip'));
  const rest = inv.billables.filter((b) => !nats.includes(b) && !eips.includes(b));
  const all = zonesOf(inv);
  const zones = mode === 'per-zone' ? all : all.slice(0, 1);
  // The route tables the stack would write: each zone through its own NAT, or all through the first.
  const natZoneByZone = Object.fromEntries(all.map((z) => [z, mode === 'per-zone' ? z : zones[0]]));
  const egress = {
    ...inv.network.egress,
    kind: mode === 'per-zone' ? ('per-zone-nat' as const) : ('single-nat' as const),
    zones,
    natZoneByZone,
  };
  return {
    ...inv,
    network: { ...inv.network, egress },
    billables: [
      ...rest,
      ...zones.map((zone, i) => ({ ...nats[0], address: nats[i]?.address ?? `${nats[0].address}[${i}]`, zone })),
      ...(eips.length > 0 ? zones.map((_, i) => ({ ...eips[0], address: eips[i]?.address ?? `${eips[0].address}[${i}]` })) : []),
    ],
  };
}

function withWorkloadGroups(inv: Inventory, change: (g: NodeGroup) => NodeGroup): Inventory {
  const pools = new Set(selectedGroups(inv.workload, inv.nodeGroups).map((g) => g.address));
  return { ...inv, nodeGroups: inv.nodeGroups.map((g) => (pools.has(g.address) ? change(g) : g)) };
}

function withNodes(inv: Inventory, nodes: number): Inventory {
  const pools = new Set(selectedGroups(inv.workload, inv.nodeGroups).map((g) => g.address));
  const share = pools.size;
  let left = nodes;
  let index = 0;
  const nodeGroups = inv.nodeGroups.map((g): NodeGroup => {
    if (!pools.has(g.address)) return g;
    const desired = index === share - 1 ? left : Math.floor(nodes / share);
    left -= desired;
    index++;
    return { ...g, desiredNodes: desired, minNodes: Math.min(g.minNodes, desired), maxNodes: Math.max(g.maxNodes, desired) };
  });
  return { ...inv, nodeGroups };
}

/** Monitoring as the stacks wire it: Amazon Managed Prometheus resources exist only with `prometheus`. */
function withMonitoring(inv: Inventory, monitoring: MonitoringChoice): Inventory {
  const billables = monitoring === 'prometheus' ? inv.billables : inv.billables.filter((b) => !b.kind.startsWith('managed-prometheus'));
  return { ...inv, billables, workload: { ...inv.workload, monitoring } };
}
