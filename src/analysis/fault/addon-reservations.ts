import type { NodeAllocatable } from '../../targets/cluster-target';
import type { AddonInventory, Inventory, NodeGroup } from '../inventory/inventory';

import { NO_NODE_LOST, type LostNodes } from './lost-nodes';
import { NodeFreeMap, type GroupRoom, type NodeReservation, type NodeRoom } from './node-free-map';

export { NodeFreeMap, type NodeReservation } from './node-free-map';

/**
 * Pods that run on every node besides the workload (kube-proxy or its eBPF replacement, the CNI
 * agent, a log/metrics agent): 100m CPU / 200 MiB / 3 pods per node is what the managed services'
 * default DaemonSets request together on a small node (e.g. GKE kube-proxy 100m, AKS cilium +
 * cloud-node-manager, EKS aws-node 25m + kube-proxy 100m), checked 2026-11 against their
 * published manifests. One assumption for targets whose `platform-addons.json` does not list their
 * node agents (see `residualOverhead`), stated in the report.
 */
export const DAEMONSET_OVERHEAD = { cpuMillicores: 100, memoryMiB: 200, pods: 3 } as const;

export function nodeId(g: NodeGroup, index: number): string {
  return `${g.address}#${index}`;
}

/** Node groups balance nodes over their zones (ASG / managed node group / GKE / AKS zone balancing). */
export function nodeZone(g: NodeGroup, index: number): string {
  return g.zones[index % g.zones.length];
}

/** An add-on replica and the node the scheduler put it on. */
export interface AddonReplica {
  readonly addon: string;
  readonly group: string;
  readonly index: number;
  readonly zone: string;
}

export interface AddonReservations {
  /** Every node of every group (workload or not), with what is left after DaemonSets and add-on replicas. */
  readonly byNode: NodeFreeMap;
  readonly replicas: readonly AddonReplica[];
  /** Add-on replicas that fit nowhere (they would stay Pending). */
  readonly pending: number;
}

/** The reservations before any failure, with what a loss is re-placed from. */
export interface SteadyReservations extends AddonReservations {
  /** The nodes add-on replicas may land on, per group and zone, and the nodes they landed on. */
  readonly state: PlacementState;
}

/** The reservations after a loss; `changed` lists the nodes that took a lost node's add-on replica. */
export interface LossReservations extends AddonReservations {
  readonly changed: readonly NodeRoom[];
}

/**
 * The nodes of one host group in one zone, in scheduler order: `first`, `first + step`, … below
 * `count`. They are alike until a replica lands on one, so the first untouched one stands for all.
 */
interface Lane {
  readonly group: string;
  /** The group's position, for the scheduler's tie-break (node order). */
  readonly order: number;
  readonly zone: string;
  readonly first: number;
  readonly step: number;
  readonly count: number;
  readonly base: NodeReservation;
}

interface MutableRoom extends NodeRoom {
  cpuMillicores: number;
  memoryMiB: number;
  pods: number;
  readonly order: number;
}

interface PlacementState {
  readonly groups: ReadonlyMap<string, GroupRoom>;
  readonly lanes: readonly Lane[];
  /** Nodes that hold add-on replicas (a few: a list, no map). */
  readonly touched: readonly MutableRoom[];
  /** Each add-on's per-replica request, by name. */
  readonly requests: ReadonlyMap<string, ReplicaRequest>;
}

/**
 * The node networking agents every cluster runs (kube-proxy or its eBPF replacement, the CNI). A
 * target whose `platform-addons.json` lists one of them with a per-node footprint lists its node
 * DaemonSets (the add-on contract: every add-on's requests), so the stated overhead, which stands
 * for those DaemonSets when nothing lists them, no longer applies; counting both would charge the
 * same DaemonSets twice. Names as the targets list them (eks vpc-cni / kube-proxy, gke dataplane-v2,
 * aks azure-cni-overlay-cilium).
 */
const NODE_NETWORKING_AGENT = /kube-proxy|vpc-cni|aws-node|(^|-)cni($|-)|cilium|calico|dataplane/;

/** What is left of the stated DaemonSet overhead: all of it unless the add-ons list the node agents themselves. */
export function residualOverhead(addons: readonly AddonInventory[]): NodeReservation {
  const listed = addons.some((a) => a.footprint.perNode !== undefined && NODE_NETWORKING_AGENT.test(a.name));
  return listed ? { cpuMillicores: 0, memoryMiB: 0, pods: 0 } : { ...DAEMONSET_OVERHEAD };
}

