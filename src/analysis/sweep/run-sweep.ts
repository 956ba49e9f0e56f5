import type { TargetId } from '../../targets/cluster-target';
import { analyseInventory } from '../build-comparison';
import type { CostOptions } from '../cost/cost-assumptions';
import type { PriceCatalog } from '../cost/catalog/price-fact';
import type { Inventory } from '../inventory/inventory';
import type { ScenarioId, TargetReport } from '../report/comparison-report';
import type { Requirement, Survival, SweepAxes } from './sweep-spec';
import { variantInventory, type Variant } from './variant';

export interface SweepCandidate {
  readonly variant: Required<Variant>;
  readonly monthlyTotalUsd: number;
  readonly availability: number | null;
  readonly meets: boolean;
  /** Why it does not meet the requirement (empty when it does). */
  readonly misses: readonly string[];
}

export interface TargetSweep {
  readonly target: TargetId;
  readonly evaluated: number;
  readonly feasible: number;
  /** Cheapest configuration that meets the requirement, if any. */
  readonly best?: SweepCandidate;
}

export interface SweepResult {
  readonly perTarget: readonly TargetSweep[];
  readonly evaluated: number;
  readonly elapsedMs: number;
  readonly configurationsPerSecond: number;
}

const SCENARIO_OF: Readonly<Record<Survival, ScenarioId>> = {
  node: 'node-loss',
  zone: 'zone-loss',
  upgrade: 'control-plane-upgrade',
  'cp-instance': 'control-plane-instance-loss',
};

/** Surviving a failure: the API stays up, some replicas keep serving, and all can be restored. */
export function missedRequirements(report: TargetReport, requirement: Requirement): string[] {
  const misses: string[] = [];
  for (const s of requirement.survive) {
    const outcome = report.scenarios.find((o) => o.id === SCENARIO_OF[s])!;
    if (!outcome.apiAvailable || outcome.servingFraction === 0 || !outcome.restorable) misses.push(`does not survive ${s} loss`);
  }
  const availability = report.controlPlane.sla ?? report.controlPlane.modelledAvailability;
  if (requirement.sla !== undefined && (availability === null || availability < requirement.sla)) {
    misses.push(`control plane ${availability ?? 'no SLA'} < ${requirement.sla}%`);
  }
  if (requirement.maxMonthlyUsd !== undefined && report.monthlyTotalUsd > requirement.maxMonthlyUsd) {
    misses.push(`costs ${report.monthlyTotalUsd} > ${requirement.maxMonthlyUsd} USD/month`);
  }
  return misses;
}

/** Every combination of the axes for every target; the cheapest that meets the requirement per target. */
export function runSweep(
  inventories: readonly Inventory[],
  axes: SweepAxes,
  requirement: Requirement,
  catalog: PriceCatalog,
  costOptions: CostOptions = {},
): SweepResult {
  const started = process.hrtime.bigint();
  let evaluated = 0;
  const perTarget = inventories.map((inv): TargetSweep => {
    const baseNodes = inv.nodeGroups.filter((g) => g.role === 'worker').reduce((n, g) => n + g.desiredNodes, 0);
    const baseZones = new Set(inv.nodeGroups.flatMap((g) => g.zones)).size;
    let best: SweepCandidate | undefined;
    let feasible = 0;
    let count = 0;
    for (const zones of axes.zones ?? [baseZones]) {
      for (const nodes of axes.nodes ?? [baseNodes]) {
        const report = analyseInventory(variantInventory(inv, { zones, nodes }), catalog, costOptions, { withRange: false });
        const misses = missedRequirements(report, requirement);
        count++;
        const candidate: SweepCandidate = {
          variant: { nodes, zones },
          monthlyTotalUsd: report.monthlyTotalUsd,
          availability: report.controlPlane.sla ?? report.controlPlane.modelledAvailability,
          meets: misses.length === 0,
          misses,
        };
        if (candidate.meets) {
          feasible++;
          if (!best || candidate.monthlyTotalUsd < best.monthlyTotalUsd) best = candidate;
        }
      }
    }
    evaluated += count;
    return { target: inv.target, evaluated: count, feasible, best };
  });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { perTarget, evaluated, elapsedMs, configurationsPerSecond: Math.round(evaluated / Math.max(elapsedMs / 1000, 1e-6)) };
}
