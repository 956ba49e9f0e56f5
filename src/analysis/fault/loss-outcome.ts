import type { NodeAllocatable } from '../../targets/cluster-target';
import type { Inventory } from '../inventory/inventory';
import type { ScenarioDetail, UnschedulableReason } from '../report/comparison-report';
import { afterLoss, type SteadyReservations } from './addon-reservations';
import type { LostNodes } from './lost-nodes';
import { egressAfter, pullNeedsEgress } from './network-reach';
import { fillZones, podsThatFit, replicasOnNode, type NodeClass, type ZoneSlots } from './placement';

/** The steady state every scenario starts from: node classes, add-on reservations, where the replicas run. */
export interface Baseline {
  readonly inv: Inventory;
  readonly allocatable: (instanceType: string) => NodeAllocatable;
  /** Per-node add-on reservations; undefined when no add-on runs replicas (every node of a group is alike). */
  readonly reservations?: SteadyReservations;
  readonly classes: readonly NodeClass[];
  /** Replicas per class (same order). */
  readonly replicas: readonly number[];
  readonly pending: number;
  readonly running: number;
}

/** What a failure takes away, per class: how many of its nodes (the busiest first). */
export interface LossEvent {
  readonly lostNodes: ReadonlyMap<number, number>;
  /** The zone lost entirely, for zone loss: its NAT gateway goes too. */
  readonly lostZone?: string;
  readonly apiUp: boolean;
  /** Every node lost (of any group), for the add-on replicas that must move. */
  readonly lost?: LostNodes;
}

export interface LossResult {
  readonly stopped: Readonly<Record<string, number>>;
  readonly lostReplicas: number;
  /** Replicas still running right after the failure. */
  readonly serving: number;
  /** Replicas running once everything that can start again has. */
  readonly healthyAfter: number;
  readonly unschedulable: ScenarioDetail['unschedulable'];
  readonly restorable: boolean;
  /** Workload nodes left, and how many of them still reach the API (Ready). */
  readonly survivors: number;
  readonly readyNodes: number;
}

/**
 * One failure, counted per zone: the replicas on lost nodes stop; if the API is up they are
 * placed again on surviving nodes that are Ready (reach the API), StatefulSet replicas only in
 * their zonal volume's zone, and a replica placed where the image cannot be pulled (the egress
 * path is gone and the registry is public) does not start. With the API down nothing is placed.
 */
export function evaluateLoss(base: Baseline, event: LossEvent): LossResult {
  const { inv } = base;
  const w = inv.workload;
  const stopped: Record<string, number> = {};
  let lostReplicas = 0;
  for (const [c, count] of event.lostNodes) {
    const cls = base.classes[c];
    for (let j = 0; j < count; j++) {
      const r = replicasOnNode(cls, base.replicas[c], j);
      if (r > 0) stopped[`${cls.group}#${cls.indexes[j]}`] = r;
      lostReplicas += r;
    }
  }
  const serving = base.running - lostReplicas;
  const toPlace = lostReplicas + base.pending;
  const network = inv.network;
  const inNetwork = network.apiPathForNodes === 'in-network';
  // Ready survivors per zone; egress and API reach depend on the zone only.
  const slots: ReadySlots[] = [];
  let survivorNodes = 0;
  let readyNodes = 0;
  let notReadyRoom = 0;
  const addSurvivor = (zone: string, nodes: number, replicas: number, capacity: number): void => {
    survivorNodes += nodes;
    const room = Math.max(0, capacity * nodes - replicas);
    const egress = egressAfter(network.egress, zone, event.lostZone);
    if (!inNetwork && !egress) {
      notReadyRoom += room;
      return;
    }
    readyNodes += nodes;
    let z = slots.find((x) => x.zone === zone);
    if (!z) slots.push((z = { zone, free: 0, count: 0, cachedFree: 0, egress }));
    z.free += room;
    z.count += replicas;
    // Room on nodes that already run a replica (their image is cached): floor/ceil spread, so min(nodes, replicas) of them.
    if (replicas > 0) z.cachedFree += Math.max(0, Math.min(nodes, replicas) * capacity - replicas);
  };
  const moved = event.apiUp && toPlace > 0 ? survivorsAfterAddonMoves(base, event) : undefined;
  // Survivors alike in zone, replicas and room add up exactly as one by one would.
  if (moved) for (const s of moved) addSurvivor(s.zone, s.nodes, s.replicas, s.capacity);
  else {
    base.classes.forEach((c, i) => {
      const lost = event.lostNodes.get(i) ?? 0;
      if (c.indexes.length - lost <= 0) return;
      let replicas = base.replicas[i];
      for (let j = 0; j < lost; j++) replicas -= replicasOnNode(c, base.replicas[i], j);
      addSurvivor(c.zone, c.indexes.length - lost, replicas, c.podCapacity);
    });
  }
  const result = (healthyAfter: number, unschedulable: LossResult['unschedulable']): LossResult => ({
    stopped,
    lostReplicas,
    serving,
    healthyAfter,
    unschedulable,
    restorable: event.apiUp && unschedulable.length === 0 && healthyAfter >= w.replicas,
    survivors: survivorNodes,
    readyNodes,
  });
  if (!event.apiUp) return result(serving, toPlace > 0 ? [{ count: toPlace, reason: 'api-down' }] : []);
  if (toPlace === 0) return result(serving, []);

  let started = 0;
  let noEgress = 0;
  let volumeZone = 0;
  let general = toPlace;
  if (w.kind === 'StatefulSet' && w.volumeClaims.some((c) => c.zonal !== false)) {
    // Each stopped replica's claim is bound to a volume in the zone it ran in.
    general = base.pending;
    for (const [c, count] of event.lostNodes) {
      const zone = base.classes[c].zone;
      let bound = 0;
      for (let j = 0; j < count; j++) bound += replicasOnNode(base.classes[c], base.replicas[c], j);
      const z = slots.find((s) => s.zone === zone);
      const placed = Math.min(bound, z?.free ?? 0);
      volumeZone += bound - placed;
      if (!z || placed === 0) continue;
      z.free -= placed;
      z.count += placed;
      const ok = startable(network, z, placed);
      started += ok;
      noEgress += placed - ok;
    }
  }
  let pending = 0;
  if (general > 0) {
    const before = slots.map((z) => z.count);
    pending = fillZones(slots, general, w.zoneSpread);
    slots.forEach((z, i) => {
      const added = z.count - before[i];
      const ok = startable(network, z, added);
      started += ok;
      noEgress += added - ok;
    });
  }
  // Pending because the nodes with room are NotReady (cut off from the API) is an egress problem, not capacity.
  const pendingNoEgress = Math.min(pending, notReadyRoom);
  const unschedulable: Array<{ count: number; reason: UnschedulableReason }> = [];
  if (volumeZone > 0) unschedulable.push({ count: volumeZone, reason: 'volume-zone' });
  if (noEgress + pendingNoEgress > 0) unschedulable.push({ count: noEgress + pendingNoEgress, reason: 'no-egress' });
  if (pending - pendingNoEgress > 0) unschedulable.push({ count: pending - pendingNoEgress, reason: 'no-capacity' });
  return result(serving + started, unschedulable);
}

