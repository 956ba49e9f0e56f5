import type { NodeAllocatable } from '../../targets/cluster-target';
import type { Inventory, WorkloadInventory } from '../inventory/inventory';
import { quorum, type ControlPlaneFacts } from '../fault/control-plane-model';
import { place as simulate, selectedGroups, workloadNodes } from '../fault/placement';
import { drainAllowed } from '../fault/scenarios';
import type { ScenarioId } from '../report/comparison-report';

/** The verdict part of a scenario outcome (what a sweep needs; no explanation text). */
export interface ScenarioVerdict {
  readonly id: ScenarioId;
  readonly apiAvailable: boolean;
  readonly servingFraction: number;
  readonly restorable: boolean;
  readonly drainAllowed: boolean;
}

/**
 * One zone of the workload's node group as counts: `nodes` nodes of equal pod capacity holding `pods`
 * replicas. The scheduler fills the least-loaded node first, so a zone's nodes always hold
 * floor(pods/nodes) or one more, the fuller ones first: the counts say everything a per-pod
 * simulation would. `firstGlobal` and `stride` give each node's position in the group's node order
 * (node i of a group sits in zone i mod zones), which decides ties the way kube-scheduler's order does.
 */
interface ZoneCount {
  readonly name: string;
  nodes: number;
  pods: number;
  /** Position of this zone's local node 0 in the group's node order; + stride per further node. */
  firstGlobal: number;
  readonly stride: number;
}

/**
 * Fault verdicts by counting, for sweeps: the same answers as `analyseFaultTolerance`
 * (src/analysis/fault/scenarios.ts) without building a node per VM or placing pod by pod over every
 * node. Handles the shape every stack synthesizes (the workload's nodeSelector picks one node group);
 * returns undefined for anything else, and the caller falls back to the scenario functions.
 * A property test over random inventories pins the agreement.
 */
export function countingVerdicts(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
  cp: ControlPlaneFacts,
): ScenarioVerdict[] | undefined {
  const counted = zoneCounts(inv, allocatable);
  if (!counted) return undefined;
  const { zones, capacity } = counted;
  const w = inv.workload;
  const hard = w.zoneSpread === 'hard';
  const pending0 = place(zones, w.replicas, capacity, hard);
  const running = w.replicas - pending0;
  const fraction = (serving: number) => (w.replicas > 0 ? round(Math.max(0, serving) / w.replicas) : 0);
  const base: Baseline = { zones, w, capacity, hard, pending0, running, fraction };

  return [
    nodeLoss(base),
    zoneLoss(inv, cp, base),
    {
      id: 'control-plane-upgrade',
      apiAvailable: cp.survivesUpgrade,
      servingFraction: fraction(running),
      restorable: running === w.replicas,
      drainAllowed: cp.survivesUpgrade && drainAllowed(w, running),
    },
    {
      id: 'control-plane-instance-loss',
      apiAvailable: cp.tolerates.instances >= 1,
      servingFraction: fraction(running),
      restorable: running === w.replicas,
      drainAllowed: cp.tolerates.instances >= 1 && drainAllowed(w, running),
    },
  ];
}

/** The workload's one node group as zone counts with its per-node pod capacity; undefined unless exactly one group is selected. */
function zoneCounts(
  inv: Inventory,
  allocatable: (instanceType: string) => NodeAllocatable,
): { zones: ZoneCount[]; capacity: number } | undefined {
  const groups = selectedGroups(inv.workload, inv.nodeGroups);
  if (groups.length !== 1) return undefined;
  const g = groups[0];
  // One node's pod capacity, computed by the placement module itself so both paths share its rules.
  const probe = workloadNodes(inv, allocatable, [{ ...g, desiredNodes: 1 }]);
  const capacity = probe.length === 1 ? probe[0].podCapacity : 0;
  const m = g.zones.length;
  const zones: ZoneCount[] = [];
  for (let j = 0; j < m && j < g.desiredNodes; j++) {
    zones.push({
      name: g.zones[j],
      nodes: Math.floor(g.desiredNodes / m) + (j < g.desiredNodes % m ? 1 : 0),
      pods: 0,
      firstGlobal: j,
      stride: m,
    });
  }
  return { zones, capacity };
}

/** Replicas the scheduler cannot place on the nodes as they are (what a cluster autoscaler reacts to). */
export function pendingReplicas(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): number {
  const w = inv.workload;
  const counted = zoneCounts(inv, allocatable);
  if (counted) return place(counted.zones, w.replicas, counted.capacity, w.zoneSpread === 'hard');
  return simulate(workloadNodes(inv, allocatable), w.replicas, w.zoneSpread).pending;
}

