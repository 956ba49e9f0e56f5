import type { NodeAllocatable } from '../../targets/cluster-target';
import type { ScenarioOutcome } from '../report/comparison-report';
import type { Inventory, WorkloadInventory } from '../inventory/inventory';
import { addonReservations, hasAddonReplicas, nodeId, nodeZone, type SteadyReservations } from './addon-reservations';
import { controlPlaneFacts, quorum, type ControlPlaneFacts } from './control-plane-model';
import { evaluateLoss, lossDetail, type Baseline, type LossEvent, type LossResult } from './loss-outcome';
import { lostNode, lostPool, lostZone } from './lost-nodes';
import { API_DOWN, pct, recovery, upgradeMechanism } from './scenario-wording';
import { placeOnClasses, workloadClasses, type ClassPlacement, type NodeClass } from './placement';

export interface FaultAnalysis {
  readonly controlPlane: ControlPlaneFacts;
  readonly scenarios: readonly ScenarioOutcome[];
  readonly zoneLossHeadroomPercent: number;
}

/** The verdict part of a scenario outcome: what a sweep needs, without explanation or detail. */
export type ScenarioVerdict = Pick<ScenarioOutcome, 'id' | 'apiAvailable' | 'servingFraction' | 'restorable' | 'drainAllowed'>;

/** A scenario's verdict, and its explanation and detail, built only when asked for (sweeps never do). */
interface Evaluated {
  readonly verdict: ScenarioVerdict;
  readonly describe: () => Pick<ScenarioOutcome, 'explanation' | 'detail'>;
}

/**
 * Evaluates the failure scenarios on the synthesized topology. Pure: the allocatable function is
 * the target's own model of its nodes. Failures are worst case: the node, zone or capacity pool
 * whose loss hurts most. `spot-reclaim` is added only when the workload runs on spot capacity.
 */
export function analyseFaultTolerance(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): FaultAnalysis {
  const { cp, base, evaluated } = evaluateScenarios(inv, allocatable);
  return {
    controlPlane: cp,
    scenarios: evaluated.map((e) => ({ ...e.verdict, ...e.describe() })),
    zoneLossHeadroomPercent: zoneLossHeadroom(inv, base.classes),
  };
}

/** The scenarios' verdicts alone, the same as `analyseFaultTolerance`'s (sweeps evaluate thousands). */
export function scenarioVerdicts(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): ScenarioVerdict[] {
  return evaluateScenarios(inv, allocatable).evaluated.map((e) => e.verdict);
}

function evaluateScenarios(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable) {
  const cp = controlPlaneFacts(inv);
  const { reservations, classes, initial } = steadyState(inv, allocatable);
  const w = inv.workload;
  const base: Baseline = {
    inv,
    allocatable,
    reservations,
    classes,
    replicas: initial.replicas,
    pending: initial.pending,
    running: w.replicas - initial.pending,
  };
  const evaluated = [nodeLoss(base), zoneLoss(base, cp), controlPlaneUpgrade(base, cp), controlPlaneInstanceLoss(base, cp)];
  const spot = spotReclaim(base);
  if (spot) evaluated.push(spot);
  return { cp, base, evaluated };
}

/**
 * Replicas the scheduler cannot place on the nodes as they are, after add-on reservations and the
 * add-on replicas placed first: what a cluster autoscaler reacts to. The same steady state every
 * scenario starts from.
 */
export function pendingReplicas(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): number {
  return steadyState(inv, allocatable).initial.pending;
}

interface SteadyState {
  readonly allocatable: (instanceType: string) => NodeAllocatable;
  readonly reservations?: SteadyReservations;
  readonly classes: readonly NodeClass[];
  readonly initial: ClassPlacement;
}

/** Inventories are immutable values: the steady state of one is computed once (sweeps ask twice: pricing and scenarios). */
const STEADY_STATES = new WeakMap<Inventory, SteadyState>();

