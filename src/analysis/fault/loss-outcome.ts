import type { NodeAllocatable } from '../../targets/cluster-target';
import type { Inventory } from '../inventory/inventory';
import type { ScenarioDetail, UnschedulableReason } from '../report/comparison-report';
import { addonReservations, type AddonReservations } from './addon-reservations';
import { egressAfter, pullNeedsEgress } from './network-reach';
import { fillZones, replicasOnNode, workloadClasses, type NodeClass, type ZoneSlots } from './placement';

/** The steady state every scenario starts from: node classes, add-on reservations, where the replicas run. */
export interface Baseline {
  readonly inv: Inventory;
  readonly allocatable: (instanceType: string) => NodeAllocatable;
  /** Per-node add-on reservations; undefined when no add-on runs replicas (every node of a group is alike). */
  readonly reservations?: AddonReservations;
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

/** A class after a loss: nodes left, replicas still on them, room left. */
interface Survivor {
  readonly zone: string;
  readonly nodes: number;
  readonly replicas: number;
  readonly capacity: number;
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
  const survivors = survivingClasses(base, event);
  // Egress and API reach depend on the zone only: decide once per zone.
  const egressByZone = new Map<string, boolean>();
  const egressOk = (zone: string): boolean => {
    let ok = egressByZone.get(zone);
    if (ok === undefined) egressByZone.set(zone, (ok = egressAfter(inv.network.egress, zone, event.lostZone)));
    return ok;
  };
  const inNetwork = inv.network.apiPathForNodes === 'in-network';
  const ready: Survivor[] = [];
  let survivorNodes = 0;
  let readyNodes = 0;
  let notReadyRoom = 0;
  for (const s of survivors) {
    survivorNodes += s.nodes;
    if (inNetwork || egressOk(s.zone)) {
      ready.push(s);
      readyNodes += s.nodes;
    } else notReadyRoom += Math.max(0, s.capacity * s.nodes - s.replicas);
  }
  const result = (healthyAfter: number, unschedulable: Array<{ count: number; reason: UnschedulableReason }>): LossResult => {
    const listed = unschedulable.filter((u) => u.count > 0);
    return {
      stopped,
      lostReplicas,
      serving,
      healthyAfter,
      unschedulable: listed,
      restorable: event.apiUp && listed.length === 0 && healthyAfter >= w.replicas,
      survivors: survivorNodes,
      readyNodes,
    };
  };
  if (!event.apiUp) return result(serving, [{ count: toPlace, reason: 'api-down' }]);
  if (toPlace === 0) return result(serving, []);

  // Room on Ready nodes that already run a replica (their image is cached), per zone.
  const cachedFree = (zone: string): number =>
    ready
      .filter((s) => s.zone === zone && s.replicas > 0)
      .reduce((sum, s) => sum + Math.max(0, Math.min(s.nodes, s.replicas) * s.capacity - s.replicas), 0);
  /** Of `added` replicas placed in `zone`, how many can pull their image there. */
  const startable = (zone: string, added: number): number => {
    if (added === 0 || egressOk(zone) || !pullNeedsEgress(inv.network, false)) return added;
    return pullNeedsEgress(inv.network, true) ? 0 : Math.min(added, cachedFree(zone));
  };

  const slots: ZoneSlots[] = [];
  for (const s of ready) {
    let z = slots.find((x) => x.zone === s.zone);
    if (!z) slots.push((z = { zone: s.zone, free: 0, count: 0 }));
    z.free += Math.max(0, s.capacity * s.nodes - s.replicas);
    z.count += s.replicas;
  }
  let started = 0;
  let noEgress = 0;
  let volumeZone = 0;
  let general = toPlace;
  if (w.kind === 'StatefulSet' && w.volumeClaims.some((c) => c.zonal !== false)) {
    // Each stopped replica's claim is bound to a volume in the zone it ran in.
    general = base.pending;
    const bound = new Map<string, number>();
    for (const [c, count] of event.lostNodes) {
      let r = 0;
      for (let j = 0; j < count; j++) r += replicasOnNode(base.classes[c], base.replicas[c], j);
      bound.set(base.classes[c].zone, (bound.get(base.classes[c].zone) ?? 0) + r);
    }
    for (const [zone, count] of bound) {
      const z = slots.find((s) => s.zone === zone);
      const placed = Math.min(count, z?.free ?? 0);
      if (z) {
        z.free -= placed;
        z.count += placed;
      }
      volumeZone += count - placed;
      const ok = startable(zone, placed);
      started += ok;
      noEgress += placed - ok;
    }
  }
  let pending = 0;
  if (general > 0) {
    const before = slots.map((z) => z.count);
    pending = fillZones(slots, general, w.zoneSpread);
    slots.forEach((z, i) => {
      const ok = startable(z.zone, z.count - before[i]);
      started += ok;
      noEgress += z.count - before[i] - ok;
    });
  }
  // Pending because the nodes with room are NotReady (cut off from the API) is an egress problem, not capacity.
  const pendingNoEgress = Math.min(pending, notReadyRoom);
  return result(serving + started, [
    { count: volumeZone, reason: 'volume-zone' },
    { count: noEgress + pendingNoEgress, reason: 'no-egress' },
    { count: pending - pendingNoEgress, reason: 'no-capacity' },
  ]);
}

/**
 * The workload's classes after a loss. Without add-on replicas on the lost nodes this is counting:
 * fewer nodes, fewer replicas. Otherwise the add-on replicas move to the survivors first (they run
 * at system priority) and the survivors' room is recomputed node by node.
 */
function survivingClasses(base: Baseline, event: LossEvent): Survivor[] {
  const lostIds = base.reservations && event.lostIds ? event.lostIds() : undefined;
  const moves = base.reservations !== undefined && lostIds !== undefined && base.reservations.replicas.some((r) => lostIds.has(r.node));
  if (!moves || !base.reservations || !lostIds) {
    return base.classes.flatMap((c, i) => {
      const lost = event.lostNodes.get(i) ?? 0;
      const nodes = c.indexes.length - lost;
      if (nodes <= 0) return [];
      let replicas = base.replicas[i];
      for (let j = 0; j < lost; j++) replicas -= replicasOnNode(c, base.replicas[i], j);
      return [{ zone: c.zone, nodes, replicas, capacity: c.podCapacity }];
    });
  }
  // Replicas still running, by node id, then the survivors' room after the add-ons moved.
  const running = new Map<string, number>();
  base.classes.forEach((c, i) =>
    c.indexes.forEach((index, j) => running.set(`${c.group}#${index}`, replicasOnNode(c, base.replicas[i], j))),
  );
  const after = addonReservations(base.inv, base.allocatable, base.inv.nodeGroups, { nodes: lostIds, before: base.reservations });
  return workloadClasses(base.inv, base.allocatable, after.byNode).flatMap((c) =>
    c.indexes.map((index) => {
      const replicas = running.get(`${c.group}#${index}`) ?? 0;
      // Room that add-ons took from a node already running replicas does not evict them (no preemption of the workload).
      return { zone: c.zone, nodes: 1, replicas, capacity: Math.max(c.podCapacity, replicas) };
    }),
  );
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