/**
 * Places `count` replicas zone by zone as kube-scheduler would (see `place` in fault/placement.ts):
 * the allowed node with the fewest replicas in its zone, then on itself, then first in order; hard
 * spread allows only zones at the global minimum. Mutates the zones; returns how many stay pending.
 */
function place(zones: ZoneCount[], count: number, capacity: number, hard: boolean): number {
  let pending = 0;
  for (let i = 0; i < count; i++) {
    let minCount = Infinity;
    for (const z of zones) if (z.pods < minCount) minCount = z.pods;
    let best: ZoneCount | undefined;
    let bestOnNode = 0;
    let bestGlobal = 0;
    for (const z of zones) {
      if (z.pods >= z.nodes * capacity || (hard && z.pods + 1 - minCount > 1)) continue;
      const onNode = Math.floor(z.pods / z.nodes);
      const global = z.firstGlobal + z.stride * (z.pods % z.nodes);
      if (
        !best ||
        z.pods < best.pods ||
        (z.pods === best.pods && (onNode < bestOnNode || (onNode === bestOnNode && global < bestGlobal)))
      ) {
        best = z;
        bestOnNode = onNode;
        bestGlobal = global;
      }
    }
    if (best) best.pods++;
    else pending++;
  }
  return pending;
}

function copy(zones: readonly ZoneCount[]): ZoneCount[] {
  return zones.map((z) => ({ ...z }));
}

const NO_NODES = { apiAvailable: true, servingFraction: 0, restorable: false, drainAllowed: false } as const;

/** The initial placement and what both loss scenarios need from it. */
interface Baseline {
  readonly zones: readonly ZoneCount[];
  readonly w: WorkloadInventory;
  readonly capacity: number;
  readonly hard: boolean;
  /** Replicas pending before any failure. */
  readonly pending0: number;
  readonly running: number;
  readonly fraction: (serving: number) => number;
}

function nodeLoss({ zones, w, capacity, hard, pending0, running, fraction }: Baseline): ScenarioVerdict {
  if (zones.length === 0) return { id: 'node-loss', ...NO_NODES };
  // The busiest node: the fullest zone's first node; ties go to the node first in order.
  let worst = 0;
  let worstTop = -1;
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i];
    const top = Math.ceil(z.pods / z.nodes);
    if (top > worstTop || (top === worstTop && z.firstGlobal < zones[worst].firstGlobal)) {
      worst = i;
      worstTop = top;
    }
  }
  const after = copy(zones);
  const hit = after[worst];
  hit.nodes -= 1;
  hit.pods -= worstTop;
  hit.firstGlobal += hit.stride;
  const survivors = after.filter((z) => z.nodes > 0);
  const restorable = place(survivors, worstTop + pending0, capacity, hard) === 0;
  const serving = running - worstTop;
  return {
    id: 'node-loss',
    apiAvailable: true,
    servingFraction: fraction(serving),
    restorable,
    drainAllowed: drainAllowed(w, restorable ? w.replicas : serving),
  };
}

function zoneLoss(
  inv: Inventory,
  cp: ControlPlaneFacts,
  { zones, w, capacity, hard, pending0, running, fraction }: Baseline,
): ScenarioVerdict {
  if (zones.length === 0) return { id: 'zone-loss', ...NO_NODES };
  let worst: { api: boolean; serving: number; restorable: boolean } | undefined;
  for (let i = 0; i < zones.length; i++) {
    const survivors = copy(zones.filter((_, k) => k !== i));
    const restorable = place(survivors, zones[i].pods + pending0, capacity, hard) === 0;
    const o = { api: apiAfterZoneLoss(inv, cp, zones[i].name), serving: running - zones[i].pods, restorable };
    // Worst zone: API lost first, then fewest serving, then not restorable; ties keep the first zone.
    if (
      !worst ||
      Number(o.api) - Number(worst.api) < 0 ||
      (o.api === worst.api &&
        (o.serving < worst.serving || (o.serving === worst.serving && Number(o.restorable) < Number(worst.restorable))))
    ) {
      worst = o;
    }
  }
  const o = worst!;
  return {
    id: 'zone-loss',
    apiAvailable: o.api,
    servingFraction: fraction(o.serving),
    restorable: o.restorable,
    drainAllowed: drainAllowed(w, o.restorable ? w.replicas : Math.max(0, o.serving)),
  };
}

function apiAfterZoneLoss(inv: Inventory, cp: ControlPlaneFacts, zone: string): boolean {
  const plane = inv.controlPlane;
  if (plane.kind === 'self-managed') return plane.instances.filter((i) => i.zone !== zone).length >= quorum(plane.instances.length);
  if (cp.singleZone) return cp.singleZone !== zone;
  return cp.tolerates.zones >= 1;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
