import type { TargetId } from '../../targets/cluster-target';
import type { ComparisonReport, ScenarioOutcome, TargetReport } from './comparison-report';
import {
  bestSlaTargets,
  cheapestTargets,
  formatModelledAvailability,
  formatSla,
  formatHeadroom,
  formatInstances,
  formatServingFraction,
  formatUsd,
  formatZones,
  orderedTargets,
  reportScenarios,
  scenarioLabel,
} from './report-format';
import type { OrderedTarget } from './report-format';

/*
 * The summary table as data: one list of rows that the terminal, Markdown and HTML renderers all
 * draw, so the three always agree on what the summary says.
 */

/**
 * How a renderer should emphasise a piece of text: `best` for the cheapest total and the best SLA,
 * `bad` for a failed check (API down, replicas that cannot be restored, capacity short).
 */
export type Tone = 'plain' | 'bad' | 'best';

export interface Segment {
  readonly text: string;
  /** The same in plain ASCII, where `text` uses other characters. @default - `text` */
  readonly ascii?: string;
  /** @default 'plain' */
  readonly tone?: Tone;
}

export type SummaryRowKey =
  | 'monthly-total'
  | 'fixed'
  | 'per-node'
  | 'range'
  | 'sla'
  | 'modelled-availability'
  | 'tolerates'
  | `scenario:${ScenarioOutcome['id']}`
  | 'zone-loss-headroom';

export interface SummaryRow {
  readonly key: SummaryRowKey;
  readonly label: string;
  /** A detail of the row above it (drawn indented). */
  readonly sub: boolean;
  /** What the row measures, for a tooltip or legend. */
  readonly help: string;
  readonly cells: Readonly<Record<TargetId, readonly Segment[]>>;
}

export interface SummaryTable {
  readonly targets: readonly OrderedTarget[];
  readonly rows: readonly SummaryRow[];
  readonly cheapest: readonly TargetId[];
  readonly bestSla: readonly TargetId[];
}

/** Builds the summary rows for every target of the report. */
export function summaryTable(report: ComparisonReport): SummaryTable {
  const targets = orderedTargets(report);
  const cheapest = cheapestTargets(report);
  const bestSla = bestSlaTargets(report);
  const row = (
    key: SummaryRowKey,
    label: string,
    sub: boolean,
    help: string,
    cell: (t: TargetReport, id: TargetId) => Segment[],
  ): SummaryRow => {
    const cells: Partial<Record<TargetId, readonly Segment[]>> = {};
    for (const { id, target } of targets) cells[id] = cell(target, id);
    return { key, label, sub, help, cells: cells as Record<TargetId, readonly Segment[]> };
  };

  const rows: SummaryRow[] = [
    row('monthly-total', 'Monthly cost', false, 'Monthly total in USD at the node pools’ desired sizes', (t, id) => [
      { text: formatUsd(t.monthlyTotalUsd), tone: cheapest.includes(id) ? 'best' : 'plain' },
    ]),
    row('fixed', 'fixed', true, 'Paid with zero worker nodes: control plane, load balancers, NAT, state bucket', (t) => [
      { text: formatUsd(t.fixedMonthlyUsd) },
    ]),
    row('per-node', 'scales with nodes', true, 'Worker instances, their disks, per-host monitoring', (t) => [
      { text: formatUsd(t.perNodeMonthlyUsd) },
    ]),
    row('range', 'min–max nodes', true, 'Monthly total at the node pools’ minimum and maximum sizes', (t) => [
      {
        text: `${formatUsd(t.monthlyRangeUsd.min)}–${formatUsd(t.monthlyRangeUsd.max)}`,
        ascii: `${formatUsd(t.monthlyRangeUsd.min)}-${formatUsd(t.monthlyRangeUsd.max)}`,
      },
    ]),
    row(
      'sla',
      'Control-plane SLA',
      false,
      'Financially backed monthly uptime of the Kubernetes API (none for self-managed control planes and AKS Free)',
      (t, id) => [{ text: formatSla(t.controlPlane), tone: bestSla.includes(id) ? 'best' : 'plain' }],
    ),
    row(
      'modelled-availability',
      'modelled availability',
      true,
      'Not a commitment: the SLA for managed control planes; for kops etcd quorum over its zones times the API load balancer’s SLA',
      (t) => [{ text: formatModelledAvailability(t.controlPlane) }],
    ),
    row('tolerates', 'tolerates losing', true, 'Control-plane instances and zones it can lose and keep serving', (t) => [
      { text: formatInstances(t.controlPlane.tolerates.instances), tone: t.controlPlane.tolerates.instances > 0 ? 'plain' : 'bad' },
      { text: formatZones(t.controlPlane.tolerates.zones), tone: t.controlPlane.tolerates.zones > 0 ? 'plain' : 'bad' },
    ]),
    ...reportScenarios(report).map((scenario) =>
      row(`scenario:${scenario}`, scenarioLabel(scenario), false, scenarioHelp(scenario), (t) => scenarioSegments(t, scenario)),
    ),
    row(
      'zone-loss-headroom',
      'Zone-loss headroom',
      false,
      'Spare allocatable capacity after losing the busiest zone, in % of the replicas’ requests',
      (t) => [{ text: formatHeadroom(t.zoneLossHeadroomPercent), tone: t.zoneLossHeadroomPercent < 0 ? 'bad' : 'plain' }],
    ),
  ];
  return { targets, rows, cheapest, bestSla };
}

function scenarioHelp(scenario: ScenarioOutcome['id']): string {
  return `${scenarioLabel(scenario)}: Kubernetes API up, share of replicas serving right after it, whether every stopped replica can start again`;
}

/** The outcome of one scenario for a target, or undefined when the report did not evaluate it. */
export function findScenario(target: TargetReport, scenario: ScenarioOutcome['id']): ScenarioOutcome | undefined {
  return target.scenarios.find((s) => s.id === scenario);
}

/**
 * `API ✓ · 67% serving · restorable` as segments (ASCII: `API ok`, `API DOWN`). With the API down
 * the verdict is `no rescheduling, no drains`: that is why nothing is restored, not a PodDisruptionBudget.
 */
export function scenarioSegments(target: TargetReport, scenario: ScenarioOutcome['id']): Segment[] {
  const outcome = findScenario(target, scenario);
  if (outcome === undefined) return [{ text: 'not evaluated' }];
  const serving: Segment = {
    text: `${formatServingFraction(outcome.servingFraction)} serving`,
    tone: outcome.servingFraction <= 0 ? 'bad' : 'plain',
  };
  if (!outcome.apiAvailable) {
    return [{ text: 'API ✗', ascii: 'API DOWN', tone: 'bad' }, serving, { text: 'no rescheduling, no drains', tone: 'bad' }];
  }
  const segments: Segment[] = [
    { text: 'API ✓', ascii: 'API ok' },
    serving,
    outcome.restorable ? { text: 'restorable' } : { text: 'not restorable', tone: 'bad' },
  ];
  if (!outcome.drainAllowed) segments.push({ text: 'drain blocked', tone: 'bad' });
  return segments;
}

/** The segments as one string, in Unicode or ASCII. */
export function joinSegments(segments: readonly Segment[], ascii: boolean): string {
  return segments.map((s) => (ascii ? (s.ascii ?? s.text) : s.text)).join(ascii ? ', ' : ' · ');
}