/** Whether any add-on runs replicas (then nodes differ by what the scheduler put on them). */
export function hasAddonReplicas(inv: Inventory): boolean {
  return inv.addons.some((a) => (a.footprint.replicas?.count ?? 0) > 0);
}

/** What every node of an instance type keeps after per-node add-ons and the residual DaemonSet overhead. */
export function baseNodeFree(inv: Inventory, a: NodeAllocatable): NodeReservation {
  const residual = residualOverhead(inv.addons);
  let cpu = a.cpuMillicores - residual.cpuMillicores;
  let mem = a.memoryMiB - residual.memoryMiB;
  let pods = a.maxPods - residual.pods;
  for (const addon of inv.addons) {
    const perNode = addon.footprint.perNode;
    if (!perNode) continue;
    cpu -= perNode.cpuMillicores;
    mem -= perNode.memoryMiB;
    pods -= 1;
  }
  return { cpuMillicores: cpu, memoryMiB: mem, pods };
}

/**
 * Reserves add-on requests on the nodes before the workload is placed (a fuller node is what a
 * user pays for): every add-on's per-node footprint on every node, the residual DaemonSet
 * overhead, then each add-on's replicas one by one on the node with the most free CPU (the
 * scheduler's LeastAllocated score) in the zone with the fewest replicas of that add-on, the first
 * in node order on a tie. Replicas go to the system pools when the cluster has any (AKS: tainted
 * CriticalAddonsOnly), else to the workers. After a loss, `afterLoss` places the lost nodes'
 * replicas again. Only the nodes that take a replica get an entry (see `NodeFreeMap`).
 */
export function addonReservations(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  groups: readonly NodeGroup[] = inv.nodeGroups,
): SteadyReservations {
  const rooms = new Map<string, GroupRoom>();
  const lanes: Lane[] = [];
  const hostRole = groups.some((g) => g.role === 'system') ? 'system' : 'worker';
  groups.forEach((g, order) => {
    const base = baseNodeFree(inv, allocatable(g.instanceType));
    rooms.set(g.address, { base, zones: g.zones });
    if (g.role !== hostRole) return;
    g.zones.forEach((zone, first) => {
      if (first < g.desiredNodes) lanes.push({ group: g.address, order, zone, first, step: g.zones.length, count: g.desiredNodes, base });
    });
  });
  const touched: MutableRoom[] = [];
  const requests = new Map(inv.addons.map((a) => [a.name, a.footprint.replicas]));
  const replicas: AddonReplica[] = [];
  let pending = 0;
  for (const a of inv.addons) {
    for (let i = 0; i < (a.footprint.replicas?.count ?? 0); i++) {
      if (!placeReplica(lanes, touched, NO_NODE_LOST, replicas, a.name, requests.get(a.name))) pending++;
    }
  }
  return {
    byNode: new NodeFreeMap(rooms, touched),
    replicas,
    pending,
    state: { groups: rooms, lanes, touched, requests },
  };
}

/**
 * The reservations after `lost` nodes fail, from the steady state: the survivors keep their
 * replicas (already reserved there), and the lost nodes' replicas are placed first (add-ons run at
 * system priority, ahead of the workload) on the survivors, by the same rule as the steady state.
 * Only the nodes that take a replica are copied.
 */
export function afterLoss(before: SteadyReservations, lost: LostNodes): LossReservations {
  const { state } = before;
  const replicas: AddonReplica[] = [];
  const toPlace: string[] = [];
  for (const r of before.replicas) {
    if (lost.has(r.group, r.index, r.zone)) toPlace.push(r.addon);
    else replicas.push(r);
  }
  // Copy on write: a node that takes a replica gets its own room; the rest read the steady state.
  const touched = state.touched.slice();
  const changed = new Set<MutableRoom>();
  let pending = before.pending;
  for (const addon of toPlace) {
    if (!placeReplica(state.lanes, touched, lost, replicas, addon, state.requests.get(addon), changed)) pending++;
  }
  const copies = [...changed];
  return {
    byNode: new NodeFreeMap(state.groups, copies, lost, before.byNode),
    replicas,
    pending,
    changed: copies,
  };
}

type ReplicaRequest = AddonInventory['footprint']['replicas'];

