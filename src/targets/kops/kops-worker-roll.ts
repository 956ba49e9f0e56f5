import type { ResolvedAppSpec, ResolvedNodePool } from '../../spec/resolved-spec';

/**
 * How a worker auto-scaling group replaces its instances (EC2 instance refresh, also started by
 * `orquesta upgrade`): never below the current capacity, and never more nodes draining at once
 * than the workload's PodDisruptionBudget can absorb.
 */
export interface KopsWorkerRoll {
  /** 100: no instance is terminated before its replacement is in service. */
  readonly minHealthyPercentage: number;
  /** 100 + the batch: how many replacements may run next to the old instances. */
  readonly maxHealthyPercentage: number;
  /** Seconds a new instance needs to boot, install the packages and join before it counts as healthy. */
  readonly instanceWarmupSeconds: number;
  /** Nodes drained at the same time (the batch). */
  readonly nodesAtOnce: number;
}

/**
 * A new node installs containerd and the kubeadm packages and joins in about 3-4 minutes on
 * m6i.large (the bootstrap's own timeline); 5 minutes of warm-up keeps the refresh from counting a
 * node that has not joined yet. orquesta's choice (2026-12), after kops' default of waiting for the
 * node to validate before the next one (https://kops.sigs.k8s.io/operations/rolling-update/).
 */
export const KOPS_INSTANCE_WARMUP_SECONDS = 300;

/**
 * The termination lifecycle hook every worker group carries. A terminating instance waits in
 * `Terminating:Wait` until the control plane's drain job (user-data/day2-jobs.ts) has cordoned
 * and drained its node, or until the heartbeat times out. The drain itself times out first
 * (`drainTimeoutSeconds`), so a PodDisruptionBudget that never allows an eviction delays a roll by
 * at most that long; for termination, CONTINUE and ABANDON both terminate
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks.html, read 2026-12-01).
 */
export const KOPS_DRAIN_HOOK = {
  name: 'orquesta-drain',
  heartbeatTimeoutSeconds: 1800,
  drainTimeoutSeconds: 1500,
} as const;

/**
 * Spot: price-capacity-optimized, the strategy AWS recommends for most workloads
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/allocation-strategies.html, read 2026-12-01).
 */
export const KOPS_SPOT_ALLOCATION_STRATEGY = 'price-capacity-optimized';

/**
 * Instance types of the same vCPU and memory as each size class's type (so the capacity model's
 * allocatable holds for any of them), from the EC2 instance type pages
 * (https://aws.amazon.com/ec2/instance-types/m6i/, .../m6a/, .../m5/, .../t3/, read 2026-12-01).
 * More pools make a spot group less likely to lose all its capacity at once.
 */
const SAME_SHAPE: Readonly<Record<string, readonly string[]>> = {
  't3.medium': ['t3.medium', 't3a.medium'],
  'm6i.large': ['m6i.large', 'm6a.large', 'm5.large', 'm5a.large'],
  'm6i.xlarge': ['m6i.xlarge', 'm6a.xlarge', 'm5.xlarge', 'm5a.xlarge'],
};

/** The spot overrides for a pool whose size class maps to `instanceType` (its own type first). */
export function kopsSpotInstanceTypes(instanceType: string): string[] {
  return [...(SAME_SHAPE[instanceType] ?? [instanceType])];
}

/**
 * The roll of one pool. Pods of the workload spread over the pool's nodes (the topology spread
 * constraints of the adaptation), so one node carries at most ceil(replicas / nodes) of them; the
 * budget allows `allowed` replicas down at once, hence floor(allowed / perNode) nodes, at least
 * one: with a budget that allows nothing, drains wait for the eviction API and the hook's timeout
 * bounds the wait.
 */
export function kopsWorkerRoll(spec: ResolvedAppSpec, pool: ResolvedNodePool): KopsWorkerRoll {
  const w = spec.workload;
  const replicas = w.autoscaling?.minReplicas ?? w.replicas;
  const budget = w.disruptionBudget;
  const allowed = 'maxUnavailable' in budget ? budget.maxUnavailable : Math.max(0, replicas - budget.minAvailable);
  const nodes = Math.max(1, pool.desiredNodes);
  const perNode = Math.max(1, Math.ceil(replicas / nodes));
  const nodesAtOnce = Math.min(nodes, Math.max(1, Math.floor(allowed / perNode)));
  return {
    minHealthyPercentage: 100,
    maxHealthyPercentage: Math.min(200, 100 + Math.ceil((100 * nodesAtOnce) / nodes)),
    instanceWarmupSeconds: KOPS_INSTANCE_WARMUP_SECONDS,
    nodesAtOnce,
  };
}
