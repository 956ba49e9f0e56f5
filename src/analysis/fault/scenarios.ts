import type { NodeAllocatable } from '../../targets/cluster-target';
import type { ScenarioOutcome } from '../report/comparison-report';
import type { Inventory, WorkloadInventory } from '../inventory/inventory';
import { controlPlaneFacts, quorum, type ControlPlaneFacts } from './control-plane-model';
import { place, placedOn, workloadNodes, type SimNode } from './placement';

export interface FaultAnalysis {
  readonly controlPlane: ControlPlaneFacts;
  readonly scenarios: readonly ScenarioOutcome[];
  readonly zoneLossHeadroomPercent: number;
}

/**
 * Evaluates the four failure scenarios on the synthesized topology. Pure: the allocatable function
 * is the target's own model of its nodes. Failures are worst case: the node or zone whose loss hurts most.
 */
export function analyseFaultTolerance(inv: Inventory, allocatable: (instanceType: string) => NodeAllocatable): FaultAnalysis {
  const cp = controlPlaneFacts(inv);
  const nodes = workloadNodes(inv, allocatable);
  const w = inv.workload;
  const initial = place(nodes, w.replicas, w.zoneSpread);
  const running = w.replicas - initial.pending;
  const base = { nodes, initial, running };

  return {
    controlPlane: cp,
    scenarios: [
      nodeLoss(inv, base),
      zoneLoss(inv, cp, base),
      controlPlaneUpgrade(inv, cp, running),
      controlPlaneInstanceLoss(inv, cp, running),
    ],
    zoneLossHeadroomPercent: zoneLossHeadroom(inv, nodes),
  };
}

interface Baseline {
  readonly nodes: readonly SimNode[];
  readonly initial: ReturnType<typeof place>;
  readonly running: number;
}