/**
 * Puts one replica of `addon` on the best node, or returns false when none fits. The candidates are
 * the nodes that already hold replicas (`touched`) and, per lane, its first untouched node (every
 * later one is alike and comes after it in node order). With `copyOnWrite`, an entry not in it
 * belongs to the steady state: it is copied before it changes, and every changed entry is added.
 */
function placeReplica(
  lanes: readonly Lane[],
  touched: MutableRoom[],
  lost: LostNodes,
  placed: AddonReplica[],
  addon: string,
  req: ReplicaRequest,
  copyOnWrite?: Set<MutableRoom>,
): boolean {
  if (req === undefined) return false;
  // Replicas of this add-on per zone (a few zones: parallel arrays, no map).
  const zones: string[] = [];
  const counts: number[] = [];
  for (const r of placed) {
    if (r.addon !== addon) continue;
    const z = zones.indexOf(r.zone);
    if (z < 0) {
      zones.push(r.zone);
      counts.push(1);
    } else counts[z]++;
  }
  let best: Best | undefined;
  for (const lane of lanes) {
    if (lost.hasAll(lane.group, lane.zone)) continue;
    for (let i = lane.first; i < lane.count; i += lane.step) {
      if (indexOfNode(touched, lane.group, i) >= 0 || lost.has(lane.group, i, lane.zone)) continue;
      best = preferred(best, lane.base, lane.group, lane.zone, lane.order, i, -1, req, zones, counts);
      break;
    }
  }
  for (let t = 0; t < touched.length; t++) {
    const room = touched[t];
    if (!lost.has(room.group, room.index, room.zone)) {
      best = preferred(best, room, room.group, room.zone, room.order, room.index, t, req, zones, counts);
    }
  }
  if (best === undefined) return false;
  let room: MutableRoom;
  if (best.touched < 0) {
    room = mutableRoom(best.room, best);
    touched.push(room);
  } else {
    room = touched[best.touched];
    if (copyOnWrite && !copyOnWrite.has(room)) touched[best.touched] = room = mutableRoom(room, room);
  }
  copyOnWrite?.add(room);
  room.cpuMillicores -= req.cpuMillicores;
  room.memoryMiB -= req.memoryMiB;
  room.pods -= 1;
  placed.push({ addon, group: best.group, index: best.index, zone: best.zone });
  return true;
}

/**
 * A room to change, as an object literal with one fixed shape (an object spread plus extra keys
 * gives V8 a slow shape: placing a replica ran several times slower).
 */
function mutableRoom(room: NodeReservation, at: Pick<MutableRoom, 'group' | 'index' | 'zone' | 'order'>): MutableRoom {
  return {
    cpuMillicores: room.cpuMillicores,
    memoryMiB: room.memoryMiB,
    pods: room.pods,
    group: at.group,
    index: at.index,
    zone: at.zone,
    order: at.order,
  };
}

function indexOfNode(rooms: readonly MutableRoom[], group: string, index: number): number {
  for (let t = 0; t < rooms.length; t++) if (rooms[t].index === index && rooms[t].group === group) return t;
  return -1;
}

/** The best candidate so far; `touched` is its position in the touched list, or -1 for an untouched node. */
interface Best {
  readonly room: NodeReservation;
  readonly group: string;
  readonly zone: string;
  readonly order: number;
  readonly index: number;
  readonly touched: number;
  readonly zoneCount: number;
}

/**
 * The scheduler's preference between `best` and a candidate node that fits the request: fewer
 * replicas of the add-on in the zone, then more free CPU (LeastAllocated), then node order.
 */
function preferred(
  best: Best | undefined,
  room: NodeReservation,
  group: string,
  zone: string,
  order: number,
  index: number,
  touched: number,
  req: NonNullable<ReplicaRequest>,
  zones: readonly string[],
  counts: readonly number[],
): Best | undefined {
  if (room.cpuMillicores < req.cpuMillicores || room.memoryMiB < req.memoryMiB || room.pods < 1) return best;
  const z = zones.indexOf(zone);
  const zoneCount = z < 0 ? 0 : counts[z];
  if (best !== undefined) {
    if (zoneCount !== best.zoneCount) {
      if (zoneCount > best.zoneCount) return best;
    } else if (room.cpuMillicores !== best.room.cpuMillicores) {
      if (room.cpuMillicores < best.room.cpuMillicores) return best;
    } else if (order !== best.order ? order > best.order : index > best.index) return best;
  }
  return { room, group, zone, order, index, touched, zoneCount };
}