/** A zone's Ready survivors as the counting scheduler sees them, with what image pulls need. */
interface ReadySlots extends ZoneSlots {
  /** Room on nodes that already run a replica (image cached). */
  cachedFree: number;
  /** The zone still has its egress path. */
  readonly egress: boolean;
}

/** Of `added` replicas placed in a zone, how many can pull their image there. */
function startable(network: Inventory['network'], z: ReadySlots, added: number): number {
  if (added === 0 || z.egress || !pullNeedsEgress(network, false)) return added;
  return pullNeedsEgress(network, true) ? 0 : Math.min(added, z.cachedFree);
}

/**
 * When add-on replicas ran on the lost nodes they move to the survivors first (they run at system
 * priority), so the nodes that take one have less room; undefined when nothing moves (then the loss
 * is pure counting: fewer nodes, fewer replicas). Per class, the survivors that took nothing count
 * together; each node that took a replica counts on its own.
 */
function survivorsAfterAddonMoves(
  base: Baseline,
  event: LossEvent,
): Array<{ zone: string; nodes: number; replicas: number; capacity: number }> | undefined {
  const lost = event.lost;
  if (!base.reservations || !lost) return undefined;
  if (!base.reservations.replicas.some((r) => lost.has(r.group, r.index, r.zone))) return undefined;
  const { changed } = afterLoss(base.reservations, lost);
  // Each entry with its group's position and its first node, so the zones come in node order.
  const out: Array<{ zone: string; nodes: number; replicas: number; capacity: number; group: number; first: number }> = [];
  let group = -1;
  base.classes.forEach((c, i) => {
    if (i === 0 || c.group !== base.classes[i - 1].group) group++;
    const lostHere = event.lostNodes.get(i) ?? 0;
    let nodes = c.indexes.length - lostHere;
    if (nodes <= 0) return;
    let replicas = base.replicas[i];
    for (let j = 0; j < lostHere; j++) replicas -= replicasOnNode(c, base.replicas[i], j);
    const took: number[] = [];
    for (const room of changed) {
      if (room.group !== c.group || room.zone !== c.zone) continue;
      const j = c.indexes.indexOf(room.index);
      if (j < lostHere) continue;
      const onNode = replicasOnNode(c, base.replicas[i], j);
      took.push(j);
      // Room that add-ons took from a node already running replicas does not evict them (no preemption of the workload).
      const capacity = Math.max(podsThatFit(base.inv.workload, room), onNode);
      out.push({ zone: c.zone, nodes: 1, replicas: onNode, capacity, group, first: room.index });
      nodes--;
      replicas -= onNode;
    }
    if (nodes === 0) return;
    let j = lostHere;
    while (took.includes(j)) j++;
    out.push({ zone: c.zone, nodes, replicas, capacity: c.podCapacity, group, first: c.indexes[j] });
  });
  return out.sort((a, b) => a.group - b.group || a.first - b.first);
}

/** The detail for pictures from a loss result. */
export function lossDetail(
  base: Baseline,
  r: Pick<LossResult, 'stopped' | 'unschedulable'>,
  lost: { zones?: readonly string[]; nodes?: readonly string[]; controlPlane?: readonly string[] },
): ScenarioDetail {
  return {
    lostZones: lost.zones ?? [],
    lostNodes: lost.nodes ?? [],
    lostControlPlaneInstances: lost.controlPlane ?? [],
    replicasBefore: replicasBefore(base),
    stoppedReplicas: r.stopped,
    unschedulable: r.unschedulable,
  };
}

/** Replicas per node id before the failure (the nodes that run any). */
function replicasBefore(base: Baseline): Record<string, number> {
  const out: Record<string, number> = {};
  base.classes.forEach((c, i) => {
    for (let j = 0; j < c.indexes.length && replicasOnNode(c, base.replicas[i], j) > 0; j++) {
      out[`${c.group}#${c.indexes[j]}`] = replicasOnNode(c, base.replicas[i], j);
    }
  });
  return out;
}
