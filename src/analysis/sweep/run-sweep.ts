import { UsageError } from '../../spec/usage-error';
import type { NodeAllocatable } from '../../targets/cluster-target';
import { getTarget } from '../../targets/registry';
import type { CostOptions } from '../cost/cost-assumptions';
import type { PriceCatalog } from '../cost/catalog/price-fact';
import { autoscaledNodes, withAutoscaledNodes } from '../cost/autoscaled-nodes';
import { priceInventory } from '../cost/cost-model';
import { controlPlaneFacts, type ControlPlaneFacts } from '../fault/control-plane-model';
import { scenarioVerdicts } from '../fault/scenarios';
import type { Inventory } from '../inventory/inventory';
import type { ScenarioId } from '../report/comparison-report';

import type { ScenarioVerdict, SweepConfiguration, SweepReport, TargetSweep } from './sweep-report';
import {
  AXIS_NAMES,
  MAX_CONFIGURATIONS_PER_TARGET,
  SURVIVALS,
  describeRequirement,
  type MonitoringChoice,
  type Requirement,
  type Survival,
  type SweepAxes,
} from './sweep-spec';
import { axisApplies, variantInventory, type Variant } from './variant';

const SCENARIO_OF: Readonly<Record<Survival, ScenarioId>> = {
  node: 'node-loss',
  zone: 'zone-loss',
  upgrade: 'control-plane-upgrade',
  'cp-instance': 'control-plane-instance-loss',
};

/** What each monitoring choice observes (what the money buys), stated next to its price. */
export const MONITORING_COVERAGE: Readonly<Record<MonitoringChoice, string>> = {
  prometheus:
    "the workload's own metrics (its metrics port and path, scraped as the target's ServiceMonitor, PodMonitoring or collector configuration declares) in the target's Prometheus: managed on GKE and AKS, " +
    'Amazon Managed Service for Prometheus on eks/kops when the stack creates it, else a self-hosted server; no host metrics, logs or traces',
  datadog:
    'every host running the agent (each node, and kops control-plane instances): host and container metrics plus the workload via autodiscovery; ' +
    'logs, APM and custom metrics beyond the included allotment are billed separately and not priced',
  none: 'nothing: no metrics are collected or kept',
};

/** What the verdicts of a spot configuration do not say (the fault scenarios model one node or one zone failing). */
export const SPOT_CAVEAT =
  'spot capacity: the cloud can reclaim many nodes of one type at once, with 30 seconds (GCP, Azure) to 2 minutes (AWS) notice; ' +
  'the verdicts model one node or one zone failing, not a reclaim wave';

/** Surviving a failure: the API stays up, some replicas keep serving, and all can be restored. */
export function survives(verdict: ScenarioVerdict): boolean {
  return verdict.apiAvailable && verdict.servingFraction > 0 && verdict.restorable;
}

/** Why a configuration misses the requirement; `sla=` counts only financially backed SLAs, `availability=` the model. */
export function missedRequirements(
  c: Pick<SweepConfiguration, 'survives' | 'sla' | 'modelledAvailability' | 'monthlyTotalUsd'>,
  requirement: Requirement,
): string[] {
  const misses: string[] = [];
  for (const s of requirement.survive) if (!c.survives[s]) misses.push(`does not survive ${s} loss`);
  if (requirement.sla !== undefined && (c.sla === null || c.sla < requirement.sla)) {
    misses.push(`financially backed SLA ${c.sla === null ? 'none' : `${c.sla}%`} < ${requirement.sla}%`);
  }
  if (requirement.availability !== undefined && (c.modelledAvailability === null || c.modelledAvailability < requirement.availability)) {
    misses.push(`modelled availability ${c.modelledAvailability ?? 'none'}% < ${requirement.availability}%`);
  }
  if (requirement.maxMonthlyUsd !== undefined && c.monthlyTotalUsd > requirement.maxMonthlyUsd) {
    misses.push(`costs ${c.monthlyTotalUsd} > ${requirement.maxMonthlyUsd} USD/month`);
  }
  return misses;
}

/**
 * Control-plane facts are a function of the target and its control plane alone (tier, zone, members
 * and the API load balancer): a sweep meets few distinct ones, so they are computed once each. If
 * `controlPlaneFacts` ever reads more of the inventory, the key must grow with it.
 */
const CONTROL_PLANE_FACTS = new Map<string, ControlPlaneFacts>();

function cachedControlPlaneFacts(inv: Inventory): ControlPlaneFacts {
  const key = `${inv.target}|${JSON.stringify(inv.controlPlane)}`;
  let facts = CONTROL_PLANE_FACTS.get(key);
  if (!facts) {
    if (CONTROL_PLANE_FACTS.size > 10_000) CONTROL_PLANE_FACTS.clear();
    facts = controlPlaneFacts(inv);
    CONTROL_PLANE_FACTS.set(key, facts);
  }
  return facts;
}