function steadyState(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): SteadyState {
  const known = STEADY_STATES.get(inv);
  if (known && known.allocatable === allocatable) return known;
  const reservations = hasAddonReplicas(inv) ? addonReservations(inv, allocatable) : undefined;
  const classes = workloadClasses(inv, allocatable, reservations?.byNode);
  const state = { allocatable, reservations, classes, initial: placeOnClasses(classes, inv.workload.replicas, inv.workload.zoneSpread) };
  STEADY_STATES.set(inv, state);
  return state;
}

function nodeCount(classes: readonly NodeClass[]): number {
  return classes.reduce((n, c) => n + c.indexes.length, 0);
}

/** PDB arithmetic: can one more pod be evicted when `healthy` replicas are up? */
export function drainAllowed(w: WorkloadInventory, healthy: number): boolean {
  const budget = w.disruptionBudget;
  if (!budget) return healthy > 0;
  const desiredHealthy = 'minAvailable' in budget ? budget.minAvailable : w.replicas - budget.maxUnavailable;
  return healthy - desiredHealthy >= 1;
}

/** The verdict fields every scenario shares. */
function verdict(base: Baseline, id: ScenarioOutcome['id'], apiUp: boolean, r: LossResult): ScenarioVerdict {
  const w = base.inv.workload;
  const fraction = w.replicas > 0 ? Math.max(0, r.serving) / w.replicas : 0;
  return {
    id,
    apiAvailable: apiUp,
    servingFraction: round(fraction),
    restorable: r.restorable,
    drainAllowed: apiUp && drainAllowed(w, r.restorable ? w.replicas : Math.max(0, r.healthyAfter)),
  };
}

/** Worst first: API lost, fewest serving, not restorable, most replicas that cannot start. */
function worse(a: { apiUp: boolean; r: LossResult }, b: { apiUp: boolean; r: LossResult }): number {
  const stuck = (x: LossResult) => x.unschedulable.reduce((s, u) => s + u.count, 0);
  return (
    Number(a.apiUp) - Number(b.apiUp) ||
    a.r.serving - b.r.serving ||
    Number(a.r.restorable) - Number(b.r.restorable) ||
    stuck(b.r) - stuck(a.r)
  );
}

function nodeLoss(base: Baseline): Evaluated {
  if (base.classes.length === 0) return noNodes('node-loss');
  // The nodes of a class behave alike: losing its busiest node is the one case to evaluate per class.
  const outcomes = base.classes.map((c, i) => {
    const event: LossEvent = { lostNodes: new Map([[i, 1]]), apiUp: true, lost: lostNode(c.group, c.indexes[0]) };
    return { c, apiUp: true, r: evaluateLoss(base, event) };
  });
  outcomes.sort(worse);
  const { c, r } = outcomes[0];
  const id = `${c.group}#${c.indexes[0]}`;
  const w = base.inv.workload;
  return {
    verdict: verdict(base, 'node-loss', true, r),
    describe: () => ({
      explanation:
        `Losing the worst of ${nodeCount(base.classes)} workload nodes (${c.zone}) stops ${r.lostReplicas} of ${w.replicas} replicas; ` +
        `${pct(Math.max(0, r.serving) / Math.max(1, w.replicas))} keep serving. ${recovery(base, r)}`,
      detail: lossDetail(base, r, { nodes: [id] }),
    }),
  };
}

/** Every node id (any group) in `zone`. */
function nodesInZone(inv: Inventory, zone: string): string[] {
  const ids: string[] = [];
  for (const g of inv.nodeGroups) for (let i = 0; i < g.desiredNodes; i++) if (nodeZone(g, i) === zone) ids.push(nodeId(g, i));
  return ids;
}

