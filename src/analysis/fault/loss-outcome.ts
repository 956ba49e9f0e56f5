import type { NodeAllocatable } from '../../targets/cluster-target';
import type { Inventory } from '../inventory/inventory';
import type { ScenarioDetail, UnschedulableReason } from '../report/comparison-report';
import { afterLoss, type SteadyReservations } from './addon-reservations';
import { egressAfter, pullNeedsEgress } from './network-reach';
import { fillZones, replicasOnNode, workloadClasses, type NodeClass, type ZoneSlots } from './placement';

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
  readonly replicasBefore: Readonly<Record<string, number>>;
}

/** What a failure takes away, per class: how many of its nodes (the busiest first). */
export interface LossEvent {
  readonly lostNodes: ReadonlyMap<number, number>;
  /** The zone lost entirely, for zone loss: its NAT gateway goes too. */
  readonly lostZone?: string;
  readonly apiUp: boolean;
  /** Every node id lost (of any group), when add-on replicas must move; built only then. */
  readonly lostIds?: () => ReadonlySet<string>;
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
  if (moved) for (const s of moved) addSurvivor(s.zone, s.nodes, s.nodes * s.replicas, s.capacity);
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
 * priority), so the survivors' room is recomputed node by node; undefined when nothing moves (then
 * the loss is pure counting: fewer nodes, fewer replicas).
 */
function survivorsAfterAddonMoves(
  base: Baseline,
  event: LossEvent,
): Array<{ zone: string; nodes: number; replicas: number; capacity: number }> | undefined {
  if (!base.reservations || !event.lostIds) return undefined;
  const lostIds = event.lostIds();
  if (!base.reservations.replicas.some((r) => lostIds.has(r.node))) return undefined;
  // Replicas still running, by group and node index, then the survivors' room after the add-ons moved.
  const running = new Map<string, number[]>();
  base.classes.forEach((c, i) => {
    const byIndex = running.get(c.group) ?? [];
    c.indexes.forEach((index, j) => (byIndex[index] = replicasOnNode(c, base.replicas[i], j)));
    running.set(c.group, byIndex);
  });
  const after = afterLoss(base.inv, base.reservations, lostIds);
  // One entry per (zone, replicas, room): nodes that are alike count together.
  const out: Array<{ zone: string; nodes: number; replicas: number; capacity: number }> = [];
  for (const c of workloadClasses(base.inv, base.allocatable, after.byNode)) {
    const byIndex = running.get(c.group) ?? [];
    // Per class, nodes alike in replicas (and so in room) count together; keyed by number, not string.
    const alike = new Map<number, { zone: string; nodes: number; replicas: number; capacity: number }>();
    for (const index of c.indexes) {
      const replicas = byIndex[index] ?? 0;
      // Room that add-ons took from a node already running replicas does not evict them (no preemption of the workload).
      const capacity = Math.max(c.podCapacity, replicas);
      const entry = alike.get(replicas);
      if (entry) entry.nodes++;
      else alike.set(replicas, { zone: c.zone, nodes: 1, replicas, capacity });
    }
    out.push(...alike.values());
  }
  return out;
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
    replicasBefore: base.replicasBefore,
    stoppedReplicas: r.stopped,
    unschedulable: r.unschedulable,
  };
}