/** Cost and verdicts of one inventory, the sweep's fast path (counting placement, totals only). */
export function evaluateConfiguration(
  base: Inventory,
  inputs: Variant,
  requirement: Requirement,
  catalog: PriceCatalog,
  costOptions: CostOptions,
  allocatable: (instanceType: string) => NodeAllocatable,
): SweepConfiguration {
  // What would run: the nodes the autoscaler adds when the replicas do not fit are both priced and analysed.
  const added = autoscaledNodes(base, allocatable);
  const inv = withAutoscaledNodes(base, added);
  const cost = priceInventory(inv, catalog, { ...costOptions, withRange: false });
  const cp = cachedControlPlaneFacts(inv);
  // The scenario functions count per zone and node class: fast enough for sweeps, and the same
  // verdicts as the report by construction.
  const verdicts: ScenarioVerdict[] = scenarioVerdicts(inv, allocatable);
  const survival = Object.fromEntries(SURVIVALS.map((s) => [s, survives(verdicts.find((v) => v.id === SCENARIO_OF[s])!)])) as Record<
    Survival,
    boolean
  >;
  const partial = { survives: survival, sla: cp.sla, modelledAvailability: cp.modelledAvailability, monthlyTotalUsd: cost.monthlyTotalUsd };
  const misses = missedRequirements(partial, requirement);
  const addedNodes = [...added.values()].reduce((n, x) => n + x, 0);
  const caveats = inv.nodeGroups.some((g) => g.role === 'worker' && g.capacity === 'spot') ? [SPOT_CAVEAT] : [];
  return {
    inputs,
    ...partial,
    ...(addedNodes > 0 ? { autoscaledNodes: addedNodes } : {}),
    verdicts,
    meets: misses.length === 0,
    misses,
    caveats,
  };
}

/** Every combination of the axes that apply to a target (see `axisApplies`). */
export function configurationsOf(target: Inventory['target'], axes: SweepAxes): Variant[] {
  const swept = new Set(AXIS_NAMES.filter((a) => axes[a] !== undefined));
  let variants: Record<string, unknown>[] = [{}];
  for (const axis of AXIS_NAMES) {
    const values = axes[axis] as readonly unknown[] | undefined;
    if (!values || !axisApplies(axis, target, swept)) continue;
    variants = variants.flatMap((v) => values.map((value) => ({ ...v, [axis]: value })));
  }
  if (variants.length > MAX_CONFIGURATIONS_PER_TARGET) {
    throw new UsageError(
      `--sweep: ${variants.length} configurations for ${target}; at most ${MAX_CONFIGURATIONS_PER_TARGET} (narrow an axis)`,
    );
  }
  return variants as Variant[];
}

/** Every combination of the axes for every target; the cheapest that meets the requirement per target. */
export function runSweep(
  inventories: readonly Inventory[],
  axes: SweepAxes,
  requirement: Requirement,
  catalog: PriceCatalog,
  costOptions: CostOptions = {},
): SweepReport {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const options = { ...costOptions, at: costOptions.at ?? new Date() };
  const targets = inventories.map((base): TargetSweep => {
    const target = getTarget(base.target);
    const allocatable = (type: string) => target.nodeAllocatable(type);
    const configurations = configurationsOf(base.target, axes).map((inputs) =>
      evaluateConfiguration(variantInventory(base, inputs), inputs, requirement, catalog, options, allocatable),
    );
    const feasible = configurations.filter((c) => c.meets);
    const cheapest = (list: readonly SweepConfiguration[]) =>
      list.reduce<SweepConfiguration | undefined>((best, c) => (!best || c.monthlyTotalUsd < best.monthlyTotalUsd ? c : best), undefined);
    const byMonitoring = axes.monitoring
      ? Object.fromEntries(
          axes.monitoring.map((m) => [m, cheapest(feasible.filter((c) => c.inputs.monitoring === m))] as const).filter(([, c]) => c),
        )
      : undefined;
    return {
      target: base.target,
      evaluated: configurations.length,
      feasible: feasible.length,
      best: cheapest(feasible),
      cheapestByMonitoring: byMonitoring,
      configurations,
    };
  });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const evaluated = targets.reduce((n, t) => n + t.evaluated, 0);
  return {
    axes,
    requirement,
    goal: describeRequirement(requirement),
    evaluated,
    feasible: targets.reduce((n, t) => n + t.feasible, 0),
    elapsedMs: Math.round(elapsedMs * 10) / 10,
    configurationsPerSecond: Math.round(evaluated / Math.max(elapsedMs / 1000, 1e-6)),
    cpuMs: Math.round(cpuMs * 10) / 10,
    configurationsPerCpuSecond: Math.round(evaluated / Math.max(cpuMs / 1000, 1e-6)),
    targets,
    monitoringCoverage: MONITORING_COVERAGE,
  };
}
