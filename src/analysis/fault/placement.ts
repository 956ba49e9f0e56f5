import type { NodeAllocatable } from '../../targets/cluster-target';
import { NODE_POOL_LABEL } from '../../targets/common/kubernetes-common';
import type { Inventory, NodeGroup, WorkloadInventory } from '../inventory/inventory';
import { addonReservations, nodeId, nodeZone, type NodeReservation } from './addon-reservations';

export { DAEMONSET_OVERHEAD } from './addon-reservations';

export interface SimNode {
  readonly id: string;
  readonly zone: string;
  /** The node group address the node belongs to. */
  readonly group: string;
  readonly capacityType: 'on-demand' | 'spot';
  /** Workload pods that fit on this node after reservations, DaemonSets and add-on replicas. */
  readonly podCapacity: number;
  /** CPU and memory left for the workload after reservations, DaemonSets and add-on replicas. */
  readonly spare: { readonly cpuMillicores: number; readonly memoryMiB: number };
}

/** Workload pods of `requests` that fit into what a node has left. */
export function podsThatFit(w: WorkloadInventory, free: { cpuMillicores: number; memoryMiB: number; pods: number }): number {
  const req = w.requests;
  return Math.max(
    0,
    Math.min(
      req.cpuMillicores > 0 ? Math.floor(free.cpuMillicores / req.cpuMillicores) : Infinity,
      req.memoryMiB > 0 ? Math.floor(free.memoryMiB / req.memoryMiB) : Infinity,
      free.pods,
    ),
  );
}

/**
 * The nodes the workload can run on (its nodeSelector), each with the pods it can take after the
 * target's kubelet reservations (`allocatable`), per-node add-ons (or the stated DaemonSet
 * overhead for what they do not cover) and the add-on replicas the scheduler put there first.
 * `reservations` lets a loss scenario pass the survivors' reservations after add-on replicas moved.
 */
export function workloadNodes(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  groups: readonly NodeGroup[] = inv.nodeGroups,
  reservations: ReadonlyMap<string, NodeReservation> = addonReservations(inv, allocatable, groups).byNode,
): SimNode[] {
  const nodes: SimNode[] = [];
  for (const g of selectedGroups(inv.workload, groups)) {
    for (let i = 0; i < g.desiredNodes; i++) {
      const id = nodeId(g, i);
      const free = reservations.get(id);
      if (!free) continue;
      nodes.push({
        id,
        group: g.address,
        zone: nodeZone(g, i),
        capacityType: g.capacity ?? 'on-demand',
        podCapacity: podsThatFit(inv.workload, free),
        spare: { cpuMillicores: free.cpuMillicores, memoryMiB: free.memoryMiB },
      });
    }
  }
  return nodes;
}

/** Groups whose pool label satisfies the workload's nodeSelector (all worker groups when it selects nothing). */
export function selectedGroups(workload: WorkloadInventory, groups: readonly NodeGroup[]): NodeGroup[] {
  const wanted = workload.nodeSelector[NODE_POOL_LABEL];
  return groups.filter((g) => (wanted === undefined ? g.role === 'worker' : g.pool === wanted));
}

/** Replicas per node id; pods the scheduler could not place are `pending`. */
export interface Placement {
  readonly perNode: ReadonlyMap<string, number>;
  readonly pending: number;
}

/** One topology domain (zone) as the counting scheduler sees it. */
export interface ZoneSlots {
  readonly zone: string;
  /** Workload pods that still fit on the zone's nodes (pods are uniform, so slots add up). */
  free: number;
  /** Workload replicas running in the zone. */
  count: number;
}

/**
 * Adds `pods` replicas over zones the way kube-scheduler does with the chart's constraints: hard
 * zone spread (maxSkew 1 against the emptiest zone that has a selected node, DoNotSchedule) or
 * none, emptiest zone first. Mutates `zones`; returns how many pods stay Pending. O(pods × zones).
 */
export function fillZones(zones: ZoneSlots[], pods: number, zoneSpread: WorkloadInventory['zoneSpread']): number {
  let pending = 0;
  for (let i = 0; i < pods; i++) {
    let min = Infinity;
    for (const z of zones) min = Math.min(min, z.count);
    let best: ZoneSlots | undefined;
    for (const z of zones) {
      if (z.free <= 0 || (zoneSpread === 'hard' && z.count + 1 - min > 1)) continue;
      if (!best || z.count < best.count) best = z;
    }
    if (!best) {
      pending++;
      continue;
    }
    best.count++;
    best.free--;
  }
  return pending;
}

/** The zones of `nodes` with their free slots and replica counts (`replicasOn` a node id), in node order. */
export function zoneSlots(nodes: readonly SimNode[], replicasOn: (id: string) => number): ZoneSlots[] {
  const byZone = new Map<string, ZoneSlots>();
  for (const n of nodes) {
    const onNode = replicasOn(n.id);
    const z = byZone.get(n.zone) ?? { zone: n.zone, free: 0, count: 0 };
    z.free += Math.max(0, n.podCapacity - onNode);
    z.count += onNode;
    byZone.set(n.zone, z);
  }
  return [...byZone.values()];
}

/**
 * Places `count` more replicas on `nodes`: per zone by counting (`fillZones`), then within a zone
 * on the emptiest node (the soft hostname spread). `existing` holds replicas already running.
 */
export function place(
  nodes: readonly SimNode[],
  count: number,
  zoneSpread: WorkloadInventory['zoneSpread'],
  existing: ReadonlyMap<string, number> = new Map(),
): Placement {
  const perNode = new Map<string, number>(nodes.map((n) => [n.id, existing.get(n.id) ?? 0]));
  const zones = zoneSlots(nodes, (id) => perNode.get(id) ?? 0);
  const before = new Map(zones.map((z) => [z.zone, z.count]));
  const pending = fillZones(zones, count, zoneSpread);
  for (const z of zones) {
    let add = z.count - (before.get(z.zone) ?? 0);
    const inZone = nodes.filter((n) => n.zone === z.zone);
    while (add > 0) {
      let best: SimNode | undefined;
      for (const n of inZone) {
        const onNode = perNode.get(n.id)!;
        if (onNode < n.podCapacity && (!best || onNode < perNode.get(best.id)!)) best = n;
      }
      if (!best) break;
      perNode.set(best.id, perNode.get(best.id)! + 1);
      add--;
    }
  }
  return { perNode, pending };
}

export function placedOn(placement: Placement, nodes: readonly SimNode[]): number {
  return nodes.reduce((s, n) => s + (placement.perNode.get(n.id) ?? 0), 0);
}
