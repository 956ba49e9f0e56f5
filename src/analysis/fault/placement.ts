import type { NodeAllocatable } from '../../targets/cluster-target';
import { NODE_POOL_LABEL } from '../../targets/common/kubernetes-common';
import type { Inventory, NodeGroup, WorkloadInventory } from '../inventory/inventory';
import { addonReservations, baseNodeFree, hasAddonReplicas, nodeZone, type NodeFreeMap, type NodeReservation } from './addon-reservations';

export { DAEMONSET_OVERHEAD } from './addon-reservations';

/*
 * Placement as a counting problem. Workload pods are uniform, so a node's room is a number of pod
 * slots and slots add up per zone. Nodes of one group in one zone with the same room are a
 * `NodeClass`; the scheduler's emptiest-node-first spreads a class's replicas evenly (floor/ceil),
 * so per-node counts follow from the class total. A sweep over 100 nodes costs what 3 zones cost.
 */

/** Nodes of one group in one zone that have the same room for the workload. */
export interface NodeClass {
  readonly group: string;
  readonly zone: string;
  readonly capacityType: 'on-demand' | 'spot';
  /** Workload pods one node takes after reservations, DaemonSets and add-on replicas. */
  readonly podCapacity: number;
  /** CPU and memory one node has left for the workload. */
  readonly spare: { readonly cpuMillicores: number; readonly memoryMiB: number };
  /** The nodes' indexes in their group (node id `<group>#<index>`), in order. */
  readonly indexes: readonly number[];
}

/** One node, for callers that want nodes rather than classes (pictures, tests). */
export interface SimNode {
  readonly id: string;
  readonly zone: string;
  readonly group: string;
  readonly capacityType: 'on-demand' | 'spot';
  readonly podCapacity: number;
  readonly spare: { readonly cpuMillicores: number; readonly memoryMiB: number };
}

