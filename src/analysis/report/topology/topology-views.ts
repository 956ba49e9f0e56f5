import type { ScenarioDetail, ScenarioId, TargetReport } from '../comparison-report';
import { SCENARIO_LABELS, formatServingFraction } from '../report-format';
import type { TopologyModel } from './topology-model';

/** The failures the figure can show: what is lost is a set of zones, nodes or control-plane instances. */
export const DRAWN_SCENARIOS = ['node-loss', 'zone-loss', 'control-plane-instance-loss'] as const satisfies readonly ScenarioId[];
export type DrawnScenario = (typeof DRAWN_SCENARIOS)[number];
export type TopologyViewId = 'before' | DrawnScenario;

export type UnschedulableReason = ScenarioDetail['unschedulable'][number]['reason'];

export const UNSCHEDULABLE_REASONS: Readonly<Record<UnschedulableReason, string>> = {
  'no-capacity': 'no capacity left on the surviving nodes',
  'volume-zone': 'its volume is pinned to the lost zone',
  'no-egress': 'no egress for image pulls',
  'api-down': 'the Kubernetes API is down',
};

/** One state of the figure: before any failure, or right after one scenario's failure. */
export interface TopologyView {
  readonly id: TopologyViewId;
  readonly label: string;
  readonly lostZones: ReadonlySet<string>;
  readonly lostNodes: ReadonlySet<string>;
  readonly lostControlPlane: ReadonlySet<string>;
  /** Replicas per node before the failure, and how many of them stop. */
  readonly replicas: ReadonlyMap<string, { readonly before: number; readonly stopped: number }>;
  readonly unschedulable: ScenarioDetail['unschedulable'];
  readonly apiAvailable: boolean;
  /** One line: what keeps serving, the API, what cannot start again. */
  readonly summary: string;
}

export interface TopologyViews {
  readonly views: readonly TopologyView[];
  /** Scenarios that exist in the report but carry no `detail`, so they cannot be drawn. */
  readonly undrawn: readonly DrawnScenario[];
}

/** The figure's views: the placement as computed, then one per drawn scenario that has a `detail`. */
export function topologyViews(model: TopologyModel, target: TargetReport): TopologyViews {
  const total = model.nodes.reduce((s, n) => s + n.replicas, 0) + model.pendingReplicas;
  const before: TopologyView = {
    id: 'before',
    label: 'As placed',
    lostZones: new Set(),
    lostNodes: new Set(),
    lostControlPlane: new Set(),
    replicas: new Map(model.nodes.map((n) => [n.id, { before: n.replicas, stopped: 0 }])),
    unschedulable: model.pendingReplicas > 0 ? [{ count: model.pendingReplicas, reason: 'no-capacity' }] : [],
    apiAvailable: true,
    summary: `${total - model.pendingReplicas} of ${total} replicas placed on ${model.nodes.filter((n) => n.replicas > 0).length} nodes in ${
      new Set(model.nodes.filter((n) => n.replicas > 0).map((n) => n.zone)).size
    } zones.`,
  };
  const views: TopologyView[] = [before];
  const undrawn: DrawnScenario[] = [];
  for (const id of DRAWN_SCENARIOS) {
    const outcome = target.scenarios.find((s) => s.id === id);
    if (outcome === undefined) continue;
    if (outcome.detail === undefined) {
      undrawn.push(id);
      continue;
    }
    const d = outcome.detail;
    const lostZones = new Set(d.lostZones);
    const lostNodes = new Set([...d.lostNodes, ...model.nodes.filter((n) => lostZones.has(n.zone)).map((n) => n.id)]);
    const stoppedTotal = Object.values(d.stoppedReplicas).reduce((s, n) => s + n, 0);
    const cannotStart = d.unschedulable.reduce((s, u) => s + u.count, 0);
    const parts = [
      `${formatServingFraction(outcome.servingFraction)} keep serving`,
      `${stoppedTotal} ${stoppedTotal === 1 ? 'replica stops' : 'replicas stop'}`,
      outcome.apiAvailable ? 'API up' : 'API down',
      cannotStart > 0
        ? `${cannotStart} cannot start again (${d.unschedulable.map((u) => `${u.count}: ${UNSCHEDULABLE_REASONS[u.reason]}`).join('; ')})`
        : stoppedTotal > 0
          ? outcome.restorable
            ? 'all can start again on what is left'
            : 'not all can start again on what is left'
          : '',
    ].filter((p) => p !== '');
    views.push({
      id,
      label: SCENARIO_LABELS[id],
      lostZones,
      lostNodes,
      lostControlPlane: new Set(d.lostControlPlaneInstances),
      replicas: new Map(
        model.nodes.map((n) => [n.id, { before: d.replicasBefore[n.id] ?? n.replicas, stopped: d.stoppedReplicas[n.id] ?? 0 }]),
      ),
      unschedulable: d.unschedulable,
      apiAvailable: outcome.apiAvailable,
      summary: `${parts.join(' · ')}.`,
    });
  }
  return { views, undrawn };
}