function zoneLoss(base: Baseline, cp: ControlPlaneFacts): Evaluated {
  const inv = base.inv;
  const w = inv.workload;
  if (base.classes.length === 0) return noNodes('zone-loss');
  const plane = inv.controlPlane;
  const zones = [
    ...new Set([...base.classes.map((c) => c.zone), ...(plane.kind === 'self-managed' ? plane.instances.map((i) => i.zone) : [])]),
  ];
  const outcomes = zones.map((zone) => {
    const apiUp = apiAvailableAfterZoneLoss(inv, cp, zone);
    const lostNodes = new Map<number, number>();
    base.classes.forEach((c, i) => c.zone === zone && lostNodes.set(i, c.indexes.length));
    const event: LossEvent = { lostNodes, lostZone: zone, apiUp, lost: lostZone(zone) };
    return { zone, apiUp, r: evaluateLoss(base, event) };
  });
  outcomes.sort(worse);
  const o = outcomes[0];
  return {
    verdict: verdict(base, 'zone-loss', o.apiUp, o.r),
    describe: () => {
      const lostMembers = plane.kind === 'self-managed' ? plane.instances.filter((i) => i.zone === o.zone).map((i) => i.address) : [];
      const fraction = w.replicas > 0 ? Math.max(0, o.r.serving) / w.replicas : 0;
      const api = o.apiUp
        ? 'the Kubernetes API stays up.'
        : `the Kubernetes API is lost${lostMembers.length > 0 ? ` (${lostMembers.length} of ${lostMembers.length + (plane.kind === 'self-managed' ? plane.instances.length - lostMembers.length : 0)} etcd members were there: no quorum)` : ''}. ${API_DOWN}`;
      return {
        explanation:
          `Worst case is losing ${o.zone}${zones.length === 1 ? ', the only zone with workload nodes' : ` (of ${zones.length} zones)`}: ` +
          `${o.r.lostReplicas} of ${w.replicas} replicas stop, ${pct(fraction)} keep serving; ${api}` +
          (o.apiUp ? ` ${o.r.survivors === 0 ? 'No workload nodes remain.' : recovery(base, o.r, o.zone)}` : ''),
        detail: lossDetail(base, o.r, { zones: [o.zone], nodes: nodesInZone(inv, o.zone), controlPlane: lostMembers }),
      };
    },
  };
}

function apiAvailableAfterZoneLoss(inv: Inventory, cp: ControlPlaneFacts, zone: string): boolean {
  const plane = inv.controlPlane;
  if (plane.kind === 'self-managed') {
    const left = plane.instances.filter((i) => i.zone !== zone).length;
    const lbZones = plane.apiLoadBalancerZones ?? [];
    const lbUp = lbZones.length === 0 || lbZones.some((z) => z !== zone);
    return left >= quorum(plane.instances.length) && lbUp;
  }
  if (cp.singleZone) return cp.singleZone !== zone;
  return cp.tolerates.zones >= 1;
}

const NOTHING_LOST: ReadonlyMap<number, number> = new Map();

/** Nothing of the workload is lost; only the API may be. */
function apiOnly(base: Baseline, id: ScenarioOutcome['id'], apiUp: boolean, lostControlPlane: readonly string[], text: string): Evaluated {
  const r = evaluateLoss(base, { lostNodes: NOTHING_LOST, apiUp });
  return {
    verdict: verdict(base, id, apiUp, r),
    describe: () => ({
      explanation: apiUp ? text : `${text} ${API_DOWN}`,
      detail: lossDetail(base, r, { controlPlane: lostControlPlane }),
    }),
  };
}

function controlPlaneUpgrade(base: Baseline, cp: ControlPlaneFacts): Evaluated {
  const plane = base.inv.controlPlane;
  const replaced = !cp.survivesUpgrade && plane.kind === 'self-managed' ? plane.instances.map((i) => i.address) : [];
  return apiOnly(base, 'control-plane-upgrade', cp.survivesUpgrade, replaced, upgradeMechanism(plane, cp.survivesUpgrade));
}

function controlPlaneInstanceLoss(base: Baseline, cp: ControlPlaneFacts): Evaluated {
  const plane = base.inv.controlPlane;
  const up = cp.tolerates.instances >= 1;
  const lost = plane.kind === 'self-managed' && plane.instances.length > 0 ? [plane.instances[0].address] : [];
  return apiOnly(
    base,
    'control-plane-instance-loss',
    up,
    lost,
    up
      ? `One control-plane instance fails; the others keep the API${plane.kind === 'self-managed' ? ' and etcd quorum' : ''} up.`
      : 'The only control-plane instance fails: the API is down until it is replaced.',
  );
}