/** Workload pods of `requests` that fit into what a node has left. */
export function podsThatFit(w: WorkloadInventory, free: NodeReservation): number {
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
 * The workload's nodes (its nodeSelector) as classes, after the target's kubelet reservations
 * (`allocatable`), per-node add-ons (or the stated DaemonSet overhead for what they do not cover)
 * and, when `byNode` is given, the add-on replicas the scheduler put on each node first.
 */
export function workloadClasses(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  byNode?: NodeFreeMap,
  groups: readonly NodeGroup[] = inv.nodeGroups,
): NodeClass[] {
  const classes: NodeClass[] = [];
  for (const g of selectedGroups(inv.workload, groups)) {
    const capacityType = g.capacity ?? 'on-demand';
    if (!byNode || !hasAddonReplicas(inv)) {
      // Every node of the group is alike: one class per zone, nodes round-robin over the zones.
      const free = baseNodeFree(inv, allocatable(g.instanceType));
      const spare = { cpuMillicores: free.cpuMillicores, memoryMiB: free.memoryMiB };
      const podCapacity = podsThatFit(inv.workload, free);
      g.zones.forEach((zone, z) => {
        const indexes: number[] = [];
        for (let i = z; i < g.desiredNodes; i += g.zones.length) indexes.push(i);
        if (indexes.length > 0) classes.push({ group: g.address, zone, capacityType, podCapacity, spare, indexes });
      });
      continue;
    }
    // Nodes are alike except the few add-on replicas landed on (or that were lost): one pass over
    // the indexes, looking up only those exceptions.
    const groupBase = byNode.baseOf(g.address);
    const byKey = new Map<string, { zone: string; free: NodeReservation; indexes: number[] }>();
    for (let i = 0; i < g.desiredNodes; i++) {
      const free = byNode.roomAt(g.address, i);
      if (!free) continue;
      const zone = nodeZone(g, i);
      // Nodes with the group's base room share one class per zone (keyed by the zone alone).
      const isBase =
        groupBase !== undefined &&
        (free === groupBase ||
          (free.cpuMillicores === groupBase.cpuMillicores && free.memoryMiB === groupBase.memoryMiB && free.pods === groupBase.pods));
      const key = isBase ? zone : `${zone}|${free.cpuMillicores}|${free.memoryMiB}|${free.pods}`;
      const entry = byKey.get(key) ?? { zone, free, indexes: [] };
      entry.indexes.push(i);
      byKey.set(key, entry);
    }
    for (const { zone, free, indexes } of byKey.values()) {
      classes.push({
        group: g.address,
        zone,
        capacityType,
        podCapacity: podsThatFit(inv.workload, free),
        spare: { cpuMillicores: free.cpuMillicores, memoryMiB: free.memoryMiB },
        indexes,
      });
    }
  }
  return classes;
}

/** The classes as nodes. */
export function classNodes(classes: readonly NodeClass[]): SimNode[] {
  return classes.flatMap((c) =>
    c.indexes.map((i) => ({
      id: `${c.group}#${i}`,
      zone: c.zone,
      group: c.group,
      capacityType: c.capacityType,
      podCapacity: c.podCapacity,
      spare: c.spare,
    })),
  );
}

/**
 * The workload's nodes of `groups`, one by one, in class order (see `workloadClasses`), after the
 * add-on replicas the scheduler places first (computed here unless `byNode` is given).
 */
export function workloadNodes(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  groups: readonly NodeGroup[] = inv.nodeGroups,
  byNode: NodeFreeMap | undefined = hasAddonReplicas(inv) ? addonReservations(inv, allocatable, groups).byNode : undefined,
): SimNode[] {
  return classNodes(workloadClasses(inv, allocatable, byNode, groups));
}

/** Groups whose pool label satisfies the workload's nodeSelector (all worker groups when it selects nothing). */
export function selectedGroups(workload: WorkloadInventory, groups: readonly NodeGroup[]): NodeGroup[] {
  const wanted = workload.nodeSelector[NODE_POOL_LABEL];
  return groups.filter((g) => (wanted === undefined ? g.role === 'worker' : g.pool === wanted));
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

/** Replicas per class (same order as the classes); pods the scheduler could not place are `pending`. */
export interface ClassPlacement {
  readonly replicas: readonly number[];
  readonly pending: number;
}

/**
 * Places `count` replicas on the classes: per zone by counting (`fillZones`), then within a zone
 * on the class whose nodes are emptiest (the soft hostname spread), a class's nodes evenly.
 */
export function placeOnClasses(classes: readonly NodeClass[], count: number, zoneSpread: WorkloadInventory['zoneSpread']): ClassPlacement {
  const replicas = classes.map(() => 0);
  const zones: ZoneSlots[] = [];
  const zoneOf = classes.map((c) => {
    let z = zones.findIndex((s) => s.zone === c.zone);
    if (z < 0) z = zones.push({ zone: c.zone, free: 0, count: 0 }) - 1;
    zones[z].free += c.podCapacity * c.indexes.length;
    return z;
  });
  const pending = fillZones(zones, count, zoneSpread);
  zones.forEach((zone, z) => {
    for (let added = 0; added < zone.count; added++) {
      let best = -1;
      for (let c = 0; c < classes.length; c++) {
        const n = classes[c].indexes.length;
        if (zoneOf[c] !== z || replicas[c] >= classes[c].podCapacity * n) continue;
        if (best < 0 || Math.floor(replicas[c] / n) < Math.floor(replicas[best] / classes[best].indexes.length)) best = c;
      }
      if (best < 0) break;
      replicas[best]++;
    }
  });
  return { replicas, pending };
}

/** Replicas on the `j`-th node of a class holding `replicas` (evenly: the first ones get the remainder). */
export function replicasOnNode(c: NodeClass, replicas: number, j: number): number {
  const n = c.indexes.length;
  return Math.floor(replicas / n) + (j < replicas % n ? 1 : 0);
}

/** Replicas per node id; pods the scheduler could not place are `pending`. */
export interface Placement {
  readonly perNode: ReadonlyMap<string, number>;
  readonly pending: number;
}

/**
 * Places `count` more replicas on `nodes` node by node, for callers that draw nodes: per zone by
 * counting (`fillZones`), then within a zone on the emptiest node, the first in order on a tie.
 * On `workloadNodes`' order this is exactly what `placeOnClasses` + `replicasOnNode` give the
 * fault analysis. `existing` holds replicas already running.
 */
export function place(
  nodes: readonly SimNode[],
  count: number,
  zoneSpread: WorkloadInventory['zoneSpread'],
  existing: ReadonlyMap<string, number> = new Map(),
): Placement {
  const perNode = new Map<string, number>(nodes.map((n) => [n.id, existing.get(n.id) ?? 0]));
  const zones: ZoneSlots[] = [];
  for (const n of nodes) {
    let z = zones.find((s) => s.zone === n.zone);
    if (!z) zones.push((z = { zone: n.zone, free: 0, count: 0 }));
    z.free += Math.max(0, n.podCapacity - perNode.get(n.id)!);
    z.count += perNode.get(n.id)!;
  }
  const before = zones.map((z) => z.count);
  const pending = fillZones(zones, count, zoneSpread);
  zones.forEach((z, i) => {
    const inZone = nodes.filter((n) => n.zone === z.zone);
    for (let add = z.count - before[i]; add > 0; add--) {
      let best: SimNode | undefined;
      for (const n of inZone) {
        const onNode = perNode.get(n.id)!;
        if (onNode < n.podCapacity && (!best || onNode < perNode.get(best.id)!)) best = n;
      }
      if (!best) break;
      perNode.set(best.id, perNode.get(best.id)! + 1);
    }
  });
  return { perNode, pending };
}

export function placedOn(placement: Placement, nodes: readonly SimNode[]): number {
  return nodes.reduce((s, n) => s + (placement.perNode.get(n.id) ?? 0), 0);
}
