import type { NodeAllocatable } from '../../targets/cluster-target';
import type { Inventory } from '../inventory/inventory';
import type { ScenarioDetail, UnschedulableReason } from '../report/comparison-report';
import { addonReservations, type AddonReservations } from './addon-reservations';
import { egressAfter, pullNeedsEgress } from './network-reach';
import { fillZones, workloadNodes, zoneSlots, type Placement, type SimNode } from './placement';

/** The steady state every scenario starts from: nodes, add-on reservations, where the replicas run. */
export interface Baseline {
  readonly inv: Inventory;
  readonly allocatable: (instanceType: string) => NodeAllocatable;
  readonly reservations: AddonReservations;
  readonly nodes: readonly SimNode[];
  readonly initial: Placement;
  readonly running: number;
  readonly replicasBefore: Readonly<Record<string, number>>;
}

/** What a failure takes away. */
export interface LossEvent {
  /** Node ids lost, of any group (the workload's or not). */
  readonly lostNodes: ReadonlySet<string>;
  /** The zone lost entirely, for zone loss: its NAT gateway goes too. */
  readonly lostZone?: string;
  readonly apiUp: boolean;
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
  const { inv, initial } = base;
  const w = inv.workload;
  const stopped: Record<string, number> = {};
  let lostReplicas = 0;
  for (const n of base.nodes) {
    const c = initial.perNode.get(n.id) ?? 0;
    if (event.lostNodes.has(n.id) && c > 0) {
      stopped[n.id] = c;
      lostReplicas += c;
    }
  }
  const serving = base.running - lostReplicas;
  const toPlace = lostReplicas + initial.pending;
  const noLoss = event.lostNodes.size === 0;
  const survivors = noLoss ? base.nodes : survivingNodes(base, event.lostNodes);
  // Egress and API reach depend on the zone only: decide once per zone.
  const egressByZone = new Map<string, boolean>();
  const egressOk = (zone: string): boolean => {
    let ok = egressByZone.get(zone);
    if (ok === undefined) egressByZone.set(zone, (ok = egressAfter(inv.network.egress, zone, event.lostZone)));
    return ok;
  };
  const inNetwork = inv.network.apiPathForNodes === 'in-network';
  const ready: SimNode[] = [];
  let notReadyRoom = 0;
  const existing = (id: string): number => (event.lostNodes.has(id) ? 0 : (initial.perNode.get(id) ?? 0));
  for (const n of survivors) {
    if (inNetwork || egressOk(n.zone)) ready.push(n);
    else notReadyRoom += Math.max(0, n.podCapacity - existing(n.id));
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
      survivors: survivors.length,
      readyNodes: ready.length,
    };
  };
  if (!event.apiUp) return result(serving, [{ count: toPlace, reason: 'api-down' }]);
  if (toPlace === 0) return result(serving, []);

  const cachedFree = (zone: string) =>
    ready.filter((n) => n.zone === zone && existing(n.id) > 0).reduce((s, n) => s + Math.max(0, n.podCapacity - existing(n.id)), 0);
  /** Of `added` replicas placed in `zone`, how many can pull their image there. */
  const startable = (zone: string, added: number): number => {
    if (added === 0 || egressOk(zone) || !pullNeedsEgress(inv.network, false)) return added;
    return pullNeedsEgress(inv.network, true) ? 0 : Math.min(added, cachedFree(zone));
  };

  let started = 0;
  let noEgress = 0;
  let volumeZone = 0;
  let general = toPlace;
  const slots = zoneSlots(ready, existing);
  if (w.kind === 'StatefulSet' && w.volumeClaims.some((c) => c.zonal !== false)) {
    // Each stopped replica's claim is bound to a volume in the zone it ran in.
    general = initial.pending;
    const bound = new Map<string, number>();
    for (const n of base.nodes) if (stopped[n.id]) bound.set(n.zone, (bound.get(n.zone) ?? 0) + stopped[n.id]);
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

/** The workload's nodes left after a loss; add-on replicas from lost nodes take room on them first. */
function survivingNodes(base: Baseline, lost: ReadonlySet<string>): SimNode[] {
  const movesAddons = base.reservations.replicas.some((r) => lost.has(r.node));
  if (!movesAddons) return base.nodes.filter((n) => !lost.has(n.id));
  const after = addonReservations(base.inv, base.allocatable, base.inv.nodeGroups, { nodes: lost, before: base.reservations });
  return workloadNodes(base.inv, base.allocatable, base.inv.nodeGroups, after.byNode);
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