/**
 * Spot capacity is reclaimed by capacity pool (instance type × zone) when the provider needs it
 * back, with 2 minutes' notice on AWS and 30 s on Google Cloud and Azure, so the nodes of one
 * spot group in one zone go together: the worst such pool is lost at once.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-interruptions.html ,
 * https://cloud.google.com/compute/docs/instances/spot#preemption ,
 * https://learn.microsoft.com/azure/virtual-machines/spot-vms#eviction-policy (2026-11)
 */
function spotReclaim(base: Baseline): Evaluated | undefined {
  const spot = base.classes.filter((c) => c.capacityType === 'spot');
  if (spot.length === 0) return undefined;
  const pools = [...new Map(spot.map((c) => [`${c.group}|${c.zone}`, { group: c.group, zone: c.zone }])).values()];
  const inPool = (c: NodeClass, pool: { group: string; zone: string }) =>
    c.capacityType === 'spot' && c.group === pool.group && c.zone === pool.zone;
  const outcomes = pools.map((pool) => {
    const lost = new Map<number, number>();
    base.classes.forEach((c, i) => inPool(c, pool) && lost.set(i, c.indexes.length));
    return { pool, apiUp: true, r: evaluateLoss(base, { lostNodes: lost, apiUp: true, lost: lostPool(pool.group, pool.zone) }) };
  });
  outcomes.sort(worse);
  const o = outcomes[0];
  const w = base.inv.workload;
  const { group, zone } = o.pool;
  return {
    verdict: verdict(base, 'spot-reclaim', true, o.r),
    describe: () => {
      const lostNodes = base.classes
        .filter((c) => inPool(c, o.pool))
        .flatMap((c) => c.indexes.map((index) => `${c.group}#${index}`))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      return {
        explanation:
          `Spot capacity is reclaimed per capacity pool: all ${lostNodes.length} spot node(s) of ${group} in ${zone} go at once ` +
          `(2 min notice on AWS, 30 s on Google Cloud and Azure), stopping ${o.r.lostReplicas} of ${w.replicas} replicas. ${recovery(base, o.r)}`,
        detail: lossDetail(base, o.r, { nodes: lostNodes }),
      };
    },
  };
}

function noNodes(id: ScenarioOutcome['id']): Evaluated {
  return {
    verdict: { id, apiAvailable: true, servingFraction: 0, restorable: false, drainAllowed: false },
    describe: () => ({
      explanation: 'No node matches the workload nodeSelector.',
      detail: { lostZones: [], lostNodes: [], lostControlPlaneInstances: [], replicasBefore: {}, stoppedReplicas: {}, unschedulable: [] },
    }),
  };
}

/**
 * Spare capacity after losing the busiest zone, as a percentage of what the replicas request,
 * on the binding resource (CPU or memory). Negative: the survivors are short.
 */
export function zoneLossHeadroom(inv: Inventory, classes: readonly NodeClass[]): number {
  const w = inv.workload;
  const zones = [...new Set(classes.map((c) => c.zone))];
  if (zones.length === 0 || w.replicas === 0) return -100;
  const need = { cpu: w.requests.cpuMillicores * w.replicas, mem: w.requests.memoryMiB * w.replicas };
  let worst = Infinity;
  for (const zone of zones) {
    let cpu = 0;
    let mem = 0;
    for (const c of classes) {
      if (c.zone === zone) continue;
      cpu += c.spare.cpuMillicores * c.indexes.length;
      mem += c.spare.memoryMiB * c.indexes.length;
    }
    worst = Math.min(worst, need.cpu > 0 ? (cpu - need.cpu) / need.cpu : Infinity, need.mem > 0 ? (mem - need.mem) / need.mem : Infinity);
  }
  return Math.round(worst * 1000) / 10;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
