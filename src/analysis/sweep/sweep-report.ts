import type { ScenarioVerdict } from '../fault/scenarios';
import type { TargetId } from '../../targets/cluster-target';
import type { MonitoringChoice, Requirement, Survival, SweepAxes } from './sweep-spec';
import type { Variant } from './variant';

/**
 * What-if sweep results in `report/comparison.json` (`sweep`): every configuration evaluated, per
 * target, with its inputs, monthly cost and verdicts. Part of the public contract: add fields only.
 */
/** The verdict part of a scenario outcome (what a sweep needs; no explanation text). */
export type { ScenarioVerdict } from '../fault/scenarios';

export interface SweepReport {
  readonly axes: SweepAxes;
  readonly requirement: Requirement;
  /** The requirement in words. */
  readonly goal: string;
  readonly evaluated: number;
  /** Configurations (all targets) that meet the requirement; 0 makes `compare` exit 1. */
  readonly feasible: number;
  readonly elapsedMs: number;
  readonly configurationsPerSecond: number;
  /** CPU time the sweep took (user + system, all of the process's threads). */
  readonly cpuMs: number;
  /** Configurations per CPU-second: the per-core rate, independent of other load on the machine. */
  readonly configurationsPerCpuSecond: number;
  readonly targets: readonly TargetSweep[];
  /** What each monitoring choice observes, for the Prometheus-vs-Datadog answer. */
  readonly monitoringCoverage: Readonly<Record<MonitoringChoice, string>>;
}

export interface TargetSweep {
  readonly target: TargetId;
  readonly evaluated: number;
  readonly feasible: number;
  /** Cheapest configuration that meets the requirement, if any. */
  readonly best?: SweepConfiguration;
  /** Per monitoring choice swept: the cheapest configuration meeting the requirement with it. */
  readonly cheapestByMonitoring?: Readonly<Partial<Record<MonitoringChoice, SweepConfiguration>>>;
  readonly configurations: readonly SweepConfiguration[];
}

export interface SweepConfiguration {
  /** The axis values of this configuration (the axes that apply to the target). */
  readonly inputs: Variant;
  readonly monthlyTotalUsd: number;
  /** Nodes the cluster autoscaler adds because the replicas do not fit (priced and analysed); absent when none. */
  readonly autoscaledNodes?: number;
  /** Financially backed control-plane SLA in percent, or null. */
  readonly sla: number | null;
  /** Modelled control-plane availability in percent, or null. */
  readonly modelledAvailability: number | null;
  /** Surviving = the API stays up, some replicas keep serving and all can be restored. */
  readonly survives: Readonly<Record<Survival, boolean>>;
  readonly verdicts: readonly ScenarioVerdict[];
  readonly meets: boolean;
  /** Why it does not meet the requirement (empty when it does). */
  readonly misses: readonly string[];
  /** What the verdicts do not capture for this configuration (e.g. spot reclaim waves). */
  readonly caveats: readonly string[];
}
