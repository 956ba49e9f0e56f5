import type { CloudName } from '../cost/catalog/price-fact';
import type { Billable, Inventory, NodeGroup } from '../inventory/inventory';
import { selectedGroups } from '../fault/placement';

/** Zone names per cloud, after the region: us-east-1a / us-central1-a / eastus-1 (a capability table). */
const ZONE_NAMES: Readonly<Record<CloudName, (region: string, index: number) => string>> = {
  aws: (region, i) => `${region}${'abcdef'[i]}`,
  gcp: (region, i) => `${region}-${'abcdef'[i]}`,
  azure: (region, i) => `${region}-${i + 1}`,
};

export interface Variant {
  /** Total nodes of the workload's node pool. */
  readonly nodes?: number;
  readonly zones?: number;
}

/**
 * The inventory as it would be with another node count or zone count: what re-synthesizing the
 * spec with those values would produce, derived without synthesizing (so sweeps are cheap).
 * Per-zone resources (NAT gateways, kops control-plane placement, system pools sized per zone)
 * follow the zone count the way the stacks create them.
 */
export function variantInventory(inv: Inventory, variant: Variant): Inventory {
  let out = inv;
  if (variant.zones !== undefined) out = withZones(out, variant.zones);
  if (variant.nodes !== undefined) out = withNodes(out, variant.nodes);
  return out;
}

function zoneList(inv: Inventory, count: number): string[] {
  const existing = [...new Set(inv.nodeGroups.flatMap((g) => g.zones))].sort();
  const names = [...existing];
  for (let i = 0; names.length < count && i < 6; i++) {
    const name = ZONE_NAMES[inv.cloud](inv.region, i);
    if (!names.includes(name)) names.push(name);
  }
  return names.slice(0, count);
}

function withZones(inv: Inventory, count: number): Inventory {
  const before = new Set(inv.nodeGroups.flatMap((g) => g.zones)).size;
  const zones = zoneList(inv, count);
  const nodeGroups = inv.nodeGroups.map((g): NodeGroup => {
    // Pools sized one node per zone (the AKS system pool) keep that shape.
    const perZone = g.role === 'system' && g.desiredNodes === g.zones.length;
    return perZone ? { ...g, zones, minNodes: count, desiredNodes: count, maxNodes: count } : { ...g, zones };
  });
  const cp = inv.controlPlane;
  const controlPlane =
    cp.kind === 'self-managed'
      ? { ...cp, instances: cp.instances.map((i, index) => ({ ...i, zone: zones[index % zones.length] })) }
      : cp.tier === 'gke-zonal'
        ? { ...cp, zone: zones[0] }
        : { ...cp, usesAvailabilityZones: cp.tier.startsWith('aks') ? count >= 2 : cp.usesAvailabilityZones };
  return { ...inv, nodeGroups, controlPlane, billables: withZonalNat(inv.billables, before, zones) };
}

/** AWS NAT per zone (with its EIP) follows the zone count; a single shared NAT stays single. */
function withZonalNat(billables: readonly Billable[], zonesBefore: number, zones: readonly string[]): Billable[] {
  const nats = billables.filter((b) => b.kind === 'nat-gateway' && b.zone);
  if (nats.length <= 1 || nats.length !== zonesBefore) {
    const single = nats[0];
    return single ? billables.map((b) => (b === single ? { ...b, zone: zones[0] } : b)) : [...billables];
  }
  const eips = billables.filter((b) => b.kind === 'public-ipv4' && b.address.startsWith('aws_eip'));
  const rest = billables.filter((b) => !nats.includes(b) && !eips.includes(b));
  const template = nats[0];
  const eipTemplate = eips[0];
  return [
    ...rest,
    ...zones.map((zone, i) => ({ ...template, address: nats[i]?.address ?? `${template.address}[${i}]`, zone })),
    ...(eipTemplate ? zones.map((_, i) => ({ ...eipTemplate, address: eips[i]?.address ?? `${eipTemplate.address}[${i}]` })) : []),
  ];
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