/** PDB arithmetic: can one more pod be evicted when `healthy` replicas are up? */
export function drainAllowed(w: WorkloadInventory, healthy: number): boolean {
  const budget = w.disruptionBudget;
  if (!budget) return healthy > 0;
  const desiredHealthy = 'minAvailable' in budget ? budget.minAvailable : w.replicas - budget.maxUnavailable;
  return healthy - desiredHealthy >= 1;
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** Loses `lost` nodes, then reschedules their replicas on what is left. */
function afterLoss(w: WorkloadInventory, base: Baseline, lost: ReadonlySet<string>) {
  const survivors = base.nodes.filter((n) => !lost.has(n.id));
  const lostReplicas = base.nodes.filter((n) => lost.has(n.id)).reduce((s, n) => s + (base.initial.perNode.get(n.id) ?? 0), 0);
  const serving = base.running - lostReplicas;
  const existing = new Map([...base.initial.perNode].filter(([id]) => !lost.has(id)));
  const rescheduled = place(survivors, lostReplicas + base.initial.pending, w.zoneSpread, existing);
  const healthyAfter = placedOn(rescheduled, survivors);
  return { survivors, lostReplicas, serving, restorable: rescheduled.pending === 0 && healthyAfter === w.replicas, healthyAfter };
}

function nodeLoss(inv: Inventory, base: Baseline): ScenarioOutcome {
  const w = inv.workload;
  if (base.nodes.length === 0) return noNodes('node-loss');
  const worst = [...base.nodes].sort((a, b) => (base.initial.perNode.get(b.id) ?? 0) - (base.initial.perNode.get(a.id) ?? 0))[0];
  const r = afterLoss(w, base, new Set([worst.id]));
  const fraction = w.replicas > 0 ? Math.max(0, r.serving) / w.replicas : 0;
  return {
    id: 'node-loss',
    apiAvailable: true,
    servingFraction: round(fraction),
    restorable: r.restorable,
    drainAllowed: drainAllowed(w, r.restorable ? w.replicas : r.serving),
    explanation:
      `Losing the busiest of ${base.nodes.length} workload nodes (${worst.zone}) stops ${r.lostReplicas} of ${w.replicas} replicas; ${pct(fraction)} keep serving. ` +
      (r.restorable
        ? `The other ${r.survivors.length} nodes have room to run all ${w.replicas} again.`
        : `The other ${r.survivors.length} nodes can run only ${r.healthyAfter} of ${w.replicas} replicas until a new node joins.`),
  };
}

function zoneLoss(inv: Inventory, cp: ControlPlaneFacts, base: Baseline): ScenarioOutcome {
  const w = inv.workload;
  if (base.nodes.length === 0) return noNodes('zone-loss');
  const zones = [...new Set(base.nodes.map((n) => n.zone))];
  const apiUp = (zone: string) => apiAvailableAfterZoneLoss(inv, cp, zone);
  const outcomes = zones.map((zone) => {
    const r = afterLoss(w, base, new Set(base.nodes.filter((n) => n.zone === zone).map((n) => n.id)));
    return { zone, api: apiUp(zone), ...r };
  });
  // Worst zone: API lost first, then fewest serving, then not restorable.
  outcomes.sort((a, b) => Number(a.api) - Number(b.api) || a.serving - b.serving || Number(a.restorable) - Number(b.restorable));
  const o = outcomes[0];
  const fraction = w.replicas > 0 ? Math.max(0, o.serving) / w.replicas : 0;
  const natNote = singleNatNote(inv, o.zone);
  return {
    id: 'zone-loss',
    apiAvailable: o.api,
    servingFraction: round(fraction),
    restorable: o.restorable,
    drainAllowed: drainAllowed(w, o.restorable ? w.replicas : Math.max(0, o.serving)),
    explanation:
      `Worst case is losing ${o.zone}${zones.length === 1 ? ', the only zone with workload nodes' : ` (of ${zones.length} zones)`}: ` +
      `${o.lostReplicas} of ${w.replicas} replicas stop, ${pct(fraction)} keep serving; the Kubernetes API ${o.api ? 'stays up' : 'is lost'}. ` +
      (o.survivors.length === 0
        ? 'No workload nodes remain.'
        : o.restorable
          ? `The ${o.survivors.length} nodes left can run all ${w.replicas} replicas.`
          : `The ${o.survivors.length} nodes left can run ${o.healthyAfter} of ${w.replicas} replicas until new nodes join.`) +
      natNote,
  };
}

function apiAvailableAfterZoneLoss(inv: Inventory, cp: ControlPlaneFacts, zone: string): boolean {
  const plane = inv.controlPlane;
  if (plane.kind === 'self-managed') {
    const left = plane.instances.filter((i) => i.zone !== zone).length;
    return left >= quorum(plane.instances.length);
  }
  if (cp.singleZone) return cp.singleZone !== zone;
  return cp.tolerates.zones >= 1;
}

function singleNatNote(inv: Inventory, zone: string): string {
  const nats = inv.billables.filter((b) => b.kind === 'nat-gateway' && b.zone);
  if (nats.length === 1 && nats[0].zone === zone) {
    return ` The only NAT gateway is in ${zone}: private nodes in the other zones lose outbound internet access (image pulls, external APIs).`;
  }
  return '';
}

function controlPlaneUpgrade(inv: Inventory, cp: ControlPlaneFacts, running: number): ScenarioOutcome {
  const w = inv.workload;
  return {
    id: 'control-plane-upgrade',
    apiAvailable: cp.survivesUpgrade,
    servingFraction: round(w.replicas > 0 ? running / w.replicas : 0),
    restorable: running === w.replicas,
    drainAllowed: cp.survivesUpgrade && drainAllowed(w, running),
    explanation: cp.survivesUpgrade
      ? 'Control-plane instances are replaced one at a time; the API stays up and running pods are not touched.'
      : 'The single control-plane instance is replaced: the API is down for the upgrade (no deploys, no scaling, no rescheduling) while running pods keep serving.',
  };
}

function controlPlaneInstanceLoss(inv: Inventory, cp: ControlPlaneFacts, running: number): ScenarioOutcome {
  const w = inv.workload;
  const up = cp.tolerates.instances >= 1;
  return {
    id: 'control-plane-instance-loss',
    apiAvailable: up,
    servingFraction: round(w.replicas > 0 ? running / w.replicas : 0),
    restorable: running === w.replicas,
    drainAllowed: up && drainAllowed(w, running),
    explanation: up
      ? `One control-plane instance fails; the others keep the API${inv.controlPlane.kind === 'self-managed' ? ' and etcd quorum' : ''} up.`
      : 'The only control-plane instance fails: the API is down until it is replaced; running pods keep serving but nothing can be rescheduled.',
  };
}

function noNodes(id: ScenarioOutcome['id']): ScenarioOutcome {
  return {
    id,
    apiAvailable: true,
    servingFraction: 0,
    restorable: false,
    drainAllowed: false,
    explanation: 'No node matches the workload nodeSelector.',
  };
}

/**
 * Spare capacity after losing the busiest zone, as a percentage of what the replicas request,
 * on the binding resource (CPU or memory). Negative: the survivors are short.
 */
export function zoneLossHeadroom(inv: Inventory, nodes: readonly SimNode[]): number {
  const w = inv.workload;
  const zones = [...new Set(nodes.map((n) => n.zone))];
  if (zones.length === 0 || w.replicas === 0) return -100;
  const need = { cpu: w.requests.cpuMillicores * w.replicas, mem: w.requests.memoryMiB * w.replicas };
  let worst = Infinity;
  for (const zone of zones) {
    const left = nodes.filter((n) => n.zone !== zone);
    const cpu = left.reduce((s, n) => s + n.spare.cpuMillicores, 0);
    const mem = left.reduce((s, n) => s + n.spare.memoryMiB, 0);
    worst = Math.min(worst, need.cpu > 0 ? (cpu - need.cpu) / need.cpu : Infinity, need.mem > 0 ? (mem - need.mem) / need.mem : Infinity);
  }
  return Math.round(worst * 1000) / 10;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
